"""A replayed submission key: the browser that sent it lands on its guide again (a
double click, a refresh); any other browser holding the key (an old browser after the
draft moved, a copied page) is told the form was sent, and sees nothing of it."""

import re

import pytest
from django.test import Client, TestCase

from intake import selectors, services
from intake.models import Draft, Intake
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key
from tests.intake.drafting import dob_post

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/intake/resume/[^/\s]+/)")


def submit(client, key):
    return client.post("/intake/check/", {"submission_key": key, "website": ""})


def assert_nothing_of_the_intake(response, token):
    html = response.content.decode()
    assert "Zoë" not in html and "O&#x27;Brien" not in html and "O'Brien" not in html
    assert token not in html and "/intake/guide/" not in html
    assert "Caution" not in html and "caution" not in html


def test_a_refresh_of_the_submit_in_the_same_browser_lands_on_the_guide(client, clinic_content):
    fill_all_steps(client)
    key = submission_key(client)
    first = submit(client, key)
    assert first.status_code == 302 and first["Location"].startswith("/intake/guide/")
    # Later, the patient refreshes the page that sent the form (the session was written).
    again = submit(client, key)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert client.get(again["Location"]).status_code == 200
    assert Intake.objects.count() == 1


def test_another_browser_with_the_key_does_not_get_the_guide(client, clinic_content):
    fill_all_steps(client)
    key = submission_key(client)
    sent = submit(client, key)
    token = sent["Location"].split("/")[3]
    stranger = Client()
    response = submit(stranger, key)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This form was already sent" in html
    assert "We emailed a link to your reading list" in html
    assert 'href="/intake/"' in html  # start a new form
    assert_nothing_of_the_intake(response, token)
    assert Intake.objects.count() == 1


def test_the_old_browser_after_a_resume_gets_neither_the_guide_nor_a_live_key(
    client, clinic_content, mailoutbox
):
    # The tester's steps: the phone fills every step and opens the check page ...
    fill_all_steps(client)
    old_key = submission_key(client)
    # ... saves to finish later; the laptop opens the link, confirms and sends.
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/intake/consent/", {**VALID_STEPS["consent"], "later": "1"})
    laptop = Client()
    laptop.get(LINK.search(mailoutbox[-1].body)[1])
    assert laptop.post("/intake/resume/", dob_post())["Location"] == "/intake/check/"
    new_key = submission_key(laptop)
    assert new_key != old_key  # the move gave the draft a new key
    assert str(Draft.objects.get().submission_key) == new_key
    # Before the laptop sends, the phone's key is refused as the draft is elsewhere.
    assert submit(client, old_key).status_code == 409
    sent = submit(laptop, new_key)
    assert sent["Location"].startswith("/intake/guide/")
    token = sent["Location"].split("/")[3]
    assert str(Intake.objects.get().submission_key) == new_key
    # The phone's old key opens no guide: not from the phone, nor from a new browser.
    assert selectors.guide_for_token(services.guide_token_for(old_key)) is None
    for other in (client, Client()):
        response = submit(other, old_key)
        assert not response.get("Location", "").startswith("/intake/guide/")
        assert_nothing_of_the_intake(response, token)
    # The laptop's own refresh still lands on its guide; the phone with the laptop's
    # key (copied from the laptop's page) does not.
    assert submit(laptop, new_key)["Location"] == sent["Location"]
    copied = submit(client, new_key)
    assert copied.status_code == 409
    assert_nothing_of_the_intake(copied, token)
    assert Intake.objects.count() == 1


def test_the_already_sent_page_reads_at_or_below_grade_eight(client, clinic_content):
    from education.readability import GRADE_LIMIT, reading_grade
    from tests.clinic.test_reading_grade import main_text

    fill_all_steps(client)
    key = submission_key(client)
    submit(client, key)
    grade = reading_grade(main_text(submit(Client(), key).content))
    assert 0 < grade <= GRADE_LIMIT, grade
