"""Production: refuses to start rather than guess a secret or a host."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, CHROME_CACHE, LOGGING, SILENCED_SYSTEM_CHECKS, env

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production")

SECRET_KEY = env("SECRET_KEY")  # ImproperlyConfigured if unset
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value (50+ characters)")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # no default
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the real host names")
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{host}" for host in ALLOWED_HOSTS]
)

# TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^health/$"]  # probes from the proxy, over http
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Preloading is a lasting commitment for the whole domain, so it is the clinic's
# choice (SECURE_HSTS_PRELOAD=true), not a default; the check would otherwise warn.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]

LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")

# gunicorn runs several worker processes: without Redis, a local-memory cache
# would give each its own page cache and content version, so an editor's change
# could show in one worker and not another. A file cache is shared on this host.
if not env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
        },
        "chrome": CHROME_CACHE,
    }
