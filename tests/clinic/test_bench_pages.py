"""The bench-only signed-in floor page (bench/bench_urls.py) must cost what the review
queue costs before its own work: the same sign-in, two-factor and permission checks."""

import pytest
from django.test import override_settings

from tests.factories import DermatologistFactory, EditorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("bench.bench_urls")]

FLOOR = "/review/bench-floor/"


def test_floor_answers_a_signed_in_dermatologist(client):
    client.force_login(DermatologistFactory())
    response = client.get(FLOOR)
    assert response.status_code == 200
    assert response.content == b"signed-in floor"
    assert "no-cache" in response["Cache-Control"]


def test_floor_refuses_whoever_the_queue_refuses(client):
    assert client.get(FLOOR)["Location"].startswith("/accounts/login/")
    client.force_login(EditorFactory())
    assert client.get(FLOOR).status_code == 403


@override_settings(STAFF_REQUIRE_2FA=True)
def test_floor_asks_for_the_second_factor_like_the_queue(client):
    client.force_login(DermatologistFactory())
    floor, queue = client.get(FLOOR), client.get("/review/")
    assert floor.status_code == queue.status_code == 302
    assert floor["Location"].startswith("/accounts/two-factor/")
    assert queue["Location"].startswith("/accounts/two-factor/")


def test_project_urls_do_not_have_the_floor(client, settings):
    settings.ROOT_URLCONF = "clinic.urls"
    client.force_login(DermatologistFactory())
    assert client.get(FLOOR).status_code == 404
