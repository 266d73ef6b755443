"""A database failure answers a friendly 503 with Retry-After, never 500, and the
submit never says "not sent" once the intake is saved (issue 13, finding 5).
tests/ops/test_faults.py checks the same with PostgreSQL really stopped."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError

from intake import selectors, services
from intake import tasks as intake_tasks
from intake.models import Intake
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key

pytestmark = pytest.mark.django_db


def down(*args, **kwargs):
    raise OperationalError("connection refused")


def test_a_database_failure_in_any_view_is_a_503_with_retry_after(client, monkeypatch):
    monkeypatch.setattr(selectors, "guide_for_token", down)
    client.raise_request_exception = False
    response = client.get("/intake/guide/" + "a" * 64 + "/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, this page is not available right now" in response.content.decode()


def test_an_outage_does_not_mail_the_admins_on_every_request(
    client, monkeypatch, settings, mailoutbox, caplog
):
    settings.ADMINS = [("Clinic admin", "admin@clinic.example")]
    monkeypatch.setattr(selectors, "guide_for_token", down)
    monkeypatch.setattr(SessionStore, "save", down)
    client.raise_request_exception = False
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.get("/intake/guide/" + "a" * 64 + "/").status_code == 503
        assert client.post("/intake/about-you/", VALID_STEPS["about-you"]).status_code == 503
    assert mailoutbox == []
    outage = [r for r in caplog.records if r.name == "django.request"]
    assert len(outage) == 2 and {r.levelname for r in outage} == {"WARNING"}


def test_other_errors_still_mail_the_admins(client, monkeypatch, settings, mailoutbox):
    settings.ADMINS = [("Clinic admin", "admin@clinic.example")]
    monkeypatch.setattr(selectors, "guide_for_token", lambda token: 1 / 0)
    client.raise_request_exception = False
    assert client.get("/intake/guide/" + "a" * 64 + "/").status_code == 500
    assert len(mailoutbox) == 1


def test_other_errors_are_still_the_500_page(client, monkeypatch):
    monkeypatch.setattr(selectors, "guide_for_token", lambda token: 1 / 0)
    client.raise_request_exception = False
    response = client.get("/intake/guide/" + "a" * 64 + "/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_a_first_step_whose_session_cannot_be_written_is_shown_again(client, monkeypatch):
    monkeypatch.setattr(SessionStore, "save", down)
    response = client.post("/intake/about-you/", VALID_STEPS["about-you"])
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "We could not save this step" in response.content.decode()
    assert "O&#x27;Brien-Nguyễn" in response.content.decode()
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("failing", ["confirmation", "session"])
def test_once_saved_the_submit_goes_to_the_guide_whatever_fails_after(
    client, clinic_content, monkeypatch, failing
):
    fill_all_steps(client)
    key = submission_key(client)
    if failing == "confirmation":
        monkeypatch.setattr(intake_tasks, "intake_submitted_queue", down)
    else:
        monkeypatch.setattr(SessionStore, "save", down)
    response = client.post("/intake/check/", {"submission_key": key, "website": ""})
    assert response.status_code == 302 and response["Location"].startswith("/intake/guide/")
    monkeypatch.undo()
    # Sending the same draft again (its clearing may have failed) finds the same guide.
    again = client.post("/intake/check/", {"submission_key": key, "website": ""})
    assert (again.status_code, again["Location"]) == (302, response["Location"])
    assert Intake.objects.count() == 1


def test_a_submit_that_cannot_be_confirmed_never_says_not_sent(client, clinic_content, monkeypatch):
    fill_all_steps(client)
    key = submission_key(client)
    monkeypatch.setattr(services, "intake_submit", down)
    response = client.post("/intake/check/", {"submission_key": key, "website": ""})
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "We could not confirm that your answers were sent" in html
    assert "not sent yet" not in html and key in html
