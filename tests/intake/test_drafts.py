"""Save and finish later: the draft in the database, the single-use link, the date
of birth it asks for, the hand-over to the new device and the pages for dead links."""

import datetime
import re

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from clinic.redact import redact_secrets
from intake import drafts
from intake.models import AuditEvent, Draft, Intake
from tests.intake.answers import VALID_STEPS, submission_key
from tests.intake.drafting import dob_post, filled_session, wrong_dob_post

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/intake/resume/[^/\s]+/)")


def save_for_later(client, slug="your-skin", data=None):
    """Answers step 1 and 2, then presses "Save and finish later" on `slug` (the link's
    e-mail is queued on commit: run it, as the worker would)."""
    for done in ("about-you", "your-scars"):
        client.post(f"/intake/{done}/", VALID_STEPS[done])
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/intake/{slug}/", {**(data or VALID_STEPS[slug]), "later": "1"})


def mailed_link(mailoutbox):
    return LINK.search(mailoutbox[-1].body)[1]


def test_save_for_later_keeps_the_step_and_mails_a_link_without_answers(client, mailoutbox):
    response = save_for_later(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your answers are saved" in html and "z•••@example.org" in html
    draft = Draft.objects.get()
    assert set(draft.step_data) == {"about-you", "your-scars", "your-skin"}
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["zoe@example.org"]
    body = mailoutbox[0].body
    assert "Zoë" not in body and "rolling" not in body and "1990" not in body
    token = mailed_link(mailoutbox).split("/")[3]
    assert draft.link_hash == drafts.secret_hash(token) and token not in draft.link_hash
    actions = list(AuditEvent.objects.values_list("action", "intake_reference"))
    assert ("draft_save", draft.reference) in actions and ("link_send", draft.reference) in actions


def test_a_half_answered_step_is_kept_as_typed_and_reopens_with_it(client, mailoutbox):
    # Unsure of one answer, the patient stops on step 3 with two answered.
    half = {"sun_reaction": "type_4", "keloid_self": "no"}
    response = save_for_later(client, slug="your-skin", data=half)
    assert response.status_code == 200
    assert "Your answers are saved" in response.content.decode()
    draft = Draft.objects.get()
    assert "your-skin" not in draft.step_data  # not sent: still the first unanswered step
    laptop = Client()
    laptop.get(mailed_link(mailoutbox))
    opened = laptop.post("/intake/resume/", dob_post())
    assert opened["Location"] == "/intake/your-skin/"
    page = laptop.get("/intake/your-skin/").content.decode()
    assert re.search(r'value="type_4"[^>]*checked', page)
    assert re.search(r'name="keloid_self" value="no"[^>]*checked', page)
    assert "There is a problem" not in page  # shown as typed, not judged yet


def test_step_one_must_be_complete_to_save_for_later(client, mailoutbox):
    response = client.post(
        "/intake/about-you/", {**VALID_STEPS["about-you"], "date_of_birth_year": "", "later": "1"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert mailoutbox == [] and not Draft.objects.exists()


def test_on_step_one_without_an_email_the_message_points_to_the_box_on_the_page(client):
    data = {**VALID_STEPS["about-you"], "email": "", "phone": "+1 555 010 0100", "later": "1"}
    html = client.post("/intake/about-you/", data).content.decode()
    assert "We need your email address to save for later" in html
    assert 'href="#id_email"' in html and 'id="id_email"' in html
    # The message sits above the form, so the box is below it (the 320 px screenshot).
    assert "email address</a> below" in html and html.index("#id_email") < html.index(
        'id="id_email"'
    )
    assert 'href="/intake/about-you/"' not in html.split("error-summary", 1)[1].split("</div>")[0]


def test_the_link_opens_the_draft_elsewhere_after_the_date_of_birth(client, mailoutbox):
    save_for_later(client)
    link = mailed_link(mailoutbox)
    laptop = Client()
    landing = laptop.get(link)
    assert landing.status_code == 302 and landing["Location"] == "/intake/resume/"
    page = laptop.get("/intake/resume/")
    assert "Confirm it is you" in page.content.decode()
    assert "Zoë" not in page.content.decode()  # no answers before the date of birth
    opened = laptop.post("/intake/resume/", dob_post())
    assert opened["Location"] == "/intake/health/"  # the first unanswered step
    assert "Zoë" in laptop.get("/intake/check/").content.decode()
    assert AuditEvent.objects.filter(action="resume").count() == 1
    # The link worked once.
    assert Client().get(link).status_code == 404
    # The phone's copy no longer accepts changes, nor shows the answers.
    refused = client.post("/intake/health/", VALID_STEPS["health"])
    assert refused.status_code == 409
    assert "open on another device" in refused.content.decode()
    assert client.get("/intake/check/").status_code == 409
    assert "health" not in Draft.objects.get().step_data
    # The laptop finishes and sends.
    for slug in ("health", "past-treatments", "goals", "consent"):
        assert laptop.post(f"/intake/{slug}/", VALID_STEPS[slug]).status_code == 302
    sent = laptop.post("/intake/check/", {"submission_key": submission_key(laptop)})
    assert sent["Location"].startswith("/intake/guide/")
    assert Intake.objects.get().reference == AuditEvent.objects.first().intake_reference
    assert not Draft.objects.exists()


def test_the_phone_can_start_a_new_form_after_the_move(client, mailoutbox):
    save_for_later(client)
    laptop = Client()
    laptop.get(mailed_link(mailoutbox))
    laptop.post("/intake/resume/", dob_post())
    assert client.post("/intake/start-again/")["Location"] == "/intake/"
    assert client.post("/intake/about-you/", VALID_STEPS["about-you"]).status_code == 302
    assert Draft.objects.count() == 2


def test_five_wrong_dates_of_birth_end_the_link(client, mailoutbox):
    save_for_later(client)
    laptop = Client()
    laptop.get(mailed_link(mailoutbox))
    for left in (4, 3, 2, 1):
        page = laptop.post("/intake/resume/", wrong_dob_post()).content.decode()
        assert f"You can try {left} more time" in page
    ended = laptop.post("/intake/resume/", wrong_dob_post())
    assert ended.status_code == 404
    assert "did not match too many times" in ended.content.decode()
    assert laptop.post("/intake/resume/", dob_post()).status_code == 404  # even the right one
    assert Draft.objects.get().link_hash is None
    assert AuditEvent.objects.filter(action="dob_wrong").count() == 5
    # The phone still has its draft and can ask for a new link.
    assert client.get("/intake/your-skin/").status_code == 200


def test_unknown_and_expired_links_get_a_friendly_page(client, mailoutbox):
    unknown = client.get("/intake/resume/" + "x" * 43 + "/")
    assert unknown.status_code == 404
    html = unknown.content.decode()
    assert "This link does not work" in html and 'href="/intake/"' in html
    # A used link moved the form to the device that opened it; the saving one cannot go on.
    assert "carry on with the form on the device where you opened it" in html
    assert "on the device where you saved it, you can carry on" not in html
    save_for_later(client)
    Draft.objects.update(saved_at=timezone.now() - datetime.timedelta(hours=73))
    assert Client().get(mailed_link(mailoutbox)).status_code == 404
    assert Client().get("/intake/resume/").status_code == 404


def test_a_newer_link_replaces_the_older_one(client, mailoutbox):
    save_for_later(client)
    first = mailed_link(mailoutbox)
    # A new link for the same draft goes only after a few minutes.
    Draft.objects.update(link_sent_at=timezone.now() - datetime.timedelta(minutes=10))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/intake/your-skin/", {**VALID_STEPS["your-skin"], "later": "1"})
    second = mailed_link(mailoutbox)
    assert first != second
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 302


def test_dates_are_compared_not_strings():
    session, draft = filled_session(["about-you"])
    token = drafts.draft_link_issue(draft=draft)
    other = type(session)()
    outcome = drafts.draft_resume(
        session=other, token=token, date_of_birth=datetime.date(1990, 4, 12)
    )
    assert outcome.result is drafts.ResumeResult.RESUMED


def test_without_an_email_the_button_says_it_needs_one(client):
    page = client.get("/intake/your-skin/").content.decode()
    assert "this needs your email address" in page
    refused = client.post("/intake/your-skin/", {**VALID_STEPS["your-skin"], "later": "1"})
    assert "We need your email address to save for later" in refused.content.decode()
    assert Draft.objects.get().step_data.keys() == {"your-skin"}  # the step is still kept


def test_the_link_never_reaches_the_log(client, mailoutbox, caplog):
    with caplog.at_level("INFO"):
        save_for_later(client)
        link = mailed_link(mailoutbox)
        Client().get(link)
    token = link.split("/")[3]
    assert token not in caplog.text
    assert "/intake/resume/[redacted]/" in caplog.text
    assert redact_secrets(f"GET {link} 302") == "GET /intake/resume/[redacted]/ 302"
    assert redact_secrets("POST /intake/resume/ 200") == "POST /intake/resume/ 200"


def test_the_start_page_says_how_long_a_draft_is_kept(client):
    assert "we keep your answers for 3 days (72 hours)" in client.get("/intake/").content.decode()


def test_retention_in_words():
    assert drafts.retention_words(72) == "3 days (72 hours)"
    assert drafts.retention_words(24) == "1 day (24 hours)"
    assert drafts.retention_words(36) == "36 hours"


def test_the_drafts_audit_rows_show_in_the_intakes_access_history(
    client, mailoutbox, clinic_content
):
    from intake.review.selectors import access_history

    save_for_later(client)
    laptop = Client()
    laptop.get(mailed_link(mailoutbox))
    laptop.post("/intake/resume/", wrong_dob_post())
    laptop.post("/intake/resume/", dob_post())
    for slug in ("health", "past-treatments", "goals", "consent"):
        laptop.post(f"/intake/{slug}/", VALID_STEPS[slug])
    laptop.post("/intake/check/", {"submission_key": submission_key(laptop)})
    actions = [event.action for event in access_history(Intake.objects.get())]
    assert actions == ["resume", "dob_wrong", "link_send", "draft_save"]


def test_the_finish_later_pages_read_at_or_below_grade_eight(client, mailoutbox):
    from education.readability import GRADE_LIMIT, reading_grade
    from tests.clinic.test_reading_grade import main_text

    pages = {"saved": save_for_later(client)}
    laptop = Client()
    laptop.get(mailed_link(mailoutbox))
    pages["resume"] = laptop.get("/intake/resume/")
    pages["resume-wrong"] = laptop.post("/intake/resume/", wrong_dob_post())
    laptop.post("/intake/resume/", dob_post())
    pages["moved"] = client.get("/intake/your-skin/")
    pages["link-missing"] = Client().get(mailed_link(mailoutbox))
    for name, response in pages.items():
        grade = reading_grade(main_text(response.content))
        assert 0 < grade <= GRADE_LIMIT, (name, grade)
