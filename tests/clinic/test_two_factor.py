"""Two-step sign-in for staff (TOTP via django-otp): set-up, confirm, enforcement."""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def dermatologist():
    user = UserFactory(username="drlee", is_staff=True)
    user.groups.add(Group.objects.get(name="Dermatologists"))
    return user


def sign_in(client):
    response = client.post("/accounts/login/", {"username": "drlee", "password": PASSWORD})
    assert response.status_code == 302
    return response


def code_for(device):
    """The code the person's authenticator app would show right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def test_first_sign_in_sets_up_an_authenticator_then_opens_the_queue(client, dermatologist):
    sign_in(client)
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
    assert right.status_code == 302 and right["Location"] == "/review/"
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


def test_admin_also_needs_the_second_step(client):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(boss)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


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
