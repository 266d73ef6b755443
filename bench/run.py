"""`make bench`: throughput and latency of the app's pages on PostgreSQL, behind
gunicorn with production settings, each page compared with /healthz in the same run.

Creates its own database (dropped and re-created every run; never any other),
migrates it, loads the clinic's content, collects static files into
bench/staticfiles/, creates a dermatologist and seeds BENCH_INTAKES submitted
intakes (bench/seed.py), starts gunicorn with the project's gunicorn.conf.py on
production settings (bench.bench_settings), signs the dermatologist in, then:

1. wrk (Debian's package; installed with apt-get if missing) against each page of
   bench/scenarios.py PAGES: /healthz, /learn/, an explainer, /learn/compare/, an
   intake step and the review queue (signed in, two-factor code and all). /healthz
   runs before the first page and after every page; each page's ratio is its req/s
   over the mean of the /healthz runs either side of it (the machine's load drifts).
2. The Python load generator (bench/loadgen.py) for the submit path: each client a
   new patient posting the 7 steps and submitting, at each of BENCH_SUBMIT_CLIENTS.

Stops gunicorn (also on failure or Ctrl-C), prints one table (path, req/s, p50, p99,
ratio to /healthz, target, PASS/FAIL), and writes bench-results/bench-<time>.json and
a Markdown copy of the table, bench-results/bench-<time>.md.

Exit status: 0 when every request got its expected answer, even if a target is
missed (it is a measurement); 1 if any request failed or the bench could not run.

Run from the project root: `.venv/bin/python -m bench.run` (what `make bench` does).
Environment (all optional):
  BENCH_CLIENTS=16              wrk connections (-c), and the judged submit concurrency
  BENCH_SECONDS                 measured seconds for every phase below that is not set
  BENCH_PAGE_SECONDS=5          measured seconds per wrk run of a page
  BENCH_PAGE_ROUNDS=3           runs of each page (round after round, /healthz between);
                                the page is judged on its median-ratio round
  BENCH_PAGE_WARMUP_SECONDS=2   unrecorded wrk run before each page
  BENCH_WRK_THREADS=2           wrk threads (-t)
  BENCH_SUBMIT_CLIENTS=16,1     submit-path concurrencies (default: BENCH_CLIENTS,1);
                                the target is judged at BENCH_CLIENTS
  BENCH_SUBMIT_SECONDS=30,15    measured seconds per submit run (one value, or one each)
  BENCH_WARMUP_SECONDS=5        unrecorded warm-up before each submit run
  BENCH_INTAKES=10000           intakes in the database for the review queue
  BENCH_WORKERS                 gunicorn workers (default: gunicorn.conf.py's, as
                                deployed: 2 x CPUs + 1, or GUNICORN_WORKERS)
  BENCH_PORT                    port for gunicorn on 127.0.0.1 (default: a free one)
  BENCH_SCENARIOS               comma-separated names to run (default: all): healthz,
                                learn, explainer, compare, intake_step, signed_in_floor,
                                review_queue, intake_submit
  BENCH_DB=clinic_bench         database name; must start with clinic_bench
  BENCH_PGHOST=127.0.0.1 BENCH_PGPORT=5432 BENCH_PGUSER=postgres   (trust auth)
  BENCH_KEEP_DB=1               keep the database afterwards (default: dropped)
"""

import datetime
import json
import os
import platform
import re
import runpy
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = BASE_DIR / ".venv" / "bin"
RESULTS_DIR = BASE_DIR / "bench-results"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_status.lua"
STAFF_USERNAME = "benchdoc"
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench import loadgen, scale  # noqa: E402
from bench.scenarios import (  # noqa: E402
    BASELINE,
    BASELINE_PATH,
    PAGES,
    SCENARIOS,
    SUBMIT_LABEL,
    SUBMIT_MAX_P99_MS,
)


class BenchError(Exception):
    pass


def setting(name, default):
    value = os.environ.get(name, "")
    return value if value != "" else default


def number_list(text, kind=float):
    return [kind(part) for part in str(text).split(",") if part.strip()]


def production_workers():
    """The worker count gunicorn.conf.py gives on this machine: what production runs."""
    return int(runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["workers"])


def config():
    db = setting("BENCH_DB", "clinic_bench")
    if not re.fullmatch(r"clinic_bench[a-z0-9_]*", db):
        raise BenchError(f"BENCH_DB={db!r}: the bench only drops databases named clinic_bench*")
    known = [*PAGES, *SCENARIOS, "review_scale", "purge"]
    names = [n.strip() for n in setting("BENCH_SCENARIOS", ",".join(known)).split(",")]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BenchError(f"unknown scenario(s) {unknown}; known: {', '.join(known)}")
    clients = int(setting("BENCH_CLIENTS", "16"))
    seconds = setting("BENCH_SECONDS", None)
    submit_clients = number_list(setting("BENCH_SUBMIT_CLIENTS", f"{clients},1"), int)
    submit_seconds = number_list(setting("BENCH_SUBMIT_SECONDS", seconds or "30,15"))
    if len(submit_seconds) == 1:
        submit_seconds *= len(submit_clients)
    if len(submit_seconds) != len(submit_clients):
        raise BenchError("BENCH_SUBMIT_SECONDS: give one value, or one per BENCH_SUBMIT_CLIENTS")
    return {
        "clients": clients,
        "page_seconds": float(setting("BENCH_PAGE_SECONDS", seconds or "5")),
        "page_warmup_seconds": float(setting("BENCH_PAGE_WARMUP_SECONDS", "2")),
        "page_rounds": int(setting("BENCH_PAGE_ROUNDS", "3")),
        "wrk_threads": int(setting("BENCH_WRK_THREADS", "2")),
        "submit_clients": submit_clients,
        "submit_seconds": submit_seconds,
        "warmup_seconds": float(setting("BENCH_WARMUP_SECONDS", "5")),
        "intakes": int(setting("BENCH_INTAKES", "10000")),
        "scale_points": number_list(setting("BENCH_SCALE_POINTS", "10000,100000"), int),
        "scale_clients": int(setting("BENCH_SCALE_CLIENTS", "4")),
        "scale_rounds": int(setting("BENCH_SCALE_ROUNDS", "3")),
        "workers": int(setting("BENCH_WORKERS", "0")) or production_workers(),
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


def run_quiet(command, **kwargs):
    # Fixed, bench-owned argument lists (no shell).
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603


def ensure_wrk():
    """wrk from Debian's packages: installs it with apt-get when it is missing."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if shutil.which("apt-get") is None:
        raise BenchError("wrk not found and no apt-get to install it: install wrk")
    step("wrk not found: apt-get install -y wrk")
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    result = run_quiet(install)
    if result.returncode != 0:
        step("apt-get install failed: apt-get update, then again")
        run_quiet(["apt-get", "update", "-q"])
        result = run_quiet(install)
    if result.returncode != 0 or shutil.which("wrk") is None:
        raise BenchError(
            f"could not install wrk (apt-get needs root): {result.stderr.strip()[-500:]}"
        )
    return shutil.which("wrk")


def psql(cfg, sql, database="postgres"):
    if shutil.which("psql") is None:
        raise BenchError("psql not found: install the PostgreSQL client (postgresql-client)")
    command = [
        "psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1",
        "-h", cfg["pghost"], "-p", cfg["pgport"], "-U", cfg["pguser"], "-d", database,
        "-c", sql,
    ]  # fmt: skip
    result = run_quiet(command)
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
        # No Redis: production's file cache, in a directory of this run's own, so the
        # bench's rate-limit counters and cached pages never reach `make serve`.
        REDIS_URL="",
        CACHE_DIR=cfg["cache_dir"],
        # The confirmation e-mail is still rendered on submit; only delivery is skipped.
        EMAIL_URL="dummymail://",
        PYTHONUNBUFFERED="1",
        # gunicorn.conf.py reads these; everything else is production's.
        GUNICORN_BIND=f"127.0.0.1:{cfg['port']}",
        GUNICORN_WORKERS=str(cfg["workers"]),
    )
    return env


def manage(env, *args, extra_env=None):
    command = [str(BIN / "python"), "manage.py", *args]
    result = run_quiet(command, cwd=BASE_DIR, env={**env, **(extra_env or {})})
    if result.returncode != 0:
        raise BenchError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def seed(env, count, totp_key):
    result = run_quiet(
        [str(BIN / "python"), "-m", "bench.seed", str(count)],
        cwd=BASE_DIR,
        env={**env, "BENCH_TOTP_USER": STAFF_USERNAME, "BENCH_TOTP_KEY": totp_key},
    )
    if result.returncode != 0:
        raise BenchError(f"bench/seed.py failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def seed_more(env, count):
    """Adds `count` intakes, copies of the first, to reach the next scale point."""
    result = run_quiet([str(BIN / "python"), "-m", "bench.seed", "--add", str(count)],
                       cwd=BASE_DIR, env=env)  # fmt: skip
    if result.returncode != 0:
        raise BenchError(f"bench/seed.py --add failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def run_scale(wrk, cfg, env, staff, access):
    """scale.SCALE_PAGES at each of BENCH_SCALE_POINTS intakes, in this run."""
    points = {}
    for n in cfg["scale_points"]:
        have = int(psql(cfg, "SELECT count(*) FROM intake_intake", cfg["db"]))
        if have < n:
            started = time.monotonic()
            step(f"seeding {n - have} more intakes to reach {n}")
            step(seed_more(env, n - have) + f" in {time.monotonic() - started:.0f} s")
            psql(cfg, "VACUUM ANALYZE", database=cfg["db"])
        step(f"review workspace at {n} intakes, {cfg['scale_clients']} signed-in clients")
        points[n] = scale.measure_point(run_wrk=run_wrk, wrk=wrk, cfg=cfg, staff=staff,
                                        access=access, rounds=cfg["scale_rounds"])  # fmt: skip
    return points


def run_purge(cfg, env):
    """purge_intakes over every intake in the database (the last scale point): its
    time and the command's peak memory (ru_maxrss of the child)."""
    count = int(psql(cfg, "SELECT count(*) FROM intake_intake", cfg["db"]))
    code = (
        "import resource, django; django.setup(); "
        "from django.core.management import call_command; "
        "call_command('purge_intakes', '--submitted-days', '0'); "
        "print('maxrss_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    started = time.monotonic()
    result = run_quiet([str(BIN / "python"), "-c", code], cwd=BASE_DIR, env=env)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise BenchError(f"purge_intakes failed:\n{result.stdout}\n{result.stderr}")
    found = re.search(r"maxrss_kb (\d+)", result.stdout)
    peak_kb = int(found.group(1)) if found else 0
    left = int(psql(cfg, "SELECT count(*) FROM intake_intake", cfg["db"]))
    figures = {"intakes": count, "seconds": round(seconds, 1), "left": left,
               "peak_rss_mb": round(peak_kb / 1024, 1),
               "output": result.stdout.strip()}  # fmt: skip
    step(f"purge_intakes: {count} intakes in {seconds:.1f} s, peak RSS "
         f"{figures['peak_rss_mb']} MB, {left} left")  # fmt: skip
    return figures


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
        server.wait(timeout=25)
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


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def machine(cfg, wrk):
    uname = run_quiet(["uname", "-a"]).stdout.strip() or " ".join(platform.uname())
    info = {
        "uname": uname,
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "wrk": (run_quiet([wrk, "-v"]).stdout.strip().splitlines() or [None])[0],
    }
    try:
        info["postgresql"] = psql(cfg, "SHOW server_version")
    except BenchError:
        info["postgresql"] = None
    return info


# --- signing in -------------------------------------------------------------------


def totp(key_hex):
    """The authenticator app's current code: django-otp's own TOTP (django_otp.oath),
    with the device's defaults (30 s steps, 6 digits)."""
    from django_otp.oath import totp as otp_totp

    return f"{otp_totp(bytes.fromhex(key_hex)):06d}"


def _local(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(cfg, password, totp_key):
    """Signs the bench dermatologist in like a browser: POST /accounts/login/, then,
    when production asks for it, the two-factor code from the authenticator that
    bench/seed.py set up. Returns the client: its cookie jar holds sessionid and
    csrftoken of a session that may open the review queue."""
    client = loadgen.Client("127.0.0.1", cfg["port"], {}, threading.Lock())
    page = client.request("GET", "/accounts/login/", expect=(200,))
    response = client.request(
        "POST",
        "/accounts/login/",
        form={
            "username": STAFF_USERNAME,
            "password": password,
            "csrfmiddlewaretoken": loadgen.input_value(page.text, "csrfmiddlewaretoken"),
        },
        expect=(302,),
    )
    location = _local(response.headers.get("Location", ""))
    for _ in range(5):  # follow the redirects: /review/ -> two-factor -> /review/
        page = client.request("GET", location, expect=(200, 302))
        if page.status == 200 and "/two-factor/" in location:
            form = {
                "csrfmiddlewaretoken": loadgen.input_value(page.text, "csrfmiddlewaretoken"),
                "code": totp(totp_key),
                "next": loadgen.input_value(page.text, "next"),
            }
            page = client.request("POST", location, form=form, expect=(302,))
        elif page.status == 200:
            if location.startswith("/review/"):
                break
            raise BenchError(f"signing in ended on {location}, not the review queue")
        location = _local(page.headers.get("Location", ""))
    else:
        raise BenchError(f"signing in: too many redirects (last {location})")
    if "sessionid" not in client.cookies:
        raise BenchError("signed in, but no sessionid cookie came back")
    return client


# --- server-side time, from gunicorn's access log ---------------------------------

# gunicorn.conf.py's access_log_format: "%(t)s %(s)s %(m)s %(U)s %(B)s %(M)sms rid=…"
_ACCESS_RE = re.compile(r"^\[[^\]]+\] (\d{3}) ([A-Z]+) (\S+) \S+ (\d+)ms ", re.MULTILINE)


class AccessLog:
    """Time each request spent inside a gunicorn worker (%(M)s), read from the log
    between two offsets: the difference to the client's latency is time spent
    waiting for a free worker."""

    def __init__(self, path):
        self.path = path

    def mark(self):
        return self.path.stat().st_size

    def server_ms(self, start, end, method, path):
        with open(self.path, "rb") as log:
            log.seek(start)
            text = log.read(max(end - start, 0)).decode("utf-8", "replace")
        values = sorted(
            float(ms) for _status, m, p, ms in _ACCESS_RE.findall(text) if m == method and p == path
        )
        # gunicorn.conf.py's max_requests recycles workers (a new one boots in their place).
        restarts = text.count("Autorestarting worker")
        if not values:
            return {"server_requests": 0, "server_p50_ms": None, "server_p99_ms": None,
                    "worker_restarts": restarts}  # fmt: skip
        return {
            "worker_restarts": restarts,
            "server_requests": len(values),
            "server_p50_ms": loadgen.percentile(values, 50),
            "server_p99_ms": loadgen.percentile(values, 99),
        }


# --- wrk --------------------------------------------------------------------------

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"


def _ms(value, unit):
    return float(value) * _UNITS[unit]


def parse_wrk(output):
    """Requests/sec, the 50 % and 99 % latency lines and the error counts of wrk --latency."""

    def find(pattern, required=True):
        match = re.search(pattern, output, re.MULTILINE)
        if match is None and required:
            raise BenchError(f"could not read {pattern!r} in wrk's output:\n{output}")
        return match

    latency = find(rf"^\s*Latency\s+{_DURATION}\s+{_DURATION}\s+{_DURATION}")
    socket_errors = find(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", required=False
    )
    non_2xx_3xx = find(r"Non-2xx or 3xx responses: (\d+)", required=False)
    unexpected = find(r"^bench-unexpected-status (\d+)", required=False)
    errors = {
        "socket": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        "non_2xx_3xx": int(non_2xx_3xx.group(1)) if non_2xx_3xx else 0,
        "unexpected_status": int(unexpected.group(1)) if unexpected else 0,
    }
    return {
        "requests": int(find(r"^\s*(\d+) requests in").group(1)),
        "per_second": float(find(r"^Requests/sec:\s*([\d.]+)").group(1)),
        "p50_ms": _ms(*find(rf"^\s*50%\s+{_DURATION}").groups()),
        "p75_ms": _ms(*find(rf"^\s*75%\s+{_DURATION}").groups()),
        "p90_ms": _ms(*find(rf"^\s*90%\s+{_DURATION}").groups()),
        "p99_ms": _ms(*find(rf"^\s*99%\s+{_DURATION}").groups()),
        "mean_ms": _ms(*latency.groups()[0:2]),
        "max_ms": _ms(*latency.groups()[4:6]),
        # A wrong status is counted twice by wrk when outside 2xx/3xx; ours covers both.
        "errors": errors["socket"] + max(errors["non_2xx_3xx"], errors["unexpected_status"]),
        "error_kinds": errors,
    }


def wrk_command(wrk, cfg, page, seconds, cookies):
    command = [
        wrk, f"-t{cfg['wrk_threads']}", f"-c{cfg['clients']}", f"-d{seconds:g}s", "--latency",
        # A slow answer is measured, not dropped: wrk's default 2 s timeout would leave the
        # slowest requests out of the percentiles. 30 s is gunicorn.conf.py's timeout.
        "--timeout", "30s",
        "-H", "X-Forwarded-Proto: https",
        "-s", str(WRK_SCRIPT),
    ]  # fmt: skip
    if page.session:
        cookie = "; ".join(f"{k}={cookies[k]}" for k in ("sessionid", "csrftoken") if k in cookies)
        command += ["-H", f"Cookie: {cookie}"]
    return [*command, f"http://127.0.0.1:{cfg['port']}{page.path}", "--", "200"]


def check_page(cfg, page, staff):
    """One request before measuring: the page answers 200 with what it should show
    (so a login redirect or an error page is never measured as the page)."""
    client = staff if page.session else loadgen.Client("127.0.0.1", cfg["port"], {}, None)
    try:
        response = client.request("GET", page.path, expect=(200,))
    except loadgen.StepFailed as exc:
        raise BenchError(f"{page.path} before measuring: {exc}") from exc
    finally:
        if not page.session:
            client.close()
    found = response.text.count(page.must_contain) if page.must_contain else 1
    if found < page.min_occurrences:
        raise BenchError(
            f"{page.path}: expected {page.min_occurrences}x {page.must_contain!r}, found {found}"
        )
    return len(response.body)


def run_wrk(wrk, cfg, page, staff, label, access):
    body_bytes = check_page(cfg, page, staff)
    cookies = staff.cookies if staff else {}
    seconds = cfg["page_seconds"]
    step(
        f"wrk {page.path}: {cfg['clients']} connections, {cfg['page_warmup_seconds']:g}s "
        f"warm-up + {seconds:g}s measured ({page.description})"
    )
    if cfg["page_warmup_seconds"] > 0:
        run_quiet(wrk_command(wrk, cfg, page, cfg["page_warmup_seconds"], cookies))
    command = wrk_command(wrk, cfg, page, seconds, cookies)
    start = access.mark()
    result = run_quiet(command)
    time.sleep(0.2)  # the last responses' log lines
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {page.path}: {result.stderr.strip() or result.stdout}")
    figures = parse_wrk(result.stdout)
    # gunicorn's access log writes the path without its query string.
    figures.update(access.server_ms(start, access.mark(), "GET", page.path.split("?")[0]))
    figures.update(
        label=label,
        path=page.path,
        description=page.description,
        seconds=seconds,
        response_bytes=body_bytes,
        min_ratio=page.min_ratio,
        wrk_output=result.stdout,
    )
    if figures["errors"]:
        step(f"  {figures['errors']} failed request(s) on {page.path}: {figures['error_kinds']}")
    return figures


# --- the submit path --------------------------------------------------------------


def run_submit(cfg, clients, seconds, access):
    scenario = SCENARIOS["intake_submit"]
    step(
        f"submit path: {clients} client(s), {cfg['warmup_seconds']:g}s warm-up + "
        f"{seconds:g}s measured ({scenario.description})"
    )
    marks = {}
    timer = threading.Timer(cfg["warmup_seconds"], lambda: marks.setdefault("start", access.mark()))
    timer.start()
    samples, elapsed, failures = loadgen.run_clients(
        scenario.iteration,
        host="127.0.0.1",
        port=cfg["port"],
        clients=clients,
        seconds=seconds,
        warmup_seconds=cfg["warmup_seconds"],
    )
    timer.join()
    time.sleep(0.2)
    end = access.mark()
    for failure in failures:
        step(f"  failure: {failure}")
    labels = {label: loadgen.summarise(s, elapsed) for label, s in samples.items()}
    for label, figures in labels.items():
        method, path = label.split()[:2]
        figures.update(access.server_ms(marks.get("start", 0), end, method, path))
    order = [*scenario.headline, *scenario.labels]
    return {
        "clients": clients,
        "seconds": elapsed,
        "description": scenario.description,
        "labels": {k: labels[k] for k in [*order, *labels] if k in labels},
        "example_failures": failures,
    }


# --- results ----------------------------------------------------------------------


def fmt(value, spec):
    return "-" if value is None or value != value else format(value, spec)


def median_rounds(report):
    """For each page (not /healthz), the round with the median ratio to /healthz: the
    verdict is judged on it, and its req/s and latencies are the ones shown. Each
    round's ratio is kept on its figures and listed under the table."""
    by_path = {}
    for figures in report["pages"]:
        if figures["path"] == BASELINE_PATH:
            continue
        around = figures.get("healthz_per_second")
        figures["ratio_to_healthz"] = figures["per_second"] / around if around else None
        by_path.setdefault(figures["path"], []).append(figures)
    chosen = []
    for rounds in by_path.values():
        ranked = sorted(rounds, key=lambda f: f["ratio_to_healthz"] or 0)
        median = ranked[(len(ranked) - 1) // 2]
        median["errors_all_rounds"] = sum(f["errors"] for f in rounds)
        median["ratio_by_round"] = [f["ratio_to_healthz"] for f in rounds]
        chosen.append(median)
    return chosen


def table_rows(report):
    """One row per measured path: (path, req/s, p50, p99, ratio, target, verdict, errors,
    server p50, server p99)."""
    rows = []
    runs = [f for f in report["pages"] if f["path"] == BASELINE_PATH]
    mean = sum(f["per_second"] for f in runs) / len(runs) if runs else None
    if runs:
        low, high = min(f["per_second"] for f in runs), max(f["per_second"] for f in runs)
        rows.append((f"GET {BASELINE_PATH} (mean of {len(runs)} runs)", mean,
                     statistics.median(f["p50_ms"] for f in runs),
                     statistics.median(f["p99_ms"] for f in runs), 1.0,
                     f"baseline ({low:.0f}-{high:.0f}/s)", "",
                     sum(f["errors"] for f in runs),
                     statistics.median(f["server_p50_ms"] or 0 for f in runs),
                     statistics.median(f["server_p99_ms"] or 0 for f in runs)))  # fmt: skip
    for figures in median_rounds(report):
        ratio = figures["ratio_to_healthz"]
        target, verdict = "-", ""
        if figures["min_ratio"] is not None:
            target = f">= {figures['min_ratio']:g} x healthz"
            passed = ratio is not None and ratio >= figures["min_ratio"]
            verdict = "-" if ratio is None else ("PASS" if passed else "FAIL")
        rows.append((figures["label"], figures["per_second"], figures["p50_ms"],
                     figures["p99_ms"], ratio, target, verdict, figures["errors_all_rounds"],
                     figures["server_p50_ms"], figures["server_p99_ms"]))  # fmt: skip
    report["healthz_mean_per_second"] = mean
    judged = report["config"]["clients"]
    for run in report["submit"]:
        submit = run["labels"].get(SUBMIT_LABEL)
        if not submit:
            continue
        ratio = submit["per_second"] / mean if mean else None
        ok = submit["p99_ms"] is not None and submit["p99_ms"] < SUBMIT_MAX_P99_MS
        verdict = "PASS" if ok else "FAIL"
        target = f"p99 < {SUBMIT_MAX_P99_MS:g} ms"
        if run["clients"] != judged:
            target += " (info)"
            verdict = f"({verdict})"
        plural = "s" if run["clients"] != 1 else ""
        rows.append((f"POST /intake/check/ submit, {run['clients']} client{plural}",
                     submit["per_second"], submit["p50_ms"], submit["p99_ms"], ratio, target,
                     verdict, submit["errors"], submit["server_p50_ms"],
                     submit["server_p99_ms"]))  # fmt: skip
    return rows


def heading(report):
    cfg, info = report["config"], report["machine"]
    return (
        f"make bench — {report['date']} — gunicorn {cfg['workers']} sync workers "
        f"(gunicorn.conf.py), PostgreSQL {info['postgresql']}, {info['intakes_in_db']} "
        f"intakes; wrk -t{cfg['wrk_threads']} -c{cfg['clients']} {cfg['page_seconds']:g}s "
        f"per run, {cfg['page_rounds']} round(s) per page; {info['cpu_count']} CPUs "
        f"({info['cpu_model']}), load average "
        f"{info['load_average_at_start'][0]:.2f} before / "
        f"{info['load_average_at_end'][0]:.2f} after"
    )


def notes(report):
    text = (
        "ratio = the page's req/s ÷ the mean req/s of the /healthz runs just before and just "
        "after it (wrk, same connections); each page ran in "
        f"{report['config']['page_rounds']} round(s) and its row is the round with the median "
        "ratio (every round's ratio: below); the /healthz row is the mean of all its runs, "
        "with the median p50/p99. "
        "server p50/p99 = time inside a gunicorn worker (its access log); the rest of "
        "the client's latency is waiting for one of the workers."
    )
    if report["submit"]:
        text += (
            " The submit rows come from the Python load generator, each client a new patient "
            "posting the 7 steps and submitting; their ratio is the submit's share of a flow "
            "of 10 requests (÷ the mean /healthz), not a target. The submit p99 target is "
            "judged at "
            f"{report['config']['clients']} clients."
        )
    return text


def ratios_by_round(report):
    """'/learn/ 1.02, 0.97, 1.05; …': every round's ratio, page by page."""
    order = list(dict.fromkeys(f["path"] for f in report["pages"]))
    chosen = sorted(
        (f for f in report["pages"] if "ratio_by_round" in f), key=lambda f: order.index(f["path"])
    )
    return "; ".join(
        f"{f['path']} " + ", ".join(fmt(r, ".2f") for r in f["ratio_by_round"]) for f in chosen
    )


def print_table(report, rows):
    print()
    print(heading(report))
    print(f"machine: {report['machine']['uname']}")
    print()
    print(f"{'path':<42} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}  "
          f"{'target':<24} {'result':<7} {'errors':>6} "
          f"{'server p50':>10} {'server p99':>10}")  # fmt: skip
    for path, rps, p50, p99, ratio, target, verdict, errors, sp50, sp99 in rows:
        print(f"{path:<42} {fmt(rps, '8.1f')} {fmt(p50, '8.1f')} {fmt(p99, '8.1f')} "
              f"{fmt(ratio, '6.2f')}  {target:<24} {verdict:<7} {errors:>6} "
              f"{fmt(sp50, '10.1f')} {fmt(sp99, '10.1f')}")  # fmt: skip
    print(f"\n({notes(report)})")
    if report["config"]["page_rounds"] > 1:
        print(f"ratio by round: {ratios_by_round(report)}")
    restarts = [f"{f['label']} {f['worker_restarts']}" for f in report["pages"]
                if f.get("worker_restarts") and f["path"] != BASELINE_PATH]  # fmt: skip
    healthz = sum(
        f.get("worker_restarts", 0) for f in report["pages"] if f["path"] == BASELINE_PATH
    )
    if restarts or healthz:
        print(f"gunicorn workers recycled (gunicorn.conf.py max_requests) while measuring: "
              f"{', '.join([*restarts, f'GET /healthz {healthz}'])}")  # fmt: skip
    for run in report["submit"]:
        print(f"\nsubmit flow at {run['clients']} client(s), {run['seconds']:g}s measured:")
        for label, f in run["labels"].items():
            print(f"  {label:<40} {f['ok']:>6} ok {f['errors']:>4} errors   "
                  f"p50 {fmt(f['p50_ms'], '7.1f')}  p99 {fmt(f['p99_ms'], '7.1f')} ms   "
                  f"server p50 {fmt(f['server_p50_ms'], '6.1f')}  "
                  f"p99 {fmt(f['server_p99_ms'], '6.1f')} ms")  # fmt: skip


def markdown(report, rows):
    lines = [
        heading(report), "", f"`uname -a`: `{report['machine']['uname']}`", "",
        "| path | req/s | p50 ms | p99 ms | ratio to /healthz | target | result "
        "| server p50 ms | server p99 ms |",
        "|---|---:|---:|---:|---:|---|---|---:|---:|",
    ]  # fmt: skip
    for path, rps, p50, p99, ratio, target, verdict, _errors, sp50, sp99 in rows:
        lines.append(
            f"| `{path}` | {fmt(rps, '.1f')} | {fmt(p50, '.1f')} | {fmt(p99, '.1f')} | "
            f"{fmt(ratio, '.2f')} | {target} | {verdict} | {fmt(sp50, '.1f')} | "
            f"{fmt(sp99, '.1f')} |"
        )
    lines += ["", notes(report), ""]
    if report["config"]["page_rounds"] > 1:
        lines += [f"Ratio to /healthz by round: {ratios_by_round(report)}.", ""]
    return "\n".join(lines)


def main():
    cfg = config()
    wrk = (
        ensure_wrk()
        if any(name in PAGES or name == "review_scale" for name in cfg["scenarios"])
        else None
    )
    cfg["cache_dir"] = tempfile.mkdtemp(prefix="clinic-bench-cache-")
    env = app_env(cfg)
    RESULTS_DIR.mkdir(exist_ok=True)
    started = datetime.datetime.now().astimezone()
    stamp = started.strftime("%Y%m%d-%H%M%S")
    log_path = RESULTS_DIR / f"gunicorn-{stamp}.log"
    server = None
    created_db = False
    password = secrets.token_urlsafe(24)
    totp_key = secrets.token_hex(20)

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
        step(f"create_staff {STAFF_USERNAME} --role dermatologist; seed {cfg['intakes']} intakes")
        manage(env, "create_staff", STAFF_USERNAME, "--role", "dermatologist",
               extra_env={"STAFF_PASSWORD": password})  # fmt: skip
        step(seed(env, cfg["intakes"], totp_key))
        psql(cfg, "VACUUM ANALYZE", database=cfg["db"])
        step(f"gunicorn -c gunicorn.conf.py: {cfg['workers']} workers on 127.0.0.1:{cfg['port']} "
             f"(log {log_path.relative_to(BASE_DIR)})")  # fmt: skip
        with open(log_path, "w") as log:
            server = subprocess.Popen(  # noqa: S603 - the project's own gunicorn
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--chdir", str(BASE_DIR)],
                cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        wait_healthy(server, cfg["port"], log_path)
        info = machine(cfg, wrk)
        info["intakes_in_db"] = int(psql(cfg, "SELECT count(*) FROM intake_intake", cfg["db"]))

        access = AccessLog(log_path)
        pages = []
        needs_staff = any(PAGES[n].session for n in cfg["scenarios"] if n in PAGES)
        staff = sign_in(cfg, password, totp_key) if needs_staff else None
        baseline = PAGES[BASELINE] if BASELINE in cfg["scenarios"] else None
        others = [PAGES[n] for n in PAGES if n in cfg["scenarios"] and n != BASELINE]
        # /healthz before the first page and after every page: on a shared machine the
        # load drifts, so each page is compared with the /healthz runs either side of it.
        before = run_wrk(wrk, cfg, baseline, staff, "GET /healthz", access) if baseline else None
        if before:
            pages.append(before)
        # Every page BENCH_PAGE_ROUNDS times, round after round, so that one burst of
        # load from elsewhere on the machine moves one round's ratio, not the verdict.
        for round_number in range(1, cfg["page_rounds"] + 1):
            for page in others:
                figures = run_wrk(wrk, cfg, page, staff, f"GET {page.path}", access)
                figures["round"] = round_number
                pages.append(figures)
                if baseline:
                    after = run_wrk(wrk, cfg, baseline, staff, "GET /healthz", access)
                    pages.append(after)
                    figures["healthz_per_second"] = (before["per_second"] + after["per_second"]) / 2
                    before = after
        submit = []
        if "intake_submit" in cfg["scenarios"]:
            for clients, seconds in zip(cfg["submit_clients"], cfg["submit_seconds"], strict=True):
                submit.append(run_submit(cfg, clients, seconds, access))
        scale_points = {}
        if "review_scale" in cfg["scenarios"]:
            staff = staff or sign_in(cfg, password, totp_key)
            scale_points = run_scale(wrk or ensure_wrk(), cfg, env, staff, access)
        info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        purge = run_purge(cfg, env) if "purge" in cfg["scenarios"] else None
        saved = int(psql(cfg, "SELECT count(*) FROM intake_intake", database=cfg["db"]))
    finally:
        stop(server)
        shutil.rmtree(cfg["cache_dir"], ignore_errors=True)
        if created_db and not cfg["keep_db"]:
            try:
                psql(cfg, f'DROP DATABASE IF EXISTS "{cfg["db"]}" WITH (FORCE)')
            except BenchError as exc:
                step(f"could not drop {cfg['db']}: {exc}")

    report = {
        "date": started.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": info,
        "config": {k: v for k, v in cfg.items() if k not in ("pghost", "pgport", "pguser")},
        "server": "gunicorn -c gunicorn.conf.py (sync workers), settings bench.bench_settings",
        "intakes_after_run": saved,
        "pages": pages,
        "submit": submit,
        "purge": purge,
    }
    scale_rows = scale.judge(scale_points) if scale_points else []
    report["scale"] = {"points": scale_points, "rows": scale_rows}
    rows = table_rows(report)
    report["table"] = [
        dict(zip(("path", "per_second", "p50_ms", "p99_ms", "ratio_to_healthz", "target",
                  "result", "errors", "server_p50_ms", "server_p99_ms"), row, strict=True))
        for row in rows
    ]  # fmt: skip
    out = RESULTS_DIR / f"bench-{stamp}.json"
    out.write_text(json.dumps(report, indent=2, allow_nan=False, default=str) + "\n")
    md = RESULTS_DIR / f"bench-{stamp}.md"
    scale_md = scale.markdown(scale_rows, cfg["scale_clients"]) if scale_rows else ""
    purge_md = (f"purge_intakes over {purge['intakes']:,} intakes: {purge['seconds']} s, peak RSS "
                f"{purge['peak_rss_mb']} MB.\n" if purge else "")  # fmt: skip
    md.write_text(markdown(report, rows) + "\n" + scale_md + "\n" + purge_md)
    print_table(report, rows)
    if scale_rows:
        print("\n" + scale_md)
        print(scale.summary(scale_rows))
    if purge_md:
        print(purge_md)
    print(f"\nresults: {out.relative_to(BASE_DIR)} (table: {md.relative_to(BASE_DIR)})")
    print(f"gunicorn log: {log_path.relative_to(BASE_DIR)}")

    errors = sum(p["errors"] for p in pages) + sum(
        f["errors"] for run in submit for f in run["labels"].values()
    )
    missing = [r["clients"] for r in submit if not r["labels"].get(SUBMIT_LABEL, {}).get("ok")]
    if errors or missing:
        step(f"FAILED: {errors} request(s) failed; see the failures above and {log_path}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        sys.exit(1)
