"""The bench's database, the app's environment and its gunicorn: create, seed, start,
wait for, stop; the scale points and the purge run."""

import os
import re
import secrets
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request

from bench import scale
from bench.config import BASE_DIR, BIN, STAFF_USERNAME, BenchError, run_quiet, step
from bench.measure import run_wrk


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


def seed_resume_links(env, count, path):
    """Drafts with a finish-later link each, for the resume scenario (bench/seed.py)."""
    result = run_quiet([str(BIN / "python"), "-m", "bench.seed", "--resume-links", str(count),
                        str(path)], cwd=BASE_DIR, env=env)  # fmt: skip
    if result.returncode != 0:
        raise BenchError(f"bench/seed.py --resume-links failed:\n{result.stdout}\n{result.stderr}")
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


def start_worker(env, log):
    """The task worker (`manage.py task_worker`, at its lower CPU priority) beside
    gunicorn, as `make run` and the systemd unit run it, so the confirmations and
    digests the submits queue are sent
    (to EMAIL_URL's dummy backend: rendered and dropped) while the bench measures,
    not left waiting in the task table. Its own process group; stop() ends it."""
    return subprocess.Popen(  # noqa: S603 - the project's own manage.py
        [str(BIN / "python"), "manage.py", "task_worker", "--no-reload", "--interval", "1"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
