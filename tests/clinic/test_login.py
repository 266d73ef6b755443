"""Staff sign-in: styled login, lockout after 5 failures, idle timeout, sign out."""

import time

import pytest

from clinic.middleware import LAST_SEEN_KEY
from tests.factories import PASSWORD, DermatologistFactory

pytestmark = pytest.mark.django_db


def sign_in(client, password=PASSWORD, username="drlee", address="127.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_login_page_is_styled_like_the_site(client):
    html = client.get("/accounts/login/").content.decode()
    assert "<h1>Staff sign in</h1>" in html
    assert 'href="#main-content"' in html


def test_sign_in_leads_to_the_queue(client, dermatologist):
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200


def test_wrong_password_says_so_in_plain_words(client, dermatologist):
    response = sign_in(client, password="wrong password here")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Please enter a correct username and password" in html


def test_account_locks_after_five_failures_for_fifteen_minutes(client, dermatologist, settings):
    for _ in range(5):
        sign_in(client, password="wrong password here")
    response = sign_in(client)  # even the right password is refused now
    assert response.status_code == 429
    assert "This account is locked for now" in response.content.decode()
    assert client.get("/review/").status_code == 302
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_lockout_is_per_account(client, dermatologist):
    DermatologistFactory(username="drkim")
    for _ in range(5):
        sign_in(client, password="wrong password here")
    assert sign_in(client, username="drkim").status_code == 302


ATTACKER, CLINIC = "203.0.113.9", "198.51.100.7"


def test_a_stranger_cannot_lock_a_dermatologist_out(client, dermatologist):
    """The lock is per username and address: the attacked person still signs in
    from elsewhere."""
    for _ in range(5):
        sign_in(client, password="wrong password here", address=ATTACKER)
    assert sign_in(client, address=ATTACKER).status_code == 429
    assert sign_in(client, address=CLINIC).status_code == 302


def test_one_address_trying_many_usernames_is_locked(client, dermatologist, settings):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 20
    for number in range(19):
        response = sign_in(client, password="wrong", username=f"user{number}", address=ATTACKER)
        assert response.status_code == 200, number
    for number in range(19, 30):
        response = sign_in(client, password="wrong", username=f"user{number}", address=ATTACKER)
        assert response.status_code == 429, number
        assert "This account is locked for now" in response.content.decode()
    # Even a right password from that address waits; from the clinic it works.
    assert sign_in(client, address=ATTACKER).status_code == 429
    assert sign_in(client, address=CLINIC).status_code == 302


def test_a_good_sign_in_forgets_only_its_own_failures(client, dermatologist):
    for number in range(15):
        sign_in(client, password="wrong", username=f"user{number}", address=ATTACKER)
    assert sign_in(client, address=ATTACKER).status_code == 302
    client.post("/accounts/logout/")
    for number in range(15, 20):
        sign_in(client, password="wrong", username=f"user{number}", address=ATTACKER)
    assert (
        sign_in(client, password="wrong", username="another", address=ATTACKER).status_code == 429
    )


def test_staff_session_ends_after_fifteen_idle_minutes(client, dermatologist):
    sign_in(client)
    assert client.get("/review/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 15 * 60 - 5
    session.save()
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/review/")
    assert client.get("/review/").status_code == 302  # really signed out
    login = client.get(response["Location"]).content.decode()
    assert "You were signed out after 15 minutes without activity." in login
    assert 'class="alert alert-info"' in login


def test_the_idle_message_follows_the_setting(client, dermatologist, settings):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 30 * 60
    sign_in(client)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 30 * 60 - 5
    session.save()
    login = client.get(client.get("/review/")["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in login


def test_staff_session_ends_when_the_browser_closes(client, dermatologist):
    sign_in(client)
    response = client.get("/review/")
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_patients_keep_a_normal_session(client):
    client.post("/intake/about-you/", {"first_name": "A"})
    assert client.session.get_expire_at_browser_close() is False


def test_sign_out_button_ends_the_session(client, dermatologist):
    sign_in(client)
    html = client.get("/review/").content.decode()
    assert 'action="/accounts/logout/"' in html
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/review/").status_code == 302


def test_passwords_need_twelve_characters(dermatologist):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Sh0rt!pass", dermatologist)
    validate_password("a much longer passphrase", dermatologist)
