"""Test runs: fast hashers, in-memory mail, plain static storage (no collectstatic)."""

from .base import *  # noqa: F403
from .base import CHROME_CACHE, STORAGES

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "clinic-tests",
    },
    "chrome": CHROME_CACHE,
}
# Serve straight from the app folders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Most tests sign staff in with force_login; the two-factor tests switch it on.
STAFF_REQUIRE_2FA = False
# Tasks run at once, in the test's process, when the transaction commits (wrap the code
# in django_capture_on_commit_callbacks(execute=True)). tests/clinic/test_tasks.py runs
# the database backend with its real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
