"""Every patient page at 320 and 375 px: no sideways scroll, no axe violation, every
picture loaded, and a screenshot in var/screens/ (git-ignored) to look at.

The public pages are visited by address; the intake steps, the check page and the guide
by answering the form as a patient would (they need the session's answers); the error
pages are rendered as their views render them.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_intake import STEP_SLUGS, answer_step, send_answers, submit_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(settings.BASE_DIR) / "var" / "screens"
WIDTHS = (320, 375)
CONTENT = Path(settings.BASE_DIR) / "education" / "content"


def _slugs(name, *, published_only=False):
    rows = json.loads((CONTENT / f"{name}.json").read_text())
    return [
        row["slug"]
        for row in rows
        if not published_only or row.get("status", "published") == "published"
    ]


PUBLIC_PAGES = [
    "/",
    "/learn/",
    *[f"/learn/scars/{slug}/" for slug in _slugs("scar_types")],
    "/learn/treatments/",
    *[f"/learn/treatments/{slug}/" for slug in _slugs("treatments", published_only=True)],
    "/learn/compare/",
    "/learn/search/?q=laser",
    "/learn/search/?q=zzzz",
    "/intake/",
    "/privacy/",
    "/accessibility/",
    "/learn/no-such-page/",  # the 404 page
]
ERROR_TEMPLATES = ["400.html", "403.html", "500.html", "503.html"]


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


def screen_name(url):
    name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-")
    return name or "home"


def inspect(page, name, width):
    """The checks every patient page gets, then its screenshot."""
    # Drawings lower down load lazily; load them all so the screenshot shows them.
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    # (page.evaluate, not wait_for_function: the CSP forbids the eval that one needs.)
    page.evaluate(
        """() => Promise.all(Array.from(document.images).map(i => i.complete ? null
             : new Promise(done => { i.onload = i.onerror = done; })))"""
    )
    broken = page.evaluate(
        "Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)"
    )
    assert broken == [], f"{page.url}: pictures that did not load: {broken}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    assert scroll_width <= inner_width, f"{page.url} scrolls sideways at {width} px"
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"{name}-{width}.png", full_page=True)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_fits_a_phone_and_passes_axe(page_factory, live_server, content, url):
    for width in WIDTHS:
        page = page_factory(width=width, height=700)
        page.goto(live_server.url + url)
        assert page.locator("h1").count() == 1
        inspect(page, screen_name(url), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_intake_pages_fit_a_phone_and_pass_axe(page_factory, live_server, content, width):
    page = page_factory(width=width, height=700)
    page.goto(live_server.url + "/intake/about-you/")
    # The first step with every error showing, then each step as a patient meets it.
    submit_step(page)
    assert page.locator("[data-error-summary]").count() == 1
    inspect(page, "intake-about-you-errors", width)
    for slug in STEP_SLUGS:
        inspect(page, f"intake-{slug}", width)
        answer_step(page, live_server, slug)
    inspect(page, "intake-check", width)
    send_answers(page, live_server)
    inspect(page, "intake-guide", width)
    # Back after sending: the note that the answers went, with the way to the guide.
    page.go_back()
    assert page.get_by_role("heading", name="You already sent your answers").is_visible()
    inspect(page, "intake-sent-from-here", width)
    page.go_forward()
    assert "/intake/guide/" in page.url


@pytest.mark.parametrize("template", ERROR_TEMPLATES)
def test_error_pages_fit_a_phone(page_factory, live_server, template):
    html = render_to_string(template, {}, request=RequestFactory().get("/"))
    for width in WIDTHS:
        page = page_factory(width=width, height=700)
        page.goto(live_server.url + "/privacy/")  # same origin, so the page's CSS loads
        page.set_content(html)
        inspect(page, f"error-{template.removesuffix('.html')}", width)
