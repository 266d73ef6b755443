"""What a step page says beyond its questions comes from the step's data (intake/steps.py)."""

import pytest

from intake.steps import STEP_BY_SLUG

pytestmark = pytest.mark.django_db


def test_the_consent_step_links_to_the_privacy_notice_from_its_data(client):
    assert STEP_BY_SLUG["consent"].link.url_name == "privacy"
    html = client.get("/intake/consent/").content.decode()
    assert 'Please read our <a href="/privacy/">privacy notice</a> before you agree.' in html
    assert "privacy notice</a>" not in client.get("/intake/goals/").content.decode()


def test_the_consent_step_says_how_long_answers_are_kept_in_words(client, settings):
    settings.INTAKE_DRAFT_RETENTION_HOURS = 72
    settings.INTAKE_RETENTION_DAYS = None
    html = client.get("/intake/consent/").content.decode()
    assert "We keep your answers after you send them, as part of your clinic record." in html
    assert "we delete your answers after 3 days (72 hours)." in html
    settings.INTAKE_RETENTION_DAYS = 7 * 365
    html = client.get("/intake/consent/").content.decode()
    assert "We keep your answers for 7 years after you send them, then delete them." in html
    assert "We keep your answers" not in client.get("/intake/goals/").content.decode()


def test_days_words():
    from intake.steps import days_words

    assert days_words(365) == "1 year"
    assert days_words(730) == "2 years"
    assert days_words(90) == "90 days"
    assert days_words(1) == "1 day"
