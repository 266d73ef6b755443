"""gunicorn settings for production (`make serve`, systemd; see docs/deployment.md).

Every value can be overridden from the environment, so one file serves a laptop
and the clinic's server.
"""

import multiprocessing
import os


def setting(name, default):
    """The variable, or `default` when it is unset or empty (as copied from
    .env.example); the same rule as the settings' (clinic/settings/env.py). Kept
    here because gunicorn reads this file before the project is importable."""
    return os.environ.get(name, "").strip() or default


bind = setting("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(setting("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(setting("GUNICORN_THREADS", "1"))
timeout = int(setting("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot build up.
max_requests = 50000
max_requests_jitter = 5000
wsgi_app = "clinic.wsgi:application"
# Access log: the path with any guide token replaced (clinic.gunicorn_logging),
# never the query string (searches), no referrer, no user agent. Health data
# never appears in a URL. See docs/deployment.md, "What the logs contain".
accesslog = setting("GUNICORN_ACCESS_LOG", "-")
access_log_format = "%(t)s %(s)s %(m)s %(U)s %(B)s %(M)sms rid=%({x-request-id}o)s"
logger_class = "clinic.gunicorn_logging.RedactingLogger"
errorlog = "-"
loglevel = setting("GUNICORN_LOG_LEVEL", "info")
# Forwarded headers: only the X-Forwarded-Proto the TLS proxy on this host sets.
# gunicorn would also let that address set SCRIPT_NAME and PATH_INFO by header
# (forwarder_headers), which change what Django routes on, and would read the
# scheme from X-Forwarded-Protocol and X-Forwarded-Ssl, which our proxy passes
# through from the client untouched. Headers with "_" in the name are dropped.
forwarded_allow_ips = setting("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
forwarder_headers = ""
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
header_map = "drop"
# No control socket in the home directory of whoever runs it.
control_socket_disable = True
