"""The switcher and the hreflang alternates share one answer per request, and that
answer reverses the URL pattern the request already resolved to, once per language,
instead of resolving the path again (translate_url)."""

import pytest
from django.urls import resolve
from django.utils import translation

from clinic import languages

pytestmark = pytest.mark.django_db


def test_a_patient_page_works_out_its_language_links_once(client, monkeypatch):
    calls, resolved_again = [], []
    real = languages._matched_page_in_language
    monkeypatch.setattr(
        languages, "_matched_page_in_language", lambda *a: calls.append(a) or real(*a)
    )
    monkeypatch.setattr(languages, "translate_url", lambda *a: resolved_again.append(a))
    page = client.get("/intake/")
    assert page.status_code == 200
    assert b'hreflang="es"' in page.content and b"/es/intake/" in page.content
    assert len(calls) == 2  # English and Spanish, once each
    assert resolved_again == []


@pytest.mark.parametrize(
    ("language", "path", "spanish"),
    [
        ("en", "/learn/treatments/?x=1&y=%C3%B1", "/es/learn/treatments/?x=1&y=%C3%B1"),
        ("en", "/intake/about-you/", "/es/intake/about-you/"),
        ("es", "/es/learn/", "/es/learn/"),
    ],
)
def test_the_other_language_keeps_the_page_and_its_query(rf, language, path, spanish):
    request = rf.get(path)
    with translation.override(language):  # as LocaleMiddleware does, from the prefix
        request.resolver_match = resolve(request.path_info)
        links = {link.code: link.url for link in languages.language_links(request)}
    assert links["es"] == spanish
    assert links["en"] == spanish.removeprefix("/es")


def test_a_staff_page_has_no_language_links(rf):
    request = rf.get("/accounts/login/")
    request.resolver_match = resolve(request.path_info)
    assert languages.page_language_links(request) == []


def test_an_unnamed_page_links_to_itself(rf):
    request = rf.get("/learn/?x=1")
    request.resolver_match = resolve("/learn/")
    request.resolver_match.url_name = None  # as a pattern without a name resolves
    assert {link.url for link in languages.language_links(request)} == {"/learn/?x=1"}
