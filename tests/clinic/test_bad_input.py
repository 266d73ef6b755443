"""Bad input never answers 500 (issue 13, finding 4).

Every URL pattern in the resolver, as a signed-in superuser (every staff view)
and, for the public ones, anonymously: each GET parameter the page reads or
links to, and each path argument, given a NUL, invalid UTF-8 and 10,000
characters, answers 400 or a normal page. On PostgreSQL a NUL used to reach the
database and fail there (PostgreSQL text cannot hold it), so CI runs this there.
"""

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import URLResolver, get_resolver

from intake.review.forms import QueueFilterForm
from tests.clinic.test_access import PUBLIC, SIGN_IN_STEPS, _sample

pytestmark = pytest.mark.django_db

BAD_VALUES = {"NUL": "%00", "invalid UTF-8": "%FF%FE", "10,000 characters": "x" * 10_000}
# What the views read from request.GET, and the admin's own changelist options;
# each page's links and GET forms add the rest (the admin's filters).
READ_BY_VIEWS = {"q", "page", "next", "return", "recheck", "p", "o", "e", "_popup", "_to_field"}
READ_BY_VIEWS |= set(QueueFilterForm.base_fields)
ALLOWED = {200, 301, 302, 400, 403, 404, 405}
ALLOWED |= {401, 429}  # the FHIR API without a token, and its rate limit


def _patterns(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix, entry, name


def urls_with_fuzzed_arguments():
    """(name, a sample path, [the same path with one argument made bad, …])."""
    found = []
    for prefix, entry, name in _patterns(get_resolver().url_patterns):
        route = prefix + str(entry.pattern)
        sample = "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route).lstrip("^").rstrip("$")
        if "(" in route or "^" in route:  # the admin's regex patterns
            sample = "/" + prefix + _sample(entry.pattern)
        arguments = list(re.finditer(r"<(?:\w+:)?\w+>", route))
        fuzzed = []
        for argument in arguments:
            for bad in BAD_VALUES.values():
                path = route[: argument.start()] + "AS-" + bad + route[argument.end() :]
                fuzzed.append("/" + re.sub(r"<(?:\w+:)?\w+>", "1", path))
        found.append((name, sample, fuzzed))
    return found


URLS = urls_with_fuzzed_arguments()


def parameter_names(path, page):
    """The GET parameters a page links to itself with, or asks for in a GET form."""
    names = set(READ_BY_VIEWS)
    for href in re.findall(r'href="([^"]*\?[^"]*)"', page):
        parts = urlsplit(html.unescape(href))
        if parts.path in ("", path):
            names |= {key for key, _ in parse_qsl(parts.query, keep_blank_values=True)}
    for form in re.findall(r"<form\b(?![^>]*method=\"post\")[^>]*>.*?</form>", page, re.S | re.I):
        names |= set(re.findall(r'name="([^"]+)"', form))
    return names - {"csrfmiddlewaretoken"}


def assert_answers_without_500(client, url):
    response = client.get(url)  # an exception in a view fails the test here
    assert response.status_code in ALLOWED, f"GET {url[:200]}: {response.status_code}"
    return response


def fuzz(client, urls):
    tried = 0
    for _name, sample, fuzzed in urls:
        for url in fuzzed:
            assert_answers_without_500(client, url)
            tried += 1
        page = client.get(sample)
        text = page.content.decode(errors="replace") if page.status_code == 200 else ""
        names = parameter_names(sample, text)
        for parameter in sorted(names):
            for bad in BAD_VALUES.values():
                assert_answers_without_500(client, f"{sample}?{parameter}={bad}")
                tried += 1
        assert_answers_without_500(client, f"{sample}?%00=1")
        tried += 1
    return tried


def test_the_walk_reaches_the_pages_that_failed():
    fuzzed = {url for _, _, urls in URLS for url in urls}
    assert "/review/AS-%00/" in fuzzed
    assert "/learn/treatments/AS-%00/" in fuzzed
    assert len(URLS) > 80  # the admin's pages are in the walk


def test_no_staff_view_answers_500_to_bad_input(client, clinic_content, manager):
    client.force_login(manager)
    assert fuzz(client, URLS) > 1000


def test_no_public_view_answers_500_to_bad_input(client, clinic_content):
    public = [url for url in URLS if url[0] in PUBLIC | SIGN_IN_STEPS]
    assert len(public) >= 18
    assert fuzz(client, public) > 200


def test_an_admin_filter_with_a_nul_is_a_400_page(client, manager):
    client.force_login(manager)
    response = client.get("/admin/intake/auditevent/?action__exact=%00")
    assert response.status_code == 400
    assert "Sorry, we could not read that request" in response.content.decode()


def test_a_cookie_that_is_not_text_is_ignored(client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/intake/").status_code == 200


def test_bad_form_values_show_the_form_again_with_the_answers(client):
    from tests.intake.answers import VALID_STEPS

    for bad in ("Zo\x00ë", "x" * 10_000):
        data = {**VALID_STEPS["about-you"], "first_name": bad}
        response = client.post("/intake/about-you/", data)
        assert response.status_code == 200  # the step again, with an error summary
        page = response.content.decode()
        assert "There is a problem" in page and "O&#x27;Brien-Nguyễn" in page
    response = client.post("/intake/check/", {"submission_key": "\x00", "website": ""})
    assert response.status_code == 400
