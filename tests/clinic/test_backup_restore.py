"""The backup and restore scripts round-trip the clinic's data (PostgreSQL)."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from intake.models import Intake
from tests.intake.answers import submitted_intake

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database(tmp_path, clinic_content):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore back up PostgreSQL")
    intake = submitted_intake()
    settings_dict = connection.settings_dict
    base = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
    source = f"{base}/{settings_dict['NAME']}"
    scratch = f"{settings_dict['NAME']}_restore"
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}

    def psql(sql):
        subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True, env=env)  # noqa: S603, S607

    dump = subprocess.run(  # noqa: S603
        [str(ROOT / "ops/backup.sh"), source, str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    assert Path(dump).exists()
    assert oct(Path(dump).stat().st_mode)[-3:] == "600"
    psql(f'DROP DATABASE IF EXISTS "{scratch}"')
    psql(f'CREATE DATABASE "{scratch}"')
    try:
        subprocess.run(  # noqa: S603
            [str(ROOT / "ops/restore.sh"), dump, f"{base}/{scratch}"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        restored = subprocess.run(  # noqa: S603
            ["psql", f"{base}/{scratch}", "-Atc", "select reference from intake_intake"],  # noqa: S607
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
        assert restored == [intake.reference]
        # Restoring twice is refused rather than mixing data.
        again = subprocess.run(  # noqa: S603
            [str(ROOT / "ops/restore.sh"), dump, f"{base}/{scratch}"],
            capture_output=True,
            text=True,
            env=env,
        )
        assert again.returncode != 0 and "refusing" in again.stderr
    finally:
        psql(f'DROP DATABASE IF EXISTS "{scratch}"')
    assert Intake.objects.count() == 1
