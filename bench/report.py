"""The bench's results: the machine it ran on, the table (verdicts against the
targets), its Markdown copy and the printed summary."""

import os
import platform
import statistics
from pathlib import Path

from bench.config import BASE_DIR, BenchError, run_quiet
from bench.scenarios import (
    BASELINE_PATH,
    RESUME_LABEL,
    SUBMIT_LABEL,
    SUBMIT_MAX_P99_MS,
)
from bench.server import psql


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
        # No wrk when only the Python load generator's scenarios run.
        "wrk": (run_quiet([wrk, "-v"]).stdout.strip().splitlines() or [None])[0] if wrk else None,
    }
    try:
        info["postgresql"] = psql(cfg, "SHOW server_version")
    except BenchError:
        info["postgresql"] = None
    return info


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
        resumed = run["labels"].get(RESUME_LABEL)
        if run.get("scenario") == "resume" and resumed:
            rows.append((f"resume: link -> first unanswered step, {run['clients']} clients",
                         resumed["per_second"], resumed["p50_ms"], resumed["p99_ms"], None,
                         "- (flows/s; last GET's p50/p99)", "", sum(
                             f["errors"] for f in run["labels"].values()),
                         resumed["server_p50_ms"], resumed["server_p99_ms"]))  # fmt: skip
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
        name = run.get("scenario", "intake_submit")
        print(f"\n{name} flow at {run['clients']} client(s), {run['seconds']:g}s measured:")
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
