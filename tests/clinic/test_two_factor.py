"""Two-step sign-in for staff (TOTP via django-otp): set-up, confirm, enforcement."""

import logging
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.invitations import invitation_issue
from clinic.two_factor import recovery_codes_replace
from tests.factories import PASSWORD, DermatologistFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]


def sign_in(client):
    response = client.post("/accounts/login/", {"username": "drlee", "password": PASSWORD})
    assert response.status_code == 302
    return response


def sign_in_invited(client, user):
    """Signed in as an accepted invitation leaves the person: free to enrol."""
    token = invitation_issue(user=user)
    client.get(f"/accounts/invitation/{token}/")
    response = client.post(
        "/accounts/invitation/", {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302


def recovery_codes_in(html):
    return re.findall(r"<code>([a-z2-7]{8})</code>", html)


def code_for(device):
    """The code the person's authenticator app would show right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def test_the_invited_person_sets_up_an_authenticator_then_opens_the_queue(client, dermatologist):
    sign_in_invited(client, dermatologist)
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=%2Freview%2F"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Set up two-step sign-in" in html
    assert 'src="/accounts/two-factor/qr.svg"' in html
    qr = client.get("/accounts/two-factor/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=dermatologist, confirmed=False)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert secret in html.replace(" ", "")  # the typed-in key, for phones that cannot scan

    wrong = client.post("/accounts/two-factor/", {"code": "000000", "next": "/review/"})
    assert "That code did not work" in wrong.content.decode()

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post("/accounts/two-factor/", {"code": code_for(device), "next": "/review/"})
    # Set-up ends on the recovery codes, shown once, then the way on.
    assert right.status_code == 200
    html = right.content.decode()
    assert "Save your recovery codes" in html
    codes = recovery_codes_in(html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/review/"' in html
    assert "no-store" in right["Cache-Control"]
    assert client.get("/review/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/accounts/two-factor/qr.svg").status_code == 404


def test_later_sign_ins_ask_for_a_code(client, dermatologist):
    device = TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    sign_in(client)
    html = client.get("/accounts/two-factor/?next=/review/").content.decode()
    assert "Confirm it is you" in html and "Set up" not in html
    response = client.post("/accounts/two-factor/", {"code": code_for(device), "next": "/review/"})
    assert response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200


def test_admin_also_needs_the_second_step(client, manager):
    client.force_login(manager)
    response = client.get("/admin/auth/user/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/two-factor/?next=%2Fadmin%2Fauth%2Fuser%2F"
    assert "Two-step sign-in is not set up" in response.content.decode()


def test_the_admin_is_django_otps_site_with_the_clinics_name(client, manager, settings):
    from django.contrib import admin
    from django_otp.admin import OTPAdminSite

    assert isinstance(admin.site, OTPAdminSite)
    settings.STAFF_REQUIRE_2FA = False
    settings.CLINIC_NAME = "Riverside Skin Clinic"
    client.force_login(manager)
    assert "Riverside Skin Clinic admin" in client.get("/admin/").content.decode()


def test_the_admin_login_form_is_never_shown(client, manager):
    """One sign-in, counted by django-axes: the admin's login sends people to it."""
    assert client.get("/admin/login/?next=/admin/")["Location"] == ("/accounts/login/?next=/admin/")
    client.force_login(manager)
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == (
        "/accounts/two-factor/?next=%2Fadmin%2F"
    )


def test_continue_after_the_recovery_codes_goes_to_the_queue(client, dermatologist):
    """With no `next`, the way on is LOGIN_REDIRECT_URL as a URL, not its name."""
    sign_in_invited(client, dermatologist)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=dermatologist)
    html = client.post("/accounts/two-factor/", {"code": code_for(device)}).content.decode()
    assert "Save your recovery codes" in html
    assert 'href="/review/"' in html
    assert "review:queue" not in html


def test_next_cannot_send_staff_to_another_site(client, dermatologist):
    device = TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    sign_in(client)
    response = client.post(
        "/accounts/two-factor/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/review/"


def test_patients_never_see_the_second_step(client):
    assert client.get("/intake/about-you/").status_code == 200
    assert client.get("/learn/").status_code == 200


@pytest.fixture
def signed_in_with_phone(client, dermatologist):
    """A dermatologist with an authenticator and recovery codes, past the password."""
    TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    codes = recovery_codes_replace(dermatologist)
    sign_in(client)
    return codes


def test_a_recovery_code_signs_in_once(client, dermatologist, signed_in_with_phone, caplog):
    codes = signed_in_with_phone
    page = client.get("/accounts/two-factor/?next=/review/").content.decode()
    assert "Use a recovery code" in page
    with caplog.at_level(logging.WARNING, logger="clinic.two_factor"):
        # Typed as people do: capitals, a space in the middle.
        typed = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"
        response = client.post(
            "/accounts/two-factor/", {"recovery_code": typed, "next": "/review/"}
        )
    assert response.status_code == 302 and response["Location"] == "/review/"
    queue = client.get("/review/")
    assert queue.status_code == 200
    assert "You signed in with a recovery code. You have 9 left." in queue.content.decode()
    assert "signed in with a recovery code; 9 left" in caplog.text
    assert codes[0] not in caplog.text

    client.post("/accounts/logout/")
    sign_in(client)
    again = client.post("/accounts/two-factor/", {"recovery_code": codes[0], "next": "/review/"})
    assert again.status_code == 200
    html = again.content.decode()
    assert "That recovery code did not work. Each code works only once." in html
    assert 'href="#id_recovery_code"' in html  # the error summary links to the field
    assert '<details class="mt-4" open>' in html
    assert client.get("/review/").status_code == 302


def test_a_wrong_or_empty_recovery_code_is_refused(client, signed_in_with_phone):
    empty = client.post("/accounts/two-factor/", {"recovery_code": "", "next": "/review/"})
    assert "Enter one of your recovery codes." in empty.content.decode()
    assert "Enter the six-digit code" not in empty.content.decode()
    wrong = client.post("/accounts/two-factor/", {"recovery_code": "aaaaaaaa", "next": "/review/"})
    assert "That recovery code did not work" in wrong.content.decode()
    assert client.get("/review/").status_code == 302


def test_no_recovery_codes_while_setting_up(client, dermatologist):
    sign_in_invited(client, dermatologist)
    html = client.get("/accounts/two-factor/?next=/review/").content.decode()
    assert "Set up two-step sign-in" in html
    assert "Use a recovery code" not in html
    StaticDevice.objects.create(user=dermatologist, name="stray", confirmed=True)
    refused = client.post("/accounts/two-factor/", {"recovery_code": "aaaaaaaa"})
    assert refused.status_code == 200
    assert client.get("/review/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, dermatologist, signed_in_with_phone):
    old_codes = signed_in_with_phone
    # Not before the second step.
    assert client.get("/accounts/recovery-codes/")["Location"].startswith(
        "/accounts/two-factor/?next=%2Faccounts%2Frecovery-codes%2F"
    )
    client.post("/accounts/two-factor/", {"recovery_code": old_codes[0], "next": "/review/"})
    page = client.get("/accounts/recovery-codes/").content.decode()
    assert "You have <strong>9</strong> recovery codes left." in page
    made = client.post("/accounts/recovery-codes/")
    new_codes = recovery_codes_in(made.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert "no-store" in made["Cache-Control"]

    client.post("/accounts/logout/")
    sign_in(client)
    old = client.post("/accounts/two-factor/", {"recovery_code": old_codes[1], "next": "/review/"})
    assert old.status_code == 200
    # django-otp slows down the next try after a failure; the person waits, the test resets.
    StaticDevice.objects.get(user=dermatologist).throttle_reset()
    new = client.post("/accounts/two-factor/", {"recovery_code": new_codes[1], "next": "/review/"})
    assert new.status_code == 302


def test_recovery_codes_page_needs_a_signed_in_person(client):
    assert client.get("/accounts/recovery-codes/")["Location"].startswith("/accounts/login/")


def test_admin_never_shows_a_second_factor(client, settings, dermatologist, manager):
    """Whoever manages staff accounts can remove a device, never copy one."""
    settings.STAFF_REQUIRE_2FA = False
    phone = TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    codes = recovery_codes_replace(dermatologist)
    static = StaticDevice.objects.get(user=dermatologist)
    client.force_login(manager)

    totp_page = client.get(f"/admin/otp_totp/totpdevice/{phone.pk}/change/")
    assert totp_page.status_code == 200
    assert phone.key not in totp_page.content.decode()
    assert client.get(f"/admin/otp_totp/totpdevice/{phone.pk}/config/").status_code == 403
    static_page = client.get(f"/admin/otp_static/staticdevice/{static.pk}/change/")
    assert static_page.status_code == 200
    assert not any(code in static_page.content.decode() for code in codes)
    # Removing a lost phone still works.
    delete = client.post(f"/admin/otp_totp/totpdevice/{phone.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 302
    assert not TOTPDevice.objects.filter(pk=phone.pk).exists()


def test_a_reviewer_without_staff_status_still_needs_the_second_step(client):
    """Access to records comes from the permission, not the 'staff status' flag."""
    client.force_login(DermatologistFactory(username="drnoflag", is_staff=False))
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
