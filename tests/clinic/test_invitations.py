"""Enrolment by invitation (issue 13, finding 9): a one-time, expiring link sets the
password and enrols the authenticator; a password alone never enrols one. And
password reset through Django's views, with the second step still asked for."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command, get_commands
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.invitations import invitation_issue
from clinic.models import StaffInvitation
from tests.clinic.test_two_factor import code_for, recovery_codes_in
from tests.factories import PASSWORD, DermatologistFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]
NEW_PASSWORD = "a brand new passphrase 42"


def invite(username="drgray", **options):
    from io import StringIO

    out = StringIO()
    call_command(
        "create_staff", username, "--role", "dermatologist", "--site-url", "https://c.test",
        stdout=out, **options,
    )  # fmt: skip
    link = re.search(r"https://c\.test(/accounts/invitation/[^/\s]+/)", out.getvalue())
    return out.getvalue(), link[1]


def accept(client, path, password=NEW_PASSWORD):
    landing = client.get(path)
    assert landing["Location"] == "/accounts/invitation/"  # the token leaves the URL
    return client.post(
        "/accounts/invitation/", {"new_password1": password, "new_password2": password}
    )


def test_create_staff_lives_in_clinic():
    assert get_commands()["create_staff"] == "clinic"


def test_an_invitation_sets_the_password_then_enrols_the_authenticator(client):
    output, path = invite()
    assert "works once, for 72 hours" in output
    user = StaffInvitation.objects.get().user
    assert user.has_perm("intake.review_intake") and not user.has_usable_password()

    page = client.get(client.get(path)["Location"]).content.decode()
    assert "Choose your password" in page and "drgray" in page
    response = client.post(
        "/accounts/invitation/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == "/accounts/two-factor/?next=%2Freview%2F"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    setup = client.get(response["Location"]).content.decode()
    assert "Set up two-step sign-in" in setup
    assert client.get("/accounts/two-factor/qr.svg").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/accounts/two-factor/", {"code": code_for(device), "next": "/review/"})
    assert len(recovery_codes_in(done.content.decode())) == 10
    assert client.get("/review/").status_code == 200


def test_only_a_hash_of_the_token_is_stored():
    _, path = invite()
    token = path.split("/")[-2]
    invitation = StaffInvitation.objects.get()
    assert token not in str(vars(invitation))
    assert len(invitation.token_hash) == 64


def test_an_invitation_works_once(client):
    _, path = invite()
    accept(client, path)
    client.post("/accounts/logout/")
    again = accept(client, path, password="yet another passphrase 7")
    assert again.status_code == 404
    assert "This link no longer works" in again.content.decode()


def test_an_invitation_expires(client, settings):
    user = DermatologistFactory()
    token = invitation_issue(
        user=user,
        now=timezone.now() - datetime.timedelta(hours=settings.STAFF_INVITATION_TTL_HOURS),
    )
    assert accept(client, f"/accounts/invitation/{token}/").status_code == 404
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_new_invitation_replaces_the_old_one(client):
    user = DermatologistFactory()
    old, new = invitation_issue(user=user), invitation_issue(user=user)
    assert accept(client, f"/accounts/invitation/{old}/").status_code == 404
    assert accept(client, f"/accounts/invitation/{new}/").status_code == 302


def test_a_password_alone_never_enrols_an_authenticator(client, dermatologist):
    client.post("/accounts/login/", {"username": "drlee", "password": PASSWORD})
    page = client.get("/accounts/two-factor/?next=/review/")
    assert page.status_code == 403
    assert "ask the clinic manager to send you an invitation link" in page.content.decode()
    assert client.get("/accounts/two-factor/qr.svg").status_code == 404
    client.post("/accounts/two-factor/", {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=dermatologist).exists()
    assert client.get("/review/").status_code == 302


def test_staff_password_from_the_environment_still_needs_an_invitation(client, monkeypatch):
    """For automation (the benchmark): the password is set, no device comes with it."""
    monkeypatch.setenv("STAFF_PASSWORD", "a long enough passphrase 42")
    invite("drbench")
    client.post(
        "/accounts/login/", {"username": "drbench", "password": "a long enough passphrase 42"}
    )
    assert client.get("/accounts/two-factor/").status_code == 403


def test_create_staff_refuses_a_short_password_or_a_taken_name(monkeypatch, dermatologist):
    monkeypatch.setenv("STAFF_PASSWORD", "short")
    with pytest.raises(CommandError, match="at least 12 characters"):
        invite("drshort")
    monkeypatch.delenv("STAFF_PASSWORD")
    with pytest.raises(CommandError, match="already exists"):
        invite("drlee")
    assert not StaffInvitation.objects.exists()


def test_create_staff_mails_the_link_when_there_is_an_address(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _, path = invite(email="gray@clinic.test")
    assert mail.outbox[0].to == ["gray@clinic.test"]
    assert f"https://c.test{path}" in mail.outbox[0].body


def test_the_admin_action_mails_the_link_and_never_shows_it(
    client, manager, sign_in_verified, django_capture_on_commit_callbacks
):
    person = DermatologistFactory(username="drnew", email="new@clinic.test")
    sign_in_verified(client, manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/auth/user/",
            {"action": "send_invitation", "_selected_action": [person.pk]},
            follow=True,
        )
    html = response.content.decode()
    assert "Invitation sent to drnew." in html
    invitation = StaffInvitation.objects.get(user=person)
    assert invitation.created_by == manager
    path = re.search(r"http://testserver(/accounts/invitation/\S+/)", mail.outbox[0].body)[1]
    assert path not in html
    client.post("/accounts/logout/")
    assert accept(client, path).status_code == 302


def test_password_reset_by_link_still_asks_for_the_second_step(
    client, dermatologist, django_capture_on_commit_callbacks
):
    TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    assert 'href="/accounts/password-reset/"' in client.get("/accounts/login/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": dermatologist.email})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done["Location"] == "/accounts/password-reset/done/"
    assert "This link no longer works" in client.get(link, follow=True).content.decode()

    client.post("/accounts/login/", {"username": "drlee", "password": NEW_PASSWORD})
    assert client.get("/review/")["Location"].startswith("/accounts/two-factor/")
    assert "Confirm it is you" in client.get("/accounts/two-factor/").content.decode()


def test_no_invitation_or_reset_token_in_the_logs(client, dermatologist, caplog):
    from clinic.redact import redact_secrets

    token = invitation_issue(user=DermatologistFactory(username="drnew"))
    with caplog.at_level("INFO"):
        client.get(f"/accounts/invitation/{token}/")
    assert "/accounts/invitation/[redacted]/" in caplog.text
    assert token not in caplog.text
    assert redact_secrets("GET /accounts/password-reset/MQ/abc-123def/ 302") == (
        "GET /accounts/password-reset/MQ/[redacted]/ 302"
    )
    assert redact_secrets("/accounts/password-reset/sent/") == "/accounts/password-reset/sent/"
