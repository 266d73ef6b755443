"""Site-wide pages, error pages, the health check and security headers."""

import pytest
from django.db import DatabaseError
from django.test import Client, override_settings
from django.urls import path

from clinic import urls as root_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Help with acne scars, explained in plain words"),
        ("/privacy/", "Privacy notice"),
        ("/accessibility/", "Accessibility statement"),
    ],
)
def test_site_pages_answer_with_their_heading(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'href="#main-content"' in html
    assert html.count("<main") == 1
    assert "Not for emergencies." in html


def test_footer_shows_clinic_details_from_settings(client, settings):
    settings.CLINIC_NAME = "Riverside Skin Clinic"
    settings.CLINIC_PHONE = "555-0100"
    html = client.get("/").content.decode()
    assert "Riverside Skin Clinic" in html
    assert "555-0100" in html


def test_header_marks_the_current_section_after_the_chrome_is_cached(client):
    """The header is rendered once per process and section (the "chrome" cache):
    each page must still mark its own section, however the pages are visited."""
    current = 'aria-current="page">'
    expected = [
        ("/learn/", "Acne scars"),
        ("/learn/treatments/", "Treatments"),
        ("/intake/", "Start your intake"),
        ("/learn/", "Acne scars"),
        ("/", "Home"),
        ("/learn/treatments/", "Treatments"),
    ]
    for url, section in expected:
        html = client.get(url).content.decode()
        assert html.count(current) == 1, url
        assert f"{current}{section}</" in html, url


def test_cached_chrome_holds_no_visitor_data(client):
    import pickle

    from django.core.cache import caches

    caches["chrome"].clear()
    response = client.get("/intake/about-you/")
    token = response.cookies["csrftoken"].value
    # LocMemCache keeps pickled values; reading them all shows exactly what is kept.
    fragments = [pickle.loads(raw) for raw in list(caches["chrome"]._cache.values())]  # noqa: S301
    assert len(fragments) == 4  # assets, header, footer, the empty step form
    for fragment in fragments:
        assert "csrfmiddlewaretoken" not in fragment
        assert token not in fragment
        assert "<form" not in fragment


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Traceback" not in html


def broken_view(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [*root_urls.urlpatterns, path("boom/", broken_view)]
handler500 = root_urls.handler500


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_is_friendly_and_shows_no_internals():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert "secret internal detail" not in html
    assert "RuntimeError" not in html


def test_csrf_failure_is_a_friendly_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/", {"anything": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form timed out" in html
    assert "CSRF" not in html


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert response.cookies == {}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.cookies == {}


def test_robots_txt_points_at_the_sitemap_and_hides_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /intake/" in body
    assert "Disallow: /review/" in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/privacy/",
        "/healthz",
        "/admin/login/",
        "/accounts/login/",
        "/learn/",
        "/intake/about-you/",
        "/intake/guide/0000/",
        "/review/",
        "/no-such-page/",
        "/static/css/site.css",
    ],
)
def test_security_headers_on_every_kind_of_page(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    # The guide's URL is a secret, so it never leaves as a referrer.
    expected_referrer = "no-referrer" if url.startswith("/intake/guide/") else "same-origin"
    assert response["Referrer-Policy"] == expected_referrer
    if not url.startswith("/static/"):  # WhiteNoise answers before the clickjacking middleware
        assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


def test_templates_have_no_inline_script_or_style():
    """The CSP forbids inline code, so none may creep into a template."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text()
        # Data blocks (JSON, JSON-LD) are never run, so the CSP allows them.
        if re.search(r'<script(?![^>]*\b(src=|type="application/(ld\+)?json"))[^>]*>', text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"\sstyle=|<style", text):
            offenders.append(f"{template}: inline style")
        if re.search(r"\son[a-z]+=", text):
            offenders.append(f"{template}: inline event handler")
    assert offenders == []


def test_bad_request_page_is_friendly(rf):
    from clinic.views import bad_request

    response = bad_request(rf.get("/"))
    assert response.status_code == 400
    assert "Sorry, we could not read that request" in response.content.decode()
