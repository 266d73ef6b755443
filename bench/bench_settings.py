"""Settings for `make bench`: production's, but for where static files go and one
bench-only page.

The bench talks plain HTTP to gunicorn and sends ``X-Forwarded-Proto: https`` like
the reverse proxy does, so production's SSL redirect, secure cookies and CSRF
origin checks run exactly as deployed. Static files are collected into
bench/staticfiles/ so the bench never touches the project's own staticfiles/. The
URLs are the project's plus the signed-in floor (bench/bench_urls.py).
"""

from clinic.settings.production import *  # noqa: F403
from clinic.settings.production import BASE_DIR

STATIC_ROOT = BASE_DIR / "bench" / "staticfiles"
# The project's URLs plus the signed-in floor page (bench/bench_urls.py).
ROOT_URLCONF = "bench.bench_urls"
