"""The second sign-in step against an attacker: the session key changes when it is
passed, a throttled code says to wait, and a new invitation never shows an old secret."""

import logging

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.clinic.test_two_factor import code_for, sign_in, sign_in_invited
from tests.factories import DermatologistFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]


def _session_key(client):
    return client.cookies["sessionid"].value


def test_passing_the_second_step_gives_the_session_a_new_key(client, dermatologist):
    device = TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    sign_in(client)
    before = _session_key(client)
    response = client.post("/accounts/two-factor/", {"code": code_for(device), "next": "/review/"})
    assert response["Location"] == "/review/"
    assert _session_key(client) != before
    assert client.get("/review/").status_code == 200
    # Whoever saw or planted the key of the password step holds nothing now.
    planted = Client()
    planted.cookies["sessionid"] = before
    assert planted.get("/review/").status_code == 302


def test_a_recovery_code_also_gives_a_new_key(client, dermatologist):
    from clinic.two_factor import recovery_codes_replace

    TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    codes = recovery_codes_replace(dermatologist)
    sign_in(client)
    before = _session_key(client)
    client.post("/accounts/two-factor/", {"recovery_code": codes[0], "next": "/review/"})
    assert _session_key(client) != before
    assert client.get("/review/").status_code == 200


def test_a_code_sent_while_slowed_down_says_to_wait_and_the_refusal_is_logged(
    client, dermatologist, caplog
):
    device = TOTPDevice.objects.create(user=dermatologist, name="phone", confirmed=True)
    sign_in(client)
    with caplog.at_level(logging.WARNING, logger="clinic.two_factor"):
        wrong = client.post("/accounts/two-factor/", {"code": "000000", "next": "/review/"})
        assert "That code did not work" in wrong.content.decode()
        # As after a run of wrong codes: django-otp now waits 2**4 seconds (not one second,
        # which a slow machine could pass between two requests).
        device.refresh_from_db()
        device.throttling_failure_count = 5
        device.save()
        # The right code too soon: django-otp refuses it; say so.
        right_too_soon = client.post(
            "/accounts/two-factor/", {"code": code_for(device), "next": "/review/"}
        )
    html = right_too_soon.content.decode()
    assert "Too many wrong codes in a row. Wait" in html and "recovery code" in html
    refusals = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert refusals == ["staff drlee: two-factor code refused"] * 2
    assert "000000" not in caplog.text and code_for(device) not in caplog.text
    assert client.get("/review/").status_code == 302


def test_a_new_invitation_never_shows_the_secret_an_earlier_one_showed(client):
    newcomer = DermatologistFactory(username="newcomer")
    # Someone opens the first e-mailed link and looks at the set-up page, but stops there.
    sign_in_invited(client, newcomer)
    client.get("/accounts/two-factor/")
    seen = TOTPDevice.objects.get(user=newcomer, confirmed=False).key
    # The manager sends the invitation again; the person accepts it.
    person = Client()
    sign_in_invited(person, newcomer)
    person.get("/accounts/two-factor/")
    shown = TOTPDevice.objects.get(user=newcomer, confirmed=False).key
    assert shown != seen
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1


@pytest.mark.parametrize("model", ["otp_totp/totpdevice", "otp_static/staticdevice"])
def test_the_admin_cannot_add_or_change_a_second_factor_only_remove_it(
    client, manager, dermatologist, model
):
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(manager)
    manager_device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    session = client.session
    session["otp_device_id"] = manager_device.persistent_id
    session.save()
    # A recovery code chosen by the manager, in the dermatologist's name: refused.
    add = client.post(
        f"/admin/{model}/add/",
        {
            "user": dermatologist.pk,
            "name": "mine",
            "confirmed": "on",
            "key": "3132333435363738393031323334353637383930",
            "token_set-TOTAL_FORMS": "1",
            "token_set-INITIAL_FORMS": "0",
            "token_set-0-token": "mgrchosen1",
        },
    )
    assert add.status_code == 403
    assert not StaticDevice.objects.filter(user=dermatologist).exists()
    assert not TOTPDevice.objects.filter(user=dermatologist).exists()
    # The dermatologist's lost phone can still be seen and removed.
    lost = TOTPDevice.objects.create(user=dermatologist, name="lost phone", confirmed=True)
    if model == "otp_totp/totpdevice":
        page = client.get(f"/admin/{model}/{lost.pk}/change/")
        assert page.status_code == 200
        assert lost.key not in page.content.decode()  # view only, and never the secret
        assert 'name="confirmed"' not in page.content.decode()
        removed = client.post(f"/admin/{model}/{lost.pk}/delete/", {"post": "yes"})
        assert removed.status_code == 302
        assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
