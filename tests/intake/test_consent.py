"""The consent step as clinics need it: a typed-name signature with the date (issue 16)."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from intake.forms import ConsentForm
from intake.models import Intake
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key

pytestmark = pytest.mark.django_db


def today_words():
    return f"Signed on {date_format(timezone.localdate())}"


def test_the_consent_step_asks_for_a_typed_name_with_todays_date(client):
    html = client.get("/intake/consent/").content.decode()
    assert "Type your full name to sign" in html
    assert today_words() in html


@pytest.mark.parametrize("typed", ["", "   "])
def test_a_blank_signature_is_refused_with_a_plain_message(typed):
    form = ConsentForm(data={**VALID_STEPS["consent"], "signature_name": typed})
    assert not form.is_valid()
    assert form.errors["signature_name"] == ["Type your full name to sign the form."]


def test_the_signature_is_stored_with_its_date_and_shown_on_check_and_review(client, dermatologist):
    fill_all_steps(client, {"consent": {"signature_name": "  Zoë   Nguyễn "}})
    check = client.get("/intake/check/").content.decode()
    assert "Zoë Nguyễn" in check
    assert today_words() in check
    client.post("/intake/check/", {"submission_key": submission_key(client), "website": ""})
    intake = Intake.objects.get()
    assert intake.signature_name == "Zoë Nguyễn"
    assert intake.signed_on == timezone.localdate()
    client.force_login(dermatologist)
    review = client.get(f"/review/{intake.reference}/").content.decode()
    assert "Zoë Nguyễn" in review
    assert today_words() in review
