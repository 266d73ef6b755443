"""`make bench`: latency and throughput of the app's hot paths on PostgreSQL.

Creates its own database (dropped and re-created every run; never any other),
migrates it, loads the clinic's content, collects static files into
bench/staticfiles/, starts gunicorn on production settings (bench.bench_settings),
waits for /healthz, runs every scenario of bench/scenarios.py with N concurrent
clients, stops gunicorn (also on failure or Ctrl-C), prints a table and writes
bench-results/bench-<time>.json. Exits 1 if any request failed.

Run from the project root: `.venv/bin/python -m bench.run` (what `make bench` does).
Environment (all optional):
  BENCH_CLIENTS=16            concurrent clients
  BENCH_SECONDS=60            measured seconds per scenario
  BENCH_BASELINE_SECONDS=5    measured seconds for the /healthz baseline
  BENCH_WARMUP_SECONDS=5      unrecorded warm-up before each scenario
  BENCH_WORKERS=2             gunicorn (sync) workers
  BENCH_PORT                  port for gunicorn on 127.0.0.1 (default: a free one)
  BENCH_SCENARIOS             comma-separated scenario names (default: all)
  BENCH_DB=clinic_bench       database name; must start with clinic_bench
  BENCH_PGHOST=127.0.0.1 BENCH_PGPORT=5432 BENCH_PGUSER=postgres   (trust auth)
  BENCH_KEEP_DB=1             keep the database afterwards (default: dropped)
"""

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = BASE_DIR / ".venv" / "bin"
RESULTS_DIR = BASE_DIR / "bench-results"
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench import loadgen  # noqa: E402
from bench.scenarios import BASELINE_LABEL, SCENARIOS, SUBMIT_LABEL  # noqa: E402


class BenchError(Exception):
    pass


def setting(name, default):
    value = os.environ.get(name, "")
    return value if value != "" else default


def config():
    db = setting("BENCH_DB", "clinic_bench")
    if not re.fullmatch(r"clinic_bench[a-z0-9_]*", db):
        raise BenchError(f"BENCH_DB={db!r}: the bench only drops databases named clinic_bench*")
    names = [n.strip() for n in setting("BENCH_SCENARIOS", ",".join(SCENARIOS)).split(",")]
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        raise BenchError(f"unknown scenario(s) {unknown}; known: {', '.join(SCENARIOS)}")
    return {
        "clients": int(setting("BENCH_CLIENTS", "16")),
        "seconds": float(setting("BENCH_SECONDS", "60")),
        "baseline_seconds": float(setting("BENCH_BASELINE_SECONDS", "5")),
        "warmup_seconds": float(setting("BENCH_WARMUP_SECONDS", "5")),
        "workers": int(setting("BENCH_WORKERS", "2")),
        "port": int(setting("BENCH_PORT", "0")) or free_port(),
        "scenarios": names,
        "db": db,
        "pghost": setting("BENCH_PGHOST", "127.0.0.1"),
        "pgport": setting("BENCH_PGPORT", "5432"),
        "pguser": setting("BENCH_PGUSER", "postgres"),
        "keep_db": setting("BENCH_KEEP_DB", "") not in ("", "0", "false"),
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def step(message):
    print(f"bench: {message}", flush=True)


def psql(cfg, sql, database="postgres"):
    if shutil.which("psql") is None:
        raise BenchError("psql not found: install the PostgreSQL client (postgresql-client)")
    command = [
        "psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1",
        "-h", cfg["pghost"], "-p", cfg["pgport"], "-U", cfg["pguser"], "-d", database,
        "-c", sql,
    ]  # fmt: skip
    # psql from PATH (like the README's createdb), with bench-owned arguments.
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BenchError(f"psql failed ({sql!r}): {result.stderr.strip()}")
    return result.stdout.strip()


def app_env(cfg):
    """The app's environment: production settings, the bench database, a throwaway
    key, no rate limit to speak of. Set explicitly so a developer's .env cannot
    point the bench at another database or cache."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.bench_settings",
        DATABASE_URL=(f"postgres://{cfg['pguser']}@{cfg['pghost']}:{cfg['pgport']}/{cfg['db']}"),
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="false",
        INTAKE_RATE_LIMIT="1000000",
        # Local-memory cache per worker, as when REDIS_URL is unset.
        REDIS_URL="",
        # The confirmation e-mail is still rendered on submit; only delivery is skipped.
        EMAIL_URL="dummymail://",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    command = [str(BIN / "python"), "manage.py", *args]
    result = subprocess.run(  # noqa: S603 - the project's own manage.py
        command, cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def wait_healthy(server, port, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited ({server.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"/healthz not up after {timeout}s; see {log_path}")


def stop(server):
    """Stops gunicorn and its workers (its own process group), politely first."""
    if server is None or server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


def git_commit():
    """The checked-out commit, read from .git without running git (best effort)."""
    try:
        head = (BASE_DIR / ".git" / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        ref_file = BASE_DIR / ".git" / ref
        if ref_file.exists():
            return ref_file.read_text().strip()
        for line in (BASE_DIR / ".git" / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    except OSError:
        pass
    return None


def machine(cfg):
    uname = platform.uname()
    info = {
        "uname": " ".join([uname.system, uname.node, uname.release, uname.version, uname.machine]),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": list(os.getloadavg()),
    }
    try:
        info["postgresql"] = psql(cfg, "SHOW server_version")
    except BenchError:
        info["postgresql"] = None
    return info


def run_scenarios(cfg):
    results = {}
    for name in cfg["scenarios"]:
        scenario = SCENARIOS[name]
        seconds = cfg["baseline_seconds"] if scenario.baseline else cfg["seconds"]
        step(
            f"scenario {name}: {cfg['clients']} clients, "
            f"{cfg['warmup_seconds']:g}s warm-up + {seconds:g}s measured ({scenario.description})"
        )
        samples, elapsed, failures = loadgen.run_clients(
            scenario.iteration,
            host="127.0.0.1",
            port=cfg["port"],
            clients=cfg["clients"],
            seconds=seconds,
            warmup_seconds=cfg["warmup_seconds"],
        )
        results[name] = {
            "description": scenario.description,
            "headline": list(scenario.headline),
            "order": list(dict.fromkeys([*scenario.headline, *scenario.labels])),
            "seconds": elapsed,
            "labels": {label: loadgen.summarise(s, elapsed) for label, s in samples.items()},
            "example_failures": failures,
        }
        for failure in failures:
            step(f"  failure: {failure}")
    baseline = next(
        (r["labels"][BASELINE_LABEL] for r in results.values() if BASELINE_LABEL in r["labels"]),
        None,
    )
    for result in results.values():
        for figures in result["labels"].values():
            figures["throughput_vs_healthz"] = (
                figures["per_second"] / baseline["per_second"]
                if baseline and baseline["per_second"]
                else None
            )
    return results


def fmt(value, spec):
    return "-" if value is None or value != value else format(value, spec)


def print_table(report):
    cfg = report["config"]
    print()
    info = report["machine"]
    print(
        f"make bench — {report['date']} — {cfg['clients']} clients, gunicorn {cfg['workers']} "
        f"sync workers, PostgreSQL {info['postgresql']}, {info['cpu_count']} CPUs, "
        f"load average {info['load_average_at_start'][0]:.2f} before / "
        f"{info['load_average_at_end'][0]:.2f} after"
    )
    header = (
        f"{'path':<34} {'requests':>8} {'errors':>6} {'req/s':>8} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'vs healthz':>10}"
    )
    for name, result in report["scenarios"].items():
        print(f"\n[{name}] {result['description']} ({result['seconds']:g}s measured)")
        print(header)
        labels = result["labels"]
        order = [label for label in result["order"] if label in labels]
        order += [label for label in labels if label not in order]
        for label in order:
            f = labels[label]
            ratio = f["throughput_vs_healthz"]
            print(
                f"{label:<34} {f['requests']:>8} {f['errors']:>6} {fmt(f['per_second'], '8.1f')} "
                f"{fmt(f['p50_ms'], '8.1f')} {fmt(f['p99_ms'], '8.1f')} "
                f"{fmt(f['max_ms'], '8.1f')} {fmt(ratio, '10.3f')}"
            )
    submit = report["scenarios"].get("intake_submit", {}).get("labels", {}).get(SUBMIT_LABEL)
    print()
    if submit:
        print(
            f"submit path (POST /intake/check/) at {cfg['clients']} concurrent clients on "
            f"PostgreSQL: p50 {submit['p50_ms']:.1f} ms, p99 {submit['p99_ms']:.1f} ms, "
            f"{submit['per_second']:.1f} submits/s, {submit['errors']} errors"
        )
    print(
        "(vs healthz = this path's completed requests/s ÷ /healthz requests/s at the same "
        "concurrency; a path measured inside a multi-request flow shares the server with the "
        "flow's other requests.)"
    )


def main():
    cfg = config()
    env = app_env(cfg)
    RESULTS_DIR.mkdir(exist_ok=True)
    started = datetime.datetime.now().astimezone()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    log_path = RESULTS_DIR / f"gunicorn-{stamp}.log"
    server = None
    created_db = False

    def on_signal(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        step(f"database {cfg['db']} on {cfg['pghost']}:{cfg['pgport']}: drop and create")
        psql(cfg, f'DROP DATABASE IF EXISTS "{cfg["db"]}" WITH (FORCE)')
        psql(cfg, f'CREATE DATABASE "{cfg["db"]}"')
        created_db = True
        step("migrate, load_clinic_content, collectstatic")
        manage(env, "migrate", "--noinput")
        manage(env, "load_clinic_content")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        step(f"gunicorn: {cfg['workers']} workers on 127.0.0.1:{cfg['port']} (log {log_path})")
        with open(log_path, "w") as log:
            server = subprocess.Popen(  # noqa: S603 - the project's own gunicorn
                [str(BIN / "gunicorn"), "clinic.wsgi",
                 "--workers", str(cfg["workers"]),
                 "--bind", f"127.0.0.1:{cfg['port']}",
                 "--chdir", str(BASE_DIR),
                 # No control socket in ~/.gunicorn, shared with any other gunicorn.
                 "--no-control-socket"],
                cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        wait_healthy(server, cfg["port"], log_path)
        info = machine(cfg)
        scenarios = run_scenarios(cfg)
        info["load_average_at_end"] = list(os.getloadavg())
        saved = int(psql(cfg, "SELECT count(*) FROM intake_intake", database=cfg["db"]))
    finally:
        stop(server)
        if created_db and not cfg["keep_db"]:
            try:
                psql(cfg, f'DROP DATABASE IF EXISTS "{cfg["db"]}" WITH (FORCE)')
            except BenchError as exc:
                step(f"could not drop {cfg['db']}: {exc}")

    report = {
        "date": started.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": info,
        "config": {k: cfg[k] for k in ("clients", "seconds", "baseline_seconds",
                                       "warmup_seconds", "workers", "scenarios", "db")},
        "server": "gunicorn clinic.wsgi, sync workers, settings bench.bench_settings",
        "intakes_saved_incl_warmup": saved,
        "scenarios": scenarios,
    }  # fmt: skip
    out = RESULTS_DIR / f"bench-{stamp}.json"
    out.write_text(json.dumps(report, indent=2, allow_nan=False, default=str) + "\n")
    print_table(report)
    print(f"\nresults: {out.relative_to(BASE_DIR)}")
    print(f"gunicorn log: {log_path.relative_to(BASE_DIR)}")

    errors = sum(f["errors"] for r in scenarios.values() for f in r["labels"].values())
    submit = scenarios.get("intake_submit", {}).get("labels", {}).get(SUBMIT_LABEL)
    if errors or ("intake_submit" in scenarios and not (submit and submit["ok"])):
        step(f"FAILED: {errors} request(s) failed; see the failures above and {log_path}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        sys.exit(1)
