"""A small closed-loop load generator: N clients (threads), each with its own
keep-alive connection and cookie jar, running a scenario over and over for a
fixed time. Stdlib only, so it needs nothing beyond `make install`.

A scenario (see bench/scenarios.py) is a function ``iteration(client)`` that makes
requests with ``client.request(..., label=...)``. Every labelled request is timed
and counted under its label; a request whose status is not the expected one, or
that fails at the socket, counts as an error for its label and ends the iteration
(the client then starts over with a fresh session).
"""

import http.client
import math
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

_INPUT_RE = re.compile(r"<input\b[^>]*>", re.IGNORECASE | re.DOTALL)
_ATTR_RE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"', re.DOTALL)


class StepFailed(Exception):
    """A request in a scenario did not get the expected answer."""


class Stopped(Exception):
    """The measured window is over: the client makes no more requests."""


def input_value(html, name):
    """The value of the first <input name=...> in html, or raise StepFailed."""
    for tag in _INPUT_RE.findall(html):
        attrs = dict(_ATTR_RE.findall(tag))
        if attrs.get("name") == name:
            return attrs.get("value", "")
    raise StepFailed(f"no <input name={name!r}> in the page")


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


@dataclass
class Samples:
    """Latencies (seconds) of the successful requests of one label, and its errors."""

    latencies: list = field(default_factory=list)
    errors: int = 0
    error_kinds: dict = field(default_factory=dict)

    def error(self, kind):
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1


class Client:
    """One simulated browser: a keep-alive connection, its cookies, its timings.

    Sends the headers the clinic's TLS-terminating proxy and a browser would
    (X-Forwarded-Proto: https, a same-site Origin on POSTs), so production
    settings apply unchanged over plain HTTP. Cookies are sent back whatever
    their Secure flag: the client stands behind the proxy."""

    def __init__(self, host, port, samples, lock):
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies = {}
        self._samples, self._lock = samples, lock
        # Only requests that start in [measure_from, measure_until) (perf_counter
        # times) are recorded; before is warm-up, after it no request is made.
        self.measure_from = 0.0
        self.measure_until = math.inf

    def reset(self):
        """A new visitor: no cookies, a new connection."""
        self.cookies.clear()
        self.conn.close()

    def close(self):
        self.conn.close()

    def _record(self, label, started, seconds=None, error=None):
        if label is None or started < self.measure_from:
            return
        with self._lock:
            samples = self._samples.setdefault(label, Samples())
            if error is None:
                samples.latencies.append(seconds)
            else:
                samples.error(error)

    def request(self, method, path, *, form=None, expect=(200,), label=None, location=None):
        """Makes one request; times it under `label` if given. Raises StepFailed
        (after recording the error) unless the status is in `expect` and, for a
        redirect, the Location starts with `location`."""
        headers = {"Host": f"{self.host}:{self.port}", "X-Forwarded-Proto": "https"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        if started >= self.measure_until:
            raise Stopped
        try:
            self.conn.request(method, path, body=body, headers=headers)
            raw = self.conn.getresponse()
            payload = raw.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self._record(label, started, error=type(exc).__name__)
            raise StepFailed(f"{method} {path}: {exc!r}") from exc
        elapsed = time.perf_counter() - started
        if raw.will_close:
            self.conn.close()
        for header in raw.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        response = Response(raw.status, dict(raw.headers.items()), payload)
        if raw.status not in expect:
            self._record(label, started, error=f"HTTP {raw.status}")
            raise StepFailed(f"{method} {path}: HTTP {raw.status}, expected {expect}")
        if location is not None and not response.headers.get("Location", "").startswith(location):
            self._record(label, started, error="wrong redirect")
            raise StepFailed(f"{method} {path}: redirect to {response.headers.get('Location')!r}")
        self._record(label, started, seconds=elapsed)
        return response


def run_clients(iteration, *, host, port, clients, seconds, warmup_seconds=0.0):
    """Runs `iteration(client)` in a loop on `clients` threads for `seconds` after
    `warmup_seconds` of unrecorded warm-up. Requests are recorded when they start
    inside the measured window (whenever they finish), so slow requests are not
    under-sampled; no request starts after it. Returns (samples by label, measured
    seconds, failures) where failures holds a few example messages."""
    samples, lock = {}, threading.Lock()
    failures = []
    start_barrier = threading.Barrier(clients + 1)
    timing = {}

    def worker():
        client = Client(host, port, samples, lock)
        start_barrier.wait()
        client.measure_from = timing["measure_from"]
        client.measure_until = timing["end"]
        try:
            while True:
                now = time.perf_counter()
                try:
                    iteration(client)
                except Stopped:
                    break
                except StepFailed as exc:
                    with lock:
                        if len(failures) < 5 and now >= client.measure_from:
                            failures.append(str(exc))
                    client.reset()
                    time.sleep(0.05)  # no hot loop when the server is down
        finally:
            client.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    begun = time.perf_counter()
    timing["measure_from"] = begun + warmup_seconds
    timing["end"] = begun + warmup_seconds + seconds
    start_barrier.wait()  # timing is set before any worker passes the barrier
    for thread in threads:
        thread.join()
    return samples, seconds, failures


def percentile(sorted_values, pct):
    """Linear-interpolated percentile of already sorted values (numpy's default)."""
    if not sorted_values:
        return math.nan
    rank = (len(sorted_values) - 1) * pct / 100
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (rank - low)


def summarise(samples, elapsed):
    """Figures for one label: counts, throughput and latency in milliseconds
    (latencies are None when no request of the label succeeded)."""
    values = sorted(samples.latencies)

    def ms(seconds):
        return None if not values else round(seconds * 1000.0, 3)

    return {
        "requests": len(values) + samples.errors,
        "ok": len(values),
        "errors": samples.errors,
        "error_kinds": samples.error_kinds,
        "per_second": len(values) / elapsed if elapsed else 0.0,
        "p50_ms": ms(percentile(values, 50)),
        "p90_ms": ms(percentile(values, 90)),
        "p99_ms": ms(percentile(values, 99)),
        "mean_ms": ms(sum(values) / len(values) if values else 0),
        "max_ms": ms(values[-1] if values else 0),
    }
