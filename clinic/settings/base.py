"""Settings shared by every environment; dev, test and production only override.

Configuration comes from the environment (a `.env` file is read if present; real
environment variables win), so no secret lives in the repository.
"""

import datetime
import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.contrib.messages import constants as messages_constants

from clinic.settings.env import Env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = Env()  # empty variables (as copied from .env.example) count as unset
# ENV_FILE names another file, or none when empty (the tests' subprocesses, so a
# developer's .env cannot change what they check).
ENV_FILE = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # Spanish content beside the English on the same rows (before the admin, as it asks).
    "modeltranslation",
    # Django's admin with the clinic's site, which asks for a verified device.
    "clinic.apps.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Django's tasks framework (a backport of Django 6's django.tasks) and its
    # database backend: background work, e-mail above all, with no new service.
    "django_tasks",
    "django_tasks_db",
    "clinic",
    "education",
    "intake",
    "fhir.apps.FhirConfig",
]

MIDDLEWARE = [
    "clinic.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "clinic.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before the session and every view: a NUL or invalid UTF-8 answers 400, not 500.
    "clinic.request_guard.RequestGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (Django's order): /es/ activates Spanish.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic.middleware.StaffIdleTimeoutMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "clinic.auth_backends.OneQueryModelBackend",  # ModelBackend, permissions in one query
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.clinic",
            ],
        },
    },
]

# A SQLite file in the project by default, so a fresh laptop needs nothing;
# production and CI pass postgres://… (psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing. A deferred transaction that
    # reads and then writes can deadlock with another on SQLite's lock upgrade, and
    # one is refused at once ("database is locked"); IMMEDIATE takes the write lock
    # at BEGIN, so the second waits, up to `timeout` seconds (below gunicorn's 30).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env.int("SQLITE_TIMEOUT", default=20)}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters sent apart from the query (psycopg 3's server-side binding), so psycopg
    # prepares a statement the connection runs again and again (the session read, a
    # draft's update): PostgreSQL parses and plans it once per connection, and nothing
    # is quoted into SQL text in Python. A pooler in front of PostgreSQL must keep
    # prepared statements (PgBouncer 1.21+: max_prepared_statements; docs/scaling.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "server_side_binding", env.bool("DATABASE_SERVER_SIDE_BINDING", default=True)
    )
# On PostgreSQL the app's role owns nothing (clinic.db_roles): `migrate` and
# `grant_app_role` connect as the owner given here. Unset: DATABASE_URL does both.
MIGRATE_DATABASE_URL = env("MIGRATE_DATABASE_URL", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's own Redis backend when REDIS_URL is set, local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinic",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "clinic",
        }
    }
# What is rendered once per process and holds no visitor data: the page chrome
# (assets, header, footer) and the intake's empty step forms. It depends only on
# settings and code, so local memory is right: it cannot go down with Redis and
# starts empty with each release.
CHROME_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "chrome"}
CACHES["chrome"] = CHROME_CACHE

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the default and keeps its unprefixed URLs; Spanish pages live under /es/
# (clinic/urls.py). Staff pages and the admin are outside i18n_patterns, so
# LocaleMiddleware always gives them LANGUAGE_CODE: they stay English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# Strings of the project-level templates (templates/); each app keeps its own locale/.
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date style everywhere, "March 27, 1994" (clinic/formats/en/formats.py).
FORMAT_MODULE_PATH = ["clinic.formats"]
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Scar photos (#17): outside MEDIA and static, no URL maps to it; served only through
    # the review workspace's staff view. docs/deployment.md shows S3 with django-storages.
    "photos": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("PHOTO_ROOT", default=str(BASE_DIR / "var/private/photos"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: console by default; SMTP when EMAIL_URL says so (e.g. smtp+tls://user:pw@host:587).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds to wait for the mail server. Without a limit, a mail server that stops
# answering would hold a patient's submit until gunicorn kills the worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="clinic@localhost")
# Every e-mail but error reports goes through the task queue (clinic/tasks.py), so no
# request waits for the mail server. The worker (`manage.py task_worker`) sends them
# from the database; a failed send is tried again after each of these delays, then
# recorded as a failed task in the admin ("Task results").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The worker's CPU niceness (0 = as the web server, 19 = lowest): patients' pages get the
# CPU first when both want it (clinic/management/commands/task_worker.py).
TASK_WORKER_NICE = env.int("TASK_WORKER_NICE", default=10)
EMAIL_RETRY_DELAYS_SECONDS = env.list(
    "EMAIL_RETRY_DELAYS_SECONDS", cast=int, default=[60, 300, 1800, 7200]
)
# purge_intakes prunes finished task rows after this many days; failed ones (the e-mails
# that could not be sent) stay longer so the clinic manager sees them in the admin.
TASK_RESULTS_KEEP_DAYS = env.int("TASK_RESULTS_KEEP_DAYS", default=7)
TASK_FAILED_RESULTS_KEEP_DAYS = env.int("TASK_FAILED_RESULTS_KEEP_DAYS", default=90)
# Dermatologists get one digest of new intakes per this many minutes (windows aligned
# to the clock), references and links only; an urgent intake is e-mailed at once.
STAFF_DIGEST_MINUTES = env.int("STAFF_DIGEST_MINUTES", default=60)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Clinic admin", address) for address in env.list("ADMIN_EMAILS", default=[])]

# Message levels named as Bootstrap's alert colours (includes/messages.html).
MESSAGE_TAGS = {
    messages_constants.DEBUG: "info",
    messages_constants.ERROR: "danger",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers sent everywhere; production adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "clinic.views.csrf_failure"
# Database sessions in fewer statements (clinic/sessions.py).
SESSION_ENGINE = "clinic.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script of ours reads the CSRF token from the cookie; forms carry it.
CSRF_COOKIE_HTTPONLY = True

# No inline script or style anywhere, so the policy needs no 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# The clinic's own details, shown in the footer and on patient pages.
CLINIC_NAME = env("CLINIC_NAME", default="Acne Scar Clinic")
CLINIC_PHONE = env("CLINIC_PHONE", default="")
CLINIC_EMAIL = env("CLINIC_EMAIL", default="")
CLINIC_ADDRESS = env("CLINIC_ADDRESS", default="")
# Until the clinic's dermatologist signs a page off in the admin, seeded pages name
# this reviewer. It must describe a real team, never an invented person.
CLINIC_CONTENT_REVIEWER = env(
    "CLINIC_CONTENT_REVIEWER", default="The clinic's medical team (awaiting dermatologist sign-off)"
)
# The same, named on the seeded Spanish pages until a Spanish-speaking clinician signs them.
CLINIC_CONTENT_REVIEWER_ES = env(
    "CLINIC_CONTENT_REVIEWER_ES",
    default="El equipo médico de la clínica (pendiente de la firma del dermatólogo)",
)

DEFAULT_EXCEPTION_REPORTER_FILTER = "clinic.logging.NoFormDataReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "clinic.logging.RedactingExceptionReporter"
LOG_FORMAT = env("LOG_FORMAT", default="text")  # production: json
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "clinic.logging.RequestIdFilter"},
        # On every handler: no guide token reaches a log line or an error e-mail.
        "redact_secrets": {"()": "clinic.logging.RedactSecretsFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {"()": "clinic.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "discard": {"class": "logging.NullHandler"},
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact_secrets"],
            "formatter": LOG_FORMAT,
        },
        # Mails errors to ADMINS (when set); the reporter filter hides form data.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "request_id", "redact_secrets"],
            "level": "ERROR",
            "include_html": False,
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "propagate": False},
        # runserver's own access log prints full URLs (with query strings and guide
        # tokens). A NullHandler, not an empty list: with no handler at all, Python's
        # last-resort handler printed its warnings (every 4xx and 5xx) unredacted.
        "django.server": {"handlers": ["discard"], "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "review:queue"
LOGOUT_REDIRECT_URL = "home"

# Staff accounts: locked for 15 minutes after 5 failed logins (django-axes), and
# signed out after 15 minutes idle or when the browser closes (clinic.middleware).
# Per username at one address, and per address across usernames (clinic.lockout).
AXES_FAILURE_LIMIT = 5
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "clinic.lockout.LockoutHandler"
# The address the proxy saw (CLIENT_IP_HEADER), as for the rate limit and audit log.
AXES_CLIENT_IP_CALLABLE = "clinic.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = []
# Staff must confirm a code from an authenticator app (TOTP, django-otp) before the
# review workspace or the admin opens.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = CLINIC_NAME
# The admin never shows an authenticator's secret key or QR code, nor anyone's
# recovery codes: whoever manages accounts must not be able to copy a second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
STAFF_IDLE_TIMEOUT_SECONDS = env.int("STAFF_IDLE_TIMEOUT_SECONDS", default=15 * 60)
# New staff set a password and enrol their authenticator at a one-time link
# (create_staff, or the admin's "Send an invitation link"); it works this long.
STAFF_INVITATION_TTL_HOURS = env.int("STAFF_INVITATION_TTL_HOURS", default=72)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_HOURS", default=24) * 3600
# The address the create_staff command puts in front of an invitation link.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# The request header the TLS proxy puts the client's address in (empty: REMOTE_ADDR).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="")

# GET /health/ (clinic/health.py): from these peer addresses (the proxy's, the
# monitor's), or with `Authorization: Bearer <HEALTH_TOKEN>`. Empty token: addresses only.
HEALTH_ALLOWED_ADDRESSES = env.list("HEALTH_ALLOWED_ADDRESSES", default=["127.0.0.1", "::1"])
HEALTH_TOKEN = env("HEALTH_TOKEN", default="")
# With the database task queue: a task waiting longer than this means no worker runs.
HEALTH_TASK_MAX_WAIT_SECONDS = env.int("HEALTH_TASK_MAX_WAIT_SECONDS", default=300)

# Intake: how long a personal guide link works, and submissions allowed per client.
INTAKE_GUIDE_TTL_DAYS = env.int("INTAKE_GUIDE_TTL_DAYS", default=30)
INTAKE_RATE_LIMIT = env.int("INTAKE_RATE_LIMIT", default=5)
INTAKE_RATE_LIMIT_WINDOW_SECONDS = env.int("INTAKE_RATE_LIMIT_WINDOW_SECONDS", default=3600)
# "Save and finish later" e-mails per client per window (the address is the patient's
# to type, so the button must not mail anyone without end; intake/finish_later.py).
INTAKE_LINK_EMAIL_LIMIT = env.int("INTAKE_LINK_EMAIL_LIMIT", default=10)
INTAKE_LINK_EMAIL_WINDOW_SECONDS = env.int("INTAKE_LINK_EMAIL_WINDOW_SECONDS", default=3600)
# Retention (purge_intakes): unfinished drafts go after this many hours; submitted
# intakes after INTAKE_RETENTION_DAYS days, or never when it is empty (the default:
# they are clinical records the clinic keeps under its own policy).
INTAKE_DRAFT_RETENTION_HOURS = env.int("INTAKE_DRAFT_RETENTION_HOURS", default=72)
INTAKE_RETENTION_DAYS = env.int("INTAKE_RETENTION_DAYS", default=None)
# The largest photo a patient may upload, refused before decoding (#17).
INTAKE_PHOTO_MAX_BYTES = env.int("INTAKE_PHOTO_MAX_BYTES", default=15 * 1024 * 1024)

# The FHIR API (docs/fhir.md): requests per integration token per window, and failed
# token attempts per address per window before the address is refused for the rest of it.
FHIR_RATE_LIMIT = env.int("FHIR_RATE_LIMIT", default=120)
FHIR_RATE_LIMIT_FAILURES = env.int("FHIR_RATE_LIMIT_FAILURES", default=20)
FHIR_RATE_LIMIT_WINDOW_SECONDS = env.int("FHIR_RATE_LIMIT_WINDOW_SECONDS", default=60)
