"""The patient side in two languages: English unprefixed, Spanish under /es/; staff
pages stay English whatever the browser asks for."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_english_pages_keep_their_addresses_and_say_english(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="en">' in response.content
    assert reverse("intake:start") == "/intake/"


def test_spanish_pages_live_under_es_and_say_spanish(client):
    response = client.get("/es/learn/")
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content
    with translation.override("es"):
        assert reverse("intake:start") == "/es/intake/"


def test_a_spanish_browser_on_an_english_address_gets_english(client):
    # The address decides, not Accept-Language: a shared link opens as it was sent.
    response = client.get("/learn/", HTTP_ACCEPT_LANGUAGE="es")
    assert b'<html lang="en">' in response.content


def test_staff_pages_are_not_translated(client):
    assert client.get("/es/accounts/login/").status_code == 404
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es")
    assert b'<html lang="en">' in response.content


def test_the_page_chrome_is_cached_per_language(client):
    chrome = caches["chrome"]
    chrome.clear()
    client.get("/learn/")
    english_only = set(chrome._cache)
    client.get("/es/learn/")
    both = set(chrome._cache)
    # Assets, header and footer each get a Spanish copy beside the English one.
    assert len(both) == len(english_only) + 3
