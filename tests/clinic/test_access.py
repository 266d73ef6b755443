"""Every URL the project answers either is listed here as public, or refuses a
session that has given only a password. A new view that is neither fails here."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver

from tests.factories import ScarTypeFactory

pytestmark = pytest.mark.django_db

# Anyone may open these, signed in or not.
PUBLIC = {
    "home",
    "privacy",
    "privacy_notice",
    "accessibility",
    "healthz",
    "robots_txt",
    "django.contrib.sitemaps.views.sitemap",
    "education:scar_guide",
    "education:scar_detail",
    "education:treatment_list",
    "education:treatment_detail",
    "education:compare",
    "education:search",
    "education:cost",
    "intake:start",
    "intake:check",
    "intake:guide",
    "intake:guide_print",
    "intake:guide_open",
    "intake:step",
    "intake:photos",  # the patient's own draft, by its session
    # "Save and finish later": the mailed link's token (and then the date of birth) is the key.
    "intake:resume",
    "intake:resume_link",
    "intake:start_again",
    "login",
    "logout",
    "admin:logout",
    # The links mailed to staff: their token (or Django's) is the key.
    "invitation",
    "invitation_password",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # What the FHIR API serves (docs/fhir.md); nothing about a patient.
    "fhir:metadata",
}
# The FHIR API: an integration token is the key, never a session (fhir/views.py).
TOKEN_ONLY = {
    "fhir:questionnaire",
    "fhir:questionnaire_response_search",
    "fhir:questionnaire_response",
    "fhir:unsupported_type",
    "fhir:unsupported_resource",
}
# For the proxy and monitoring, not people: only from HEALTH_ALLOWED_ADDRESSES or with
# HEALTH_TOKEN, whoever is signed in (tests/clinic/test_health.py has the rest).
MACHINE_ONLY = {"health"}
# The steps of signing in: open once the password is given, before the code.
SIGN_IN_STEPS = {"two_factor", "two_factor_qr", "admin:login"}
# Where a refusal may send the person (after any script prefix).
REFUSED_TO = ("/accounts/login/", "/accounts/two-factor/", "/admin/login/")
SAMPLE = "1"  # fills every path argument: int, str, slug and path converters take it


def _leaves(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _leaves(entry.url_patterns, prefix + _sample(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield f"/{prefix}{_sample(entry.pattern)}", name or f"{namespace}:<unnamed>"


def _sample(pattern):
    """A path that matches this pattern, path arguments filled in."""
    text = str(pattern)
    if type(pattern).__name__ == "RoutePattern":
        return re.sub(r"<(?:\w+:)?\w+>", SAMPLE, text)
    for candidate in ("auth/", "nothing-here/", f"{SAMPLE}/", ""):
        matched = pattern.match(candidate)
        if matched and matched[0] == "":
            return candidate
    raise AssertionError(f"add a sample path for the pattern {text!r}")


ALL_URLS = sorted(set(_leaves(get_resolver().url_patterns)))
PROTECTED = [
    (url, name)
    for url, name in ALL_URLS
    if name not in PUBLIC | SIGN_IN_STEPS | TOKEN_ONLY | MACHINE_ONLY
]


def test_the_walk_sees_every_area_and_the_lists_name_real_views():
    names = {name for _, name in ALL_URLS}
    listed = PUBLIC | SIGN_IN_STEPS | TOKEN_ONLY | MACHINE_ONLY
    assert names >= listed, listed - names
    paths = {url for url, _ in PROTECTED}
    for expected in ("/review/1/history/", "/learn/preview/scars/1/", "/admin/auth/user/add/"):
        assert expected in paths
    assert "/accounts/recovery-codes/" in paths
    assert len(PROTECTED) > 80  # the admin's pages are in the walk


def _refused(response, prefix=""):
    if response.status_code == 403:
        return True
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        return path.removeprefix(prefix).startswith(REFUSED_TO)
    return False


@pytest.fixture
def password_only(client, two_factor_on, manager):
    """A superuser (every permission) signed in with a password, no device."""
    client.force_login(manager)
    return client


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_staff_url_refuses_a_password_only_session(password_only, method):
    for url, name in PROTECTED:
        response = getattr(password_only, method)(url)
        assert _refused(response), f"{method.upper()} {url} ({name}): {response.status_code}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_script_name_changes_nothing(password_only, method):
    """A forwarded SCRIPT_NAME makes request.path differ from what Django routes on
    (path_info): the check must follow the route, not the path."""
    for url, name in PROTECTED:
        # As gunicorn passes it on: PATH_INFO stripped of the prefix.
        response = getattr(password_only, method)(url, SCRIPT_NAME="/x")
        assert _refused(response, "/x"), f"{url} ({name}) as /x{url}: {response.status_code}"
        # The prefix left in PATH_INFO as well: routed nowhere, or refused.
        response = getattr(password_only, method)(f"/x{url}", SCRIPT_NAME="/x")
        assert response.status_code == 404 or _refused(response, "/x"), url


def test_machine_urls_refuse_other_addresses_even_for_a_verified_superuser(
    client, two_factor_on, manager, sign_in_verified
):
    sign_in_verified(client, manager)
    for url, name in ALL_URLS:
        if name in MACHINE_ONLY:
            for method in ("get", "post"):
                response = getattr(client, method)(url, REMOTE_ADDR="203.0.113.9")
                assert response.status_code == 403, (method, url, response.status_code)


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_token_url_refuses_a_session_without_a_token(password_only, method):
    """A signed-in session is no key to the FHIR API: 401 without a token, any method."""
    token_urls = [(url, name) for url, name in ALL_URLS if name in TOKEN_ONLY]
    assert len(token_urls) == len(TOKEN_ONLY)
    for url, name in token_urls:
        response = getattr(password_only, method)(url)
        assert response.status_code == 401, f"{method.upper()} {url} ({name})"
        assert response["Content-Type"].startswith("application/fhir+json"), url


def test_the_sign_in_steps_need_a_password(client, two_factor_on):
    for url, name in ALL_URLS:
        if name in SIGN_IN_STEPS:
            assert _refused(client.get(url)), url


def test_a_verified_session_gets_in(client, two_factor_on, manager, sign_in_verified):
    sign_in_verified(client, manager)
    for url in ("/review/", "/admin/", "/admin/auth/user/", "/accounts/recovery-codes/"):
        assert client.get(url).status_code == 200, url


def test_staff_pages_are_never_cached(client, manager):
    client.force_login(manager)
    preview = f"/learn/preview/scars/{ScarTypeFactory().pk}/"
    for url in ("/review/", "/accounts/recovery-codes/", preview):
        assert "no-store" in client.get(url)["Cache-Control"], url
