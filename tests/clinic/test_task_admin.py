"""The staff member's notification settings page and the manager's admin lists of
tasks, digests and preferences (clinic/notification_views.py, clinic/task_admin.py)."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinic.models import StaffDigest, StaffNotificationPreference

pytestmark = pytest.mark.django_db

PAGE = "/accounts/notifications/"
TASKS = "/admin/django_tasks_database/dbtaskresult/"


def test_a_dermatologist_turns_digests_off_and_on(client, dermatologist):
    client.force_login(dermatologist)
    page = client.get(PAGE)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "E-mail me a digest of new intakes" in page.content.decode()
    assert "checked" in page.content.decode()  # on until turned off
    response = client.post(PAGE, {}, follow=True)
    assert "Digests of new intakes are off." in response.content.decode()
    assert StaffNotificationPreference.objects.get(user=dermatologist).digest_enabled is False
    client.post(PAGE, {"digest_enabled": "on"})
    assert StaffNotificationPreference.objects.get(user=dermatologist).digest_enabled is True


def test_people_who_do_not_review_intakes_have_no_settings_page(client, editor):
    client.force_login(editor)
    assert client.get(PAGE).status_code == 403


def failed_email():
    return DBTaskResult.objects.create(
        task_path="clinic.tasks.send_email",
        args_kwargs={
            "args": [],
            "kwargs": {
                "to": ["zoe@example.org"],
                "subject": "Hello",
                "body": "SECRET-BODY",
                "kind": "resume-link",
                "reference": "AS-TEST123",
                "secret": False,
                "attempt": 5,
            },
        },
        backend_name="default",
        run_after=timezone.now(),
        status="FAILED",
        exception_class_path="clinic.tasks.EmailNotSent",
        traceback="EmailNotSent: resume-link e-mail AS-TEST123: not sent after 5 attempts",
        finished_at=timezone.now(),
    )


def test_the_manager_sees_failed_emails_without_their_contents(client, manager):
    result = failed_email()
    client.force_login(manager)
    html = client.get(f"{TASKS}?email=failed").content.decode()
    assert "resume-link · AS-TEST123 · attempt 5" in html and "EmailNotSent" in html
    detail = client.get(f"{TASKS}{result.pk}/change/").content.decode()
    for hidden in ("SECRET-BODY", "zoe@example.org"):
        assert hidden not in html and hidden not in detail
    assert "not sent after 5 attempts" in detail


def test_send_again_queues_a_failed_email_from_attempt_one(
    client, manager, mailoutbox, django_capture_on_commit_callbacks
):
    result = failed_email()
    client.force_login(manager)
    response = client.post(
        TASKS, {"action": "send_again", "_selected_action": [result.pk]}, follow=True
    )
    assert "1 e-mail(s) queued again." in response.content.decode()
    assert [m.body for m in mailoutbox] == ["SECRET-BODY"]  # the tests' immediate backend


def test_a_wiped_secret_email_is_named_not_sent_again(client, manager, mailoutbox):
    result = failed_email()
    # What clinic.tasks leaves of an e-mail with a one-time link after its last try.
    result.args_kwargs = {
        "args": [],
        "kwargs": {"kind": "invitation", "reference": "", "attempt": 5, "secret": True,
                   "forgotten": True},
    }  # fmt: skip
    result.save()
    client.force_login(manager)
    response = client.post(
        TASKS, {"action": "send_again", "_selected_action": [result.pk]}, follow=True
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 e-mail(s) queued again." in html
    assert "Not sent again: 1 e-mail(s) with a one-time link (invitation)" in html
    assert mailoutbox == []
    assert DBTaskResult.objects.count() == 1  # nothing queued that could only fail


def test_dermatologists_cannot_see_the_task_list(client, dermatologist):
    failed_email()
    client.force_login(dermatologist)
    assert client.get(TASKS).status_code == 403


def test_every_new_admin_list_and_filter_opens(client, manager, dermatologist):
    StaffNotificationPreference.objects.create(user=dermatologist, digest_enabled=False)
    now = timezone.now()
    digest = StaffDigest.objects.create(window_start=now, window_end=now + timezone.timedelta(1))
    result = failed_email()
    client.force_login(manager)
    urls = [
        TASKS,
        f"{TASKS}?email=all",
        f"{TASKS}?status__exact=FAILED",
        f"{TASKS}{result.pk}/change/",
        "/admin/clinic/staffnotificationpreference/",
        "/admin/clinic/staffnotificationpreference/?digest_enabled__exact=0",
        f"/admin/clinic/staffnotificationpreference/{dermatologist.notification_preference.pk}/change/",
        "/admin/clinic/staffnotificationpreference/add/",
        "/admin/clinic/staffdigest/",
        "/admin/clinic/staffdigest/?sent_at__isempty=1",
        f"/admin/clinic/staffdigest/{digest.pk}/change/",
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
