"""The bench's configuration from BENCH_* (bench/run.py lists them), paths and the small
helpers every part uses."""

import os
import re
import runpy
import socket
import subprocess
from pathlib import Path

from bench.scenarios import (
    PAGES,
    SCENARIOS,
)

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = BASE_DIR / ".venv" / "bin"
RESULTS_DIR = BASE_DIR / "bench-results"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_status.lua"
STAFF_USERNAME = "benchdoc"


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
        # Single-use: one per resume; more than a loaded machine gets through in a run.
        "resume_links": int(setting("BENCH_RESUME_LINKS", "3000")),
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
