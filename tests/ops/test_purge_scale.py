"""Retention at a clinic group's scale: purge_intakes over 100,000 old intakes in
under a minute, with memory that does not grow with the number of rows (batched by
primary key, intake/retention.py), and the audit trail kept."""

import datetime
import io
import os
import time
import tracemalloc

import pytest
from django.core.management import call_command
from django.utils import timezone

from bench.seed import copy_intakes
from intake.models import AuditEvent, Intake, IntakeCaution
from intake.retention import delete_in_batches
from intake.services import audit_record, intakes_purge
from tests.factories import UserFactory
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
# 100,000 on PostgreSQL (production's database, the PostgreSQL leg of CI); the SQLite
# leg checks the same at 20,000 so the suite stays quick there.
ROWS = int(os.environ.get("PURGE_SCALE_ROWS", "100000" if ON_POSTGRES else "20000"))


def test_delete_in_batches_takes_every_row_and_only_those(clinic_content):
    keep = submitted_intake()
    template = submitted_intake(submitted_at=timezone.now() - datetime.timedelta(days=800))
    copy_intakes(template, 25, submitted_within_days=1)  # recent copies
    old = Intake.objects.filter(submitted_at__lt=timezone.now() - datetime.timedelta(days=700))
    assert delete_in_batches(old, batch_size=7) == 1
    assert Intake.objects.filter(pk=keep.pk).exists()
    assert Intake.objects.count() == 26
    everything = Intake.objects.all()
    assert delete_in_batches(everything, batch_size=7) == 26
    assert not Intake.objects.exists() and not IntakeCaution.objects.exists()


def test_purge_of_100k_intakes_is_fast_flat_in_memory_and_keeps_the_audit(clinic_content, capsys):
    template = submitted_intake(submitted_at=timezone.now() - datetime.timedelta(days=800))
    audit_record(actor=UserFactory(), action="view", intake=template)
    started = time.monotonic()
    copy_intakes(template, ROWS - 1, submitted_within_days=365)
    seeded = time.monotonic() - started
    # All but the template are younger than a year: age them past the limit in one UPDATE.
    Intake.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=400))
    assert Intake.objects.count() == ROWS

    tracemalloc.start()
    started = time.monotonic()
    report = intakes_purge(draft_hours=72, submitted_days=365)
    seconds = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"\nseeded {ROWS} in {seeded:.1f} s; purged in {seconds:.1f} s, peak {peak / 1e6:.1f} MB")
    assert report.intakes == ROWS
    assert not Intake.objects.exists() and not IntakeCaution.objects.exists()
    assert seconds < 60
    # One batch of 1,000 intakes is a few MB; all 100,000 collected at once is hundreds.
    assert peak < 25e6, f"peak {peak / 1e6:.1f} MB"
    assert AuditEvent.objects.get().intake_reference == template.reference


def test_purge_memory_does_not_grow_with_rows(clinic_content):
    """The same purge over 2,000 and 20,000 rows: the peak stays within a batch's worth."""
    peaks = []
    for rows in (2_000, 20_000):
        template = submitted_intake(submitted_at=timezone.now() - datetime.timedelta(days=800))
        copy_intakes(template, rows - 1, submitted_within_days=1)
        Intake.objects.update(submitted_at=timezone.now() - datetime.timedelta(days=400))
        tracemalloc.start()
        call_command("purge_intakes", "--submitted-days", "365", stdout=io.StringIO())
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert not Intake.objects.exists()
    assert peaks[1] < peaks[0] * 1.5 + 2e6, [f"{p / 1e6:.1f} MB" for p in peaks]
