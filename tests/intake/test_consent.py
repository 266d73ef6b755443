"""The consent step as clinics need it: a typed-name signature with the date (issue 16)."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from clinic.models import PrivacyNotice
from intake.forms import ConsentForm
from intake.models import Intake
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key, submitted_intake

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


def test_the_notice_of_privacy_practices_is_seeded_and_shown_on_its_page(client):
    notice = PrivacyNotice.objects.current()
    assert notice.version == "1"
    html = client.get("/privacy/notice/").content.decode()
    assert "<h1>Notice of Privacy Practices</h1>" in html
    assert "Version 1, published on" in html
    assert "<h2>Your rights</h2>" in html
    assert "[Clinic:" in html  # the clinic fills in its own details


def test_the_consent_step_asks_to_acknowledge_the_notice_and_links_to_it(client):
    html = client.get("/intake/consent/").content.decode()
    assert "I have read the Notice of Privacy Practices." in html
    assert '<a href="/privacy/notice/">Read the Notice of Privacy Practices</a>' in html
    form = ConsentForm(data={**VALID_STEPS["consent"], "consent_privacy_notice": ""})
    assert form.errors["consent_privacy_notice"] == [
        "Check the box to say you have read the Notice of Privacy Practices."
    ]


def test_the_intake_records_the_notice_version_acknowledged(client):
    PrivacyNotice.objects.create(
        version="2027-1", published_on=datetime.date(2027, 1, 1), body="New text."
    )
    assert submitted_intake().privacy_notice_version == "2027-1"


def test_only_a_superuser_edits_the_notice_in_the_admin(client, manager, dermatologist):
    client.force_login(dermatologist)
    assert client.get("/admin/clinic/privacynotice/").status_code in (302, 403)
    client.force_login(manager)
    assert client.get("/admin/clinic/privacynotice/").status_code == 200


def about_you(**changes):
    from intake.forms import AboutYouForm

    return AboutYouForm(data={**VALID_STEPS["about-you"], **changes})


def test_email_is_optional_when_a_phone_number_is_given():
    assert about_you(email="").is_valid()
    assert about_you(phone="").is_valid()
    form = about_you(email="", phone="")
    assert form.errors == {
        "email": ["Enter your email address or your phone number, so the clinic can reach you."]
    }


def test_without_an_email_the_intake_is_saved_and_the_guide_says_it_was_not_emailed(client):
    fill_all_steps(client, {"about-you": {"email": ""}})
    response = client.post(
        "/intake/check/", {"submission_key": submission_key(client), "website": ""}
    )
    assert Intake.objects.get().email == ""
    html = client.get(response["Location"]).content.decode()
    assert "because you did not give an email address" in html
