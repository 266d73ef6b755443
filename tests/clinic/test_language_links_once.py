"""The switcher and the hreflang alternates share one answer per request: a page
resolves its path once per language, not once per language per include."""

import pytest

from clinic import languages

pytestmark = pytest.mark.django_db


def test_a_patient_page_works_out_its_language_links_once(client, monkeypatch):
    calls = []
    real = languages.translate_url
    monkeypatch.setattr(languages, "translate_url", lambda *a: calls.append(a) or real(*a))
    page = client.get("/intake/")
    assert page.status_code == 200
    assert b'hreflang="es"' in page.content and b"/es/intake/" in page.content
    assert len(calls) == 2  # English and Spanish, once each


def test_a_staff_page_has_no_language_links(rf):
    request = rf.get("/accounts/login/")
    request.resolver_match = object()
    assert languages.page_language_links(request) == []
