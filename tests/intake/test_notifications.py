"""Staff notifications (intake/notifications.py, intake/tasks.py): who is told, the
digest windows, and e-mail bodies that carry references and links only."""

import datetime

import pytest

from clinic.models import StaffDigest, StaffNotificationPreference
from intake import notifications, tasks
from intake.models import Intake
from tests.factories import DermatologistFactory, EditorFactory, ManagerFactory
from tests.intake.answers import VALID_ANSWERS, submitted_intake

pytestmark = pytest.mark.django_db

URGENT = {"health": {"pregnancy": "pregnant", "isotretinoin": "taking_now"}}
# Nothing a patient told us may reach a staff e-mail: names, contact details, answers
# (as keys or words) or a caution.
PRIVATE = [
    VALID_ANSWERS["first_name"],
    VALID_ANSWERS["last_name"],
    VALID_ANSWERS["email"],
    VALID_ANSWERS["phone"],
    "1990",
    "isotretinoin",
    "pregnan",
    "rolling",
    "boxcar",
    "cheeks",
    "caution",
    "urgent:",
]


def assert_no_health_details(message):
    text = f"{message.subject}\n{message.body}".lower()
    for private in PRIVATE:
        assert private.lower() not in text, private


@pytest.fixture
def staff(db):
    return {
        "lee": DermatologistFactory(username="drlee", email="lee@clinic.test"),
        "kim": DermatologistFactory(username="drkim", email="kim@clinic.test"),
        "editor": EditorFactory(username="ed", email="ed@clinic.test"),
        "boss": ManagerFactory(username="boss", email="boss@clinic.test"),
    }


def test_windows_are_aligned_to_the_clock():
    moment = datetime.datetime(2026, 12, 2, 9, 47, tzinfo=datetime.UTC)
    start, end = notifications.digest_window(moment, minutes=60)
    assert (start, end) == (moment.replace(minute=0), moment.replace(hour=10, minute=0))
    start, end = notifications.digest_window(moment, minutes=15)
    assert (start.minute, end.minute) == (45, 0)


def test_only_reviewers_with_an_address_and_digests_on_get_digests(staff):
    DermatologistFactory(username="drnomail", email="")
    StaffNotificationPreference.objects.create(user=staff["kim"], digest_enabled=False)
    assert list(notifications.digest_recipients()) == [staff["lee"]]
    assert set(notifications.urgent_recipients()) == {staff["lee"], staff["kim"]}


def test_the_digest_lists_references_and_links_and_nothing_else(
    clinic_content, staff, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://clinic.test"
    first, second = submitted_intake(), submitted_intake(URGENT)
    start, end = notifications.digest_window(first.submitted_at, minutes=60)
    Intake.objects.filter(pk=second.pk).update(submitted_at=first.submitted_at)
    StaffDigest.objects.create(window_start=start, window_end=end)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.staff_digests_send_due(now=end) == 1
    assert sorted(m.to[0] for m in mailoutbox) == ["kim@clinic.test", "lee@clinic.test"]
    message = mailoutbox[0]
    assert message.subject.startswith("2 new intakes")
    for intake in (first, second):
        assert f"{intake.reference}: https://clinic.test/review/{intake.reference}/" in (
            message.body
        )
    assert "https://clinic.test/accounts/notifications/" in message.body
    assert_no_health_details(message)
    digest = StaffDigest.objects.get()
    assert (digest.intake_count, digest.recipient_count) == (2, 2) and digest.sent_at == end


def test_a_window_is_sent_once_and_only_when_closed(
    clinic_content, staff, mailoutbox, django_capture_on_commit_callbacks
):
    intake = submitted_intake()
    start, end = notifications.digest_window(intake.submitted_at, minutes=60)
    StaffDigest.objects.create(window_start=start, window_end=end)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.staff_digests_send_due(now=end - datetime.timedelta(seconds=1)) == 0
        assert tasks.staff_digests_send_due(now=end) == 1
        assert tasks.staff_digests_send_due(now=end + datetime.timedelta(hours=1)) == 0
    assert len(mailoutbox) == 2


def test_an_opted_out_person_gets_no_digest_but_still_the_urgent_email(
    clinic_content, staff, mailoutbox, django_capture_on_commit_callbacks
):
    StaffNotificationPreference.objects.create(user=staff["kim"], digest_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        intake = submitted_intake(URGENT)
        tasks.notify_staff_of_intake.call(intake_id=intake.pk)
    urgent = [m for m in mailoutbox if "attention today" in m.subject]
    assert sorted(m.to[0] for m in urgent) == ["kim@clinic.test", "lee@clinic.test"]
    assert urgent[0].subject == f"An intake needs attention today: {intake.reference}"
    assert f"An intake needs attention today: reference {intake.reference}." in urgent[0].body
    assert f"/review/{intake.reference}/" in urgent[0].body
    assert_no_health_details(urgent[0])
    mailoutbox.clear()
    window_end = StaffDigest.objects.get().window_end  # scheduled by the intake
    with django_capture_on_commit_callbacks(execute=True):
        tasks.staff_digests_send_due(now=window_end)
    assert [m.to for m in mailoutbox] == [["lee@clinic.test"]]


def test_an_intake_without_urgent_cautions_sends_no_alert(
    clinic_content, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intake = submitted_intake()
        tasks.notify_staff_of_intake.call(intake_id=intake.pk)
    assert mailoutbox == []
    assert StaffDigest.objects.count() == 1


def test_the_submit_queues_the_confirmation_and_the_urgent_alert(
    client, clinic_content, staff, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.intake.answers import fill_all_steps, submission_key

    fill_all_steps(client, URGENT)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/intake/check/", {"submission_key": submission_key(client), "website": ""})
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == ["kim@clinic.test", "lee@clinic.test", VALID_ANSWERS["email"]]
    for message in mailoutbox:
        if message.to != [VALID_ANSWERS["email"]]:
            assert_no_health_details(message)


def test_the_sweep_sends_a_digest_whose_task_was_lost(
    clinic_content, staff, mailoutbox, django_capture_on_commit_callbacks
):
    intake = submitted_intake()
    start, end = notifications.digest_window(intake.submitted_at, minutes=60)
    StaffDigest.objects.create(window_start=start, window_end=end)
    later = end + datetime.timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.staff_digests_send_due(now=later)
    assert len(mailoutbox) == 2
