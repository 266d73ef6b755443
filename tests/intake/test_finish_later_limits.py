"""The limits on "Save and finish later" e-mails: one new link per draft every few
minutes, and INTAKE_LINK_EMAIL_LIMIT per client address per window. A limit holds back
only the e-mail: the draft is always saved, and the page says what happened."""

import datetime

import pytest
from django.test import Client, TestCase
from django.utils import timezone

from intake import drafts, services
from intake.finish_later import LINK_SLOTS, LinkOutcome, finish_later
from intake.models import AuditEvent, Draft
from tests.intake.answers import VALID_STEPS
from tests.intake.drafting import filled_session

pytestmark = pytest.mark.django_db

VICTIM = {**VALID_STEPS["about-you"], "email": "victim@example.org"}


def later(client, slug="about-you", data=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/intake/{slug}/", {**(data or VICTIM), "later": "1"})


def test_twelve_presses_in_a_second_send_one_email_and_keep_every_save(client, mailoutbox):
    # The tester's steps: valid answers, someone else's address, twelve presses at once.
    responses = [later(client) for _ in range(12)]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["victim@example.org"]
    assert [r.status_code for r in responses] == [200] * 12
    assert "We sent a link to v•••@example.org" in responses[0].content.decode()
    html = responses[-1].content.decode()
    assert "Your answers are saved" in html
    # No address named: it may have been changed since the link went.
    assert "We already sent you a link a few minutes ago" in html
    assert "you can ask for a new link in 5 minutes" in html
    assert "We sent a link to" not in html
    # Each press still saved the draft: a change typed before the last one is kept.
    changed = {**VICTIM, "phone": "+1 555 000 1111"}
    assert later(client, data=changed).status_code == 200
    assert Draft.objects.get().step_data["about-you"]["phone"] == ["+1 555 000 1111"]
    assert len(mailoutbox) == 1
    # Recorded like the other draft events: a save each time, the one link sent.
    actions = list(AuditEvent.objects.values_list("action", "detail"))
    assert actions.count(("link_send", "")) == 1
    held = [detail for action, detail in actions if action == "draft_save" and detail]
    assert len(held) == 12 and set(held) == {"No new link: one was sent in the last few minutes."}


def test_a_new_link_for_the_same_draft_goes_once_the_few_minutes_have_passed(client, mailoutbox):
    later(client)
    first = Draft.objects.get().link_hash
    Draft.objects.update(link_sent_at=timezone.now() - datetime.timedelta(minutes=4))
    assert "in 1 minute." in later(client).content.decode()
    assert len(mailoutbox) == 1 and Draft.objects.get().link_hash == first
    Draft.objects.update(link_sent_at=timezone.now() - datetime.timedelta(minutes=6))
    assert "We sent a link to" in later(client).content.decode()
    assert len(mailoutbox) == 2 and Draft.objects.get().link_hash != first


def test_one_client_address_gets_only_so_many_emails(settings, mailoutbox):
    settings.INTAKE_LINK_EMAIL_LIMIT = 2
    # New browsers (new drafts) from one address: the per-draft wait does not stop them.
    for _ in range(2):
        assert later(Client()).status_code == 200
    refused = later(Client())
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "We saved your answers, but we did not send an email" in html
    assert "try “Save and finish later” again in 60 minutes" in html
    assert "We sent a link" not in html
    assert len(mailoutbox) == 2
    # The refused browser's draft is saved all the same, and recorded.
    assert Draft.objects.count() == 3
    names = {draft.step_data["about-you"]["first_name"][0] for draft in Draft.objects.all()}
    assert names == {"Zoë"}
    assert Draft.objects.filter(link_hash__isnull=True).count() == 1
    assert AuditEvent.objects.filter(detail="No link sent: too many from this address.").exists()
    # Another address is not held back by this one.
    assert "We sent a link to" in later(Client(REMOTE_ADDR="198.51.100.7")).content.decode()
    assert len(mailoutbox) == 3


def test_held_back_presses_do_not_use_up_the_clients_emails(settings, mailoutbox):
    settings.INTAKE_LINK_EMAIL_LIMIT = 2
    phone = Client()
    for _ in range(5):
        later(phone)  # one e-mail, then "already sent": only the e-mail counts
    assert "We sent a link to" in later(Client()).content.decode()
    assert len(mailoutbox) == 2


def test_two_saves_racing_make_one_link_and_give_the_slot_back(settings, mailoutbox):
    settings.INTAKE_LINK_EMAIL_LIMIT = 1
    session, draft = filled_session(["about-you"])
    stale = Draft.objects.get(pk=draft.pk)  # read before the other save made its link
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = finish_later(draft=draft, client_id="203.0.113.9", link_for=str)
    assert first.outcome is LinkOutcome.SENT
    services.client_slot_release(kind=LINK_SLOTS, client_id="203.0.113.9")
    with TestCase.captureOnCommitCallbacks(execute=True):
        second = finish_later(draft=stale, client_id="203.0.113.9", link_for=str)
    assert second.outcome is LinkOutcome.SENT_RECENTLY
    # The slot the racing save took was given back: the address may still send one.
    assert services.client_slot_take(
        kind=LINK_SLOTS, client_id="203.0.113.9", limit=1, window_seconds=60
    )
    a_minute_ago = timezone.now() - datetime.timedelta(minutes=1)
    assert drafts.draft_link_issue(draft=stale, unless_sent_after=a_minute_ago) is None
    assert len(mailoutbox) == 1


def test_the_held_back_pages_read_at_or_below_grade_eight(settings, client, mailoutbox):
    from education.readability import GRADE_LIMIT, reading_grade
    from tests.clinic.test_reading_grade import main_text

    settings.INTAKE_LINK_EMAIL_LIMIT = 1
    later(client)
    pages = {"sent-recently": later(client), "client-limited": later(Client())}
    assert "We already sent you a link" in pages["sent-recently"].content.decode()
    assert "we did not send an email" in pages["client-limited"].content.decode()
    for name, response in pages.items():
        grade = reading_grade(main_text(response.content))
        assert 0 < grade <= GRADE_LIMIT, (name, grade)
