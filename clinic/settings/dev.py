"""Local development: DEBUG on, a throwaway key, localhost only."""

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]

# Template edits show at once: no per-process copy of the page chrome.
CACHES = {**CACHES, "chrome": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
