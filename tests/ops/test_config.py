"""Configuration without traps: a copy of .env.example as .env must not break
`make run` (empty values count as unset), and `make run PORT=…` for a busy port."""

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinic.settings.env import Env, NonEmptyEnviron

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable


def settings_in_subprocess(tmp_path, module, *, env_file, **extra):
    """Imports `module` in a fresh interpreter with `env_file` as the .env; returns
    (exit code, output) of printing a few settings."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "REDIS_URL", "ALLOWED_HOSTS", "DEBUG"}
        and not key.startswith("DJANGO_")
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, ENV_FILE=str(env_file), **extra)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], bool(s.SECRET_KEY), "
        "s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(  # noqa: S603 - our interpreter, fixed code
        [PYTHON, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def env_copy(tmp_path):
    """.env.example copied as it is, as its first line says to."""
    path = tmp_path / ".env"
    path.write_text((BASE_DIR / ".env.example").read_text())
    return path


def test_env_example_tells_you_to_copy_it_and_has_the_empty_values():
    text = (BASE_DIR / ".env.example").read_text()
    assert text.startswith("# Copy to .env")
    lines = text.splitlines()
    assert "DATABASE_URL=" in lines and "SECRET_KEY=" in lines


def test_a_copied_env_example_gives_the_development_defaults(tmp_path, env_copy):
    code, output = settings_in_subprocess(tmp_path, "clinic.settings.dev", env_file=env_copy)
    assert code == 0, output
    assert output.split() == ["django.db.backends.sqlite3", "True",
                              "django.core.cache.backends.locmem.LocMemCache"], output  # fmt: skip


def test_make_run_steps_work_with_a_copied_env_example(tmp_path, env_copy):
    """What `make run` runs before the server: the checks and migrate, on the copy."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    # The copy's empty DATABASE_URL means the project's db.sqlite3; the real environment
    # wins over .env, so a scratch file comes from there, and the copy stays as it is.
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    environment["ENV_FILE"] = str(env_copy)
    for args in (["check"], ["migrate", "--noinput", "-v", "0"]):
        result = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True,
            text=True, timeout=300, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr


def test_production_still_refuses_an_empty_secret_key(tmp_path, env_copy):
    code, output = settings_in_subprocess(
        tmp_path,
        "clinic.settings.production",
        env_file=env_copy,
        ALLOWED_HOSTS="clinic.example.org",
    )
    assert code != 0
    assert "Set the SECRET_KEY environment variable" in output


def test_production_starts_from_a_copied_env_example_once_the_key_is_set(tmp_path, env_copy):
    code, output = settings_in_subprocess(
        tmp_path, "clinic.settings.production", env_file=env_copy,
        SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="clinic.example.org",
        CACHE_DIR=str(tmp_path),
    )  # fmt: skip
    assert code == 0, output
    assert output.split()[0] == "django.db.backends.sqlite3"


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_or_blank_counts_as_unset(value):
    env = Env()
    env.ENVIRON = NonEmptyEnviron({"SECRET_KEY": value, "PORT": "8001"})
    assert env("SECRET_KEY", default="fallback") == "fallback"
    assert env.int("PORT", default=8000) == 8001
    with pytest.raises(ImproperlyConfigured):
        env("SECRET_KEY")
    assert "SECRET_KEY" not in env.ENVIRON and list(env.ENVIRON) == ["PORT"]


def test_gunicorn_config_treats_empty_as_unset(tmp_path):
    environment = {**os.environ, "GUNICORN_WORKERS": "", "GUNICORN_BIND": " "}
    result = subprocess.run(  # noqa: S603
        [str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "-c", str(BASE_DIR / "gunicorn.conf.py"),
         "--print-config"], cwd=BASE_DIR, env=environment, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "['127.0.0.1:8000']" in result.stdout


def test_make_run_takes_a_port():
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "PORT=8123"], cwd=BASE_DIR, capture_output=True, text=True,  # noqa: S607
        timeout=60, check=False,
    )  # fmt: skip
    assert "runserver 127.0.0.1:8123" in result.stdout


def test_a_busy_port_is_named_with_a_hint():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(  # noqa: S603
            [PYTHON, "ops/port_free.py", str(port)], cwd=BASE_DIR, capture_output=True,
            text=True, timeout=30, check=False,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make run PORT={port + 1}" in result.stderr
    free = subprocess.run(  # noqa: S603
        [PYTHON, "ops/port_free.py", str(port)], cwd=BASE_DIR, check=False, timeout=30
    )
    assert free.returncode == 0
