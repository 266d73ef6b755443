"""A queue search shows who a patient is and the cautions their answers raised, so
every intake it lists gets an audit row, on its access history; the plain queue (the
day's worklist) writes none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.models import AuditAction, AuditEvent
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db


def test_each_intake_a_search_lists_is_recorded_and_shown_on_its_history(client, dermatologist):
    found = submitted_intake({"about-you": {"last_name": "Pregnant"}, "health": {"smokes": "yes"}})
    other = submitted_intake({"about-you": {"last_name": "Elsewhere"}})
    client.force_login(dermatologist)
    html = client.get("/review/", {"q": "pregnant"}, REMOTE_ADDR="192.0.2.9").content.decode()
    assert found.reference in html and other.reference not in html
    [event] = AuditEvent.objects.filter(action=AuditAction.SEARCH)
    assert (event.intake_id, event.intake_reference) == (found.pk, found.reference)
    assert (event.actor_id, event.ip_address) == (dermatologist.pk, "192.0.2.9")
    assert "pregnant" not in event.detail.lower()  # not the words searched for
    history = client.get(f"/review/{found.reference}/history/").content.decode()
    assert "Found in a queue search" in history


def test_the_plain_queue_and_an_empty_search_record_nothing(client, dermatologist):
    submitted_intake()
    client.force_login(dermatologist)
    client.get("/review/")
    client.get("/review/", {"q": "nobody-by-this-name"})
    assert not AuditEvent.objects.filter(action=AuditAction.SEARCH).exists()


def test_a_search_costs_one_statement_more_however_many_it_lists(client, dermatologist):
    for _ in range(3):
        submitted_intake({"about-you": {"last_name": "Okafor"}})
    client.force_login(dermatologist)
    client.get("/review/")
    with CaptureQueriesContext(connection) as plain:
        client.get("/review/")  # the same three intakes, no search
    with CaptureQueriesContext(connection) as searched:
        client.get("/review/", {"q": "okafor"})
    assert AuditEvent.objects.filter(action=AuditAction.SEARCH).count() == 3
    inserts = [q["sql"] for q in searched.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    assert len(searched) == len(plain) + 1
