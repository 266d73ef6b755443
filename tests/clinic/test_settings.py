"""Settings: production refuses to guess; the default database needs no set-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k8#Jq2@x" * 8


def run_check(settings_module, **env_vars):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_vars)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env["ENV_FILE"] = ""  # a developer's .env must not change what is checked
    return subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            str(PROJECT / "manage.py"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env_vars", "expected"),
    [
        ({"ALLOWED_HOSTS": "clinic.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "clinic.example.org"}, "SECRET_KEY"),
        (
            {
                "SECRET_KEY": "django-insecure-" + "a1b2c3d4" * 6,
                "ALLOWED_HOSTS": "clinic.example.org",
            },
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "clinic.example.org", "DEBUG": "true"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start_without_safe_configuration(env_vars, expected):
    result = run_check("clinic.settings.production", **env_vars)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert expected in result.stderr


def test_production_passes_deploy_checks_when_configured():
    result = run_check(
        "clinic.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="clinic.example.org",
        CLINIC_PHONE="555 010 0100",
    )
    assert result.returncode == 0, result.stderr


def test_default_database_is_a_sqlite_file_in_the_project():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    code = (
        "import django;from django.conf import settings;django.setup();"
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    env["DJANGO_SETTINGS_MODULE"] = "clinic.settings.dev"
    env["ENV_FILE"] = ""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(PROJECT / "db.sqlite3")


def settings_value(name, **env_vars):
    env = {key: value for key, value in os.environ.items() if key not in {name, "ENV_FILE"}}
    env.update(env_vars, DJANGO_SETTINGS_MODULE="clinic.settings.dev")
    code = f"import django;from django.conf import settings;django.setup();print(settings.{name})"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=PROJECT,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_env_file_is_read_unless_env_file_is_empty(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("CLINIC_NAME=From the env file\n")
    assert settings_value("CLINIC_NAME", ENV_FILE=str(dotenv)) == "From the env file"
    assert settings_value("CLINIC_NAME", ENV_FILE="") == "Acne Scar Clinic"
    # Real environment variables win over the file.
    assert settings_value("CLINIC_NAME", ENV_FILE=str(dotenv), CLINIC_NAME="Real") == "Real"
