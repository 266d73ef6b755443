"""Measuring: server-side time from gunicorn's access log, wrk runs of a page, and the
submit path through the Python load generator."""

import re
import threading
import time

from bench import loadgen
from bench.config import WRK_SCRIPT, BenchError, run_quiet, step
from bench.scenarios import (
    SCENARIOS,
)

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


def run_submit(cfg, clients, seconds, access, name="intake_submit"):
    """One load-generator scenario (bench/scenarios.py SCENARIOS: the submit path or a
    resume) at `clients` clients."""
    scenario = SCENARIOS[name]
    step(
        f"{name}: {clients} client(s), {cfg['warmup_seconds']:g}s warm-up + "
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
        "scenario": name,
        "clients": clients,
        "seconds": elapsed,
        "description": scenario.description,
        "labels": {k: labels[k] for k in [*order, *labels] if k in labels},
        "example_failures": failures,
    }
