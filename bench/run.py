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
                                review_queue, intake_submit, review_scale, purge
  BENCH_DB=clinic_bench         database name; must start with clinic_bench
  BENCH_PGHOST=127.0.0.1 BENCH_PGPORT=5432 BENCH_PGUSER=postgres   (trust auth)
  BENCH_KEEP_DB=1               keep the database afterwards (default: dropped)
"""

import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import scale
from bench.config import BASE_DIR, BIN, RESULTS_DIR, STAFF_USERNAME, BenchError, config, step
from bench.measure import AccessLog, run_submit, run_wrk
from bench.report import git_commit, machine, markdown, print_table, table_rows
from bench.scenarios import BASELINE, PAGES, RESUME_LINKS, SUBMIT_LABEL
from bench.server import (
    app_env,
    ensure_wrk,
    manage,
    psql,
    run_purge,
    run_scale,
    seed,
    seed_resume_links,
    start_worker,
    stop,
    wait_healthy,
)
from bench.signin import sign_in


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
    server = worker = None
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
        links_path = Path(cfg["cache_dir"]) / "resume-links.txt"
        if "resume" in cfg["scenarios"]:
            step(seed_resume_links(env, cfg["resume_links"], links_path))
        psql(cfg, "VACUUM ANALYZE", database=cfg["db"])
        step(f"gunicorn -c gunicorn.conf.py: {cfg['workers']} workers on 127.0.0.1:{cfg['port']} "
             f"(log {log_path.relative_to(BASE_DIR)})")  # fmt: skip
        with open(log_path, "w") as log:
            server = subprocess.Popen(  # noqa: S603 - the project's own gunicorn
                [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--chdir", str(BASE_DIR)],
                cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        worker_log_path = RESULTS_DIR / f"worker-{stamp}.log"
        with open(worker_log_path, "w") as worker_log:
            worker = start_worker(env, worker_log)
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
        if "resume" in cfg["scenarios"]:
            RESUME_LINKS.load(links_path)
            submit.append(run_submit(cfg, cfg["clients"], cfg["submit_seconds"][0], access,
                                     name="resume"))  # fmt: skip
        scale_points = {}
        if "review_scale" in cfg["scenarios"]:
            staff = staff or sign_in(cfg, password, totp_key)
            scale_points = run_scale(wrk or ensure_wrk(), cfg, env, staff, access)
        info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        purge = run_purge(cfg, env) if "purge" in cfg["scenarios"] else None
        saved = int(psql(cfg, "SELECT count(*) FROM intake_intake", database=cfg["db"]))
        # What the worker did with the queued e-mails: status -> rows.
        tasks = psql(cfg, "SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
                     "GROUP BY status ORDER BY status", database=cfg["db"])  # fmt: skip
        step(f"task rows after the run (status|count): {tasks.replace(chr(10), ', ') or 'none'}")
    finally:
        stop(server)
        stop(worker)
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
        "task_rows_by_status": tasks,
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
    missing = [r["clients"] for r in submit if r["scenario"] == "intake_submit"
               and not r["labels"].get(SUBMIT_LABEL, {}).get("ok")]  # fmt: skip
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
