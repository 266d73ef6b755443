"""One code, one sign-in: the same recovery code or TOTP code sent from several
sessions at once signs exactly one of them in (issue 13, finding 6)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.two_factor import recovery_codes_replace
from tests.clinic.test_two_factor import code_for
from tests.factories import StaffFactory

SESSIONS = 8
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("two_factor_on"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks (select_for_update does nothing "
        "there) and answers concurrent writers with 'database is locked' instead",
    ),
]


def race(user, data):
    """Posts `data` to the second step from SESSIONS signed-in sessions at once;
    returns how many were let in."""
    clients = [Client() for _ in range(SESSIONS)]
    for client in clients:
        client.force_login(user)
    start = threading.Barrier(SESSIONS)
    statuses = []

    def attempt(client):
        try:
            start.wait()
            statuses.append(client.post("/accounts/two-factor/", data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == SESSIONS
    return sum(1 for status in statuses if status == 302)


def test_one_recovery_code_signs_in_one_session():
    user = StaffFactory()
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = recovery_codes_replace(user)
    assert race(user, {"recovery_code": codes[0], "next": "/"}) == 1


def test_one_totp_code_is_accepted_once():
    user = StaffFactory()
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert race(user, {"code": code_for(device), "next": "/"}) == 1
