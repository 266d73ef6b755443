"""Retention: purge_intakes removes abandoned drafts, old intakes if asked, and
expired guide links; --dry-run counts only; audit rows survive."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from intake.models import AuditEvent, Draft, Intake, IntakeChoice
from intake.services import audit_record, intakes_purge
from tests.factories import UserFactory
from tests.intake.answers import VALID_STEPS, submitted_intake

pytestmark = pytest.mark.django_db


def draft_session(client, hours_ago):
    """A draft begun in `client`, last changed `hours_ago` hours ago."""
    client.post("/intake/about-you/", VALID_STEPS["about-you"])
    pk = client.session["intake"]["draft"]
    Draft.objects.filter(pk=pk).update(
        saved_at=timezone.now() - datetime.timedelta(hours=hours_ago)
    )
    return pk


def legacy_draft_session(session, hours_ago):
    """A draft kept in the session, as before drafts moved to the database."""
    session["intake"] = {"answers": {"about-you": {}}, "saved_at": time.time() - hours_ago * 3600}
    session.save()
    return session.session_key


def test_abandoned_drafts_go_and_recent_ones_stay(client, settings):
    from django.test import Client

    old = draft_session(client, hours_ago=100)
    fresh = draft_session(Client(), hours_ago=1)
    report = intakes_purge(draft_hours=72)
    assert report.drafts == 1
    assert set(Draft.objects.values_list("pk", flat=True)) == {fresh}
    assert old != fresh


def test_drafts_are_deleted_in_batches(client, monkeypatch):
    from intake import retention, services

    batches = []

    def small_batches(queryset):
        batches.append(queryset.model)
        return retention.delete_in_batches(queryset, batch_size=2)

    monkeypatch.setattr(services, "delete_in_batches", small_batches)
    old = timezone.now() - datetime.timedelta(hours=100)
    Draft.objects.bulk_create(
        Draft(reference=f"AS-OLD{n}", owner_hash="x", saved_at=old) for n in range(5)
    )
    assert intakes_purge(draft_hours=72).drafts == 5
    assert not Draft.objects.exists() and Draft in batches


def test_an_expired_draft_link_goes_with_its_draft(client):
    pk = draft_session(client, hours_ago=100)
    Draft.objects.filter(pk=pk).update(link_hash="a" * 64)
    intakes_purge(draft_hours=72)
    assert not Draft.objects.filter(link_hash__isnull=False).exists()


def test_legacy_session_drafts_still_go(client):
    from django.contrib.sessions.backends.db import SessionStore

    old = legacy_draft_session(SessionStore(), hours_ago=100)
    fresh = legacy_draft_session(SessionStore(), hours_ago=1)
    assert intakes_purge(draft_hours=72).drafts == 1
    keys = set(Session.objects.values_list("session_key", flat=True))
    assert old not in keys and fresh in keys


def test_dry_run_changes_nothing(client, clinic_content, capsys):
    draft_session(client, hours_ago=100)
    intake = submitted_intake(guide_expires_at=timezone.now() - datetime.timedelta(days=1))
    call_command("purge_intakes", "--dry-run", "--submitted-days", "0")
    output = capsys.readouterr().out
    assert "Would remove: 1 abandoned draft(s)" in output
    assert "1 expired guide link(s)" in output
    assert "submitted intakes: 1" in output
    assert Draft.objects.count() == 1
    assert Intake.objects.count() == 1
    intake.refresh_from_db()
    assert intake.guide_token_hash


def test_expired_guide_links_are_cleared_and_stay_dead(client, clinic_content):
    expired = submitted_intake(guide_expires_at=timezone.now() - datetime.timedelta(days=1))
    live = submitted_intake()
    report = intakes_purge(draft_hours=72)
    assert report.guide_links == 1
    expired.refresh_from_db()
    live.refresh_from_db()
    assert expired.guide_token_hash is None
    assert live.guide_token_hash


def test_submitted_intakes_are_kept_unless_a_limit_is_set(clinic_content, capsys):
    intake = submitted_intake(submitted_at=timezone.now() - datetime.timedelta(days=400))
    doctor = UserFactory()
    audit_record(actor=doctor, action="view", intake=intake)
    call_command("purge_intakes")
    assert "submitted intakes: kept (no limit set)" in capsys.readouterr().out
    assert Intake.objects.count() == 1

    report = intakes_purge(draft_hours=72, submitted_days=365)
    assert report.intakes == 1
    assert Intake.objects.count() == 0
    assert IntakeChoice.objects.count() == 0
    # The audit trail outlives the record it describes.
    assert AuditEvent.objects.get().intake_reference == intake.reference


def test_signed_in_staff_keep_their_session(client, clinic_content):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    legacy_draft_session(client.session, hours_ago=100)
    intakes_purge(draft_hours=72)
    session = Session.objects.get()
    data = session.get_decoded()
    assert "intake" not in data and "_auth_user_id" in data


def test_command_options_reach_the_purge(client, clinic_content, capsys):
    draft_session(client, hours_ago=100)
    call_command("purge_intakes", "--draft-hours", "200")
    assert Draft.objects.count() == 1  # younger than 200 hours: kept
    submitted_intake(submitted_at=timezone.now() - datetime.timedelta(days=400))
    call_command("purge_intakes", "--submitted-days", "365")
    assert "submitted intakes: 1" in capsys.readouterr().out
    assert Intake.objects.count() == 0
