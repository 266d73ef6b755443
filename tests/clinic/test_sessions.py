"""A page view that stores nothing creates no session row (issue 13, finding 10).

Each row is a write on every visit, and a crawler or a monitoring probe without
cookies would fill django_session with empty sessions."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import URLPattern, get_resolver

pytestmark = pytest.mark.django_db


def public_paths_without_arguments():
    """Every GET page under the resolver that takes no argument and is not staff-only."""
    paths = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLPattern):
                if "<" not in route and not route.startswith(("admin/", "review/", "accounts/")):
                    paths.append("/" + route)
            else:
                walk(pattern.url_patterns, route)

    walk(get_resolver().url_patterns, "")
    return paths


def test_the_walk_finds_the_patient_pages():
    paths = public_paths_without_arguments()
    assert {"/", "/learn/", "/intake/", "/intake/check/"} <= set(paths)


# Pages whose cookieless GET is deliberately not a 200: without a resume link in the
# session the resume page is the friendly "link not found" page; starting again is a
# POST; the FHIR search needs an integration token.
EXPECTED_STATUS = {
    "/intake/resume/": 404,
    "/intake/start-again/": 405,
    "/fhir/QuestionnaireResponse": 401,
}


@pytest.mark.parametrize("path", public_paths_without_arguments())
def test_a_cookieless_get_creates_no_session_row(client, clinic_content, path):
    for _ in range(3):
        client.cookies.clear()
        response = client.get(path)
        expected = (EXPECTED_STATUS[path],) if path in EXPECTED_STATUS else (200, 301, 302)
        assert response.status_code in expected, (path, response.status_code)
    assert Session.objects.count() == 0, path


def test_a_cookieless_get_of_every_step_creates_no_session_row(client):
    from intake.steps import STEPS

    for step in STEPS:
        client.cookies.clear()
        assert client.get(f"/intake/{step.slug}/").status_code == 200
    assert Session.objects.count() == 0


def test_cookieless_gets_of_pages_with_arguments_create_no_session_row(client, clinic_content):
    from tests.intake.answers import fill_all_steps, submission_key

    fill_all_steps(client)
    guide = client.post(
        "/intake/check/", {"submission_key": submission_key(client), "website": ""}
    )["Location"]
    Session.objects.all().delete()
    for path in (
        guide,
        guide + "print/",
        "/learn/treatments/dermal-fillers/",
        "/learn/scars/boxcar/",
    ):
        client.cookies.clear()
        assert client.get(path).status_code == 200, path
    assert Session.objects.count() == 0
