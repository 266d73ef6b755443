"""db_worker sets its own SIGINT/SIGTERM/SIGQUIT handlers; tests that run it in-process
put the test run's back afterwards."""

import contextlib
import signal

WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


@contextlib.contextmanager
def signals_restored():
    saved = {sig: signal.getsignal(sig) for sig in WORKER_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
