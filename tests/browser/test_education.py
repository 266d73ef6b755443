"""Education pages in a real browser: axe at phone and desktop width, 320 px tables,
keyboard access and print."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = [
    "/learn/",
    "/learn/treatments/",
    "/learn/treatments/bellafill/",
    "/learn/scars/rolling/",
    "/learn/compare/",
    "/learn/search/?q=lasers",
    "/learn/search/?q=zzzz",
]


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


@pytest.mark.parametrize("url", PAGE_TYPES)
def test_education_pages_pass_axe_at_375_and_1280(page_factory, live_server, content, url):
    for width in (375, 1280):
        page = page_factory(width=width)
        page.goto(live_server.url + url)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)


def test_compare_fits_a_320px_screen_as_cards_and_shows_the_table_when_wide(
    page_factory, live_server, content
):
    page = page_factory(width=320)
    page.goto(live_server.url + "/learn/compare/")
    # The page itself never scrolls sideways: one card per treatment, no table.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator(".compare-narrow .card").first.is_visible()
    assert not page.locator(".table-scroll").is_visible()
    assert page.locator(".range-chart-bar").first.is_visible()
    assert_no_axe_violations(page)
    wide = page_factory(width=1024)
    wide.goto(live_server.url + "/learn/compare/")
    assert not wide.locator(".compare-narrow").is_visible()
    # On a wide screen the table scrolls inside its region if it must, which a
    # keyboard user can focus and scroll.
    region = wide.locator(".table-scroll")
    region.focus()
    wide.keyboard.press("ArrowRight")
    assert wide.evaluate("document.activeElement.classList.contains('table-scroll')")
    assert wide.locator("caption").inner_text() == "Acne scar treatments side by side"
    assert_no_axe_violations(wide)


def test_explainer_prints_without_navigation(page, live_server, content):
    page.goto(live_server.url + "/learn/treatments/tca-cross/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("#risks").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_search_works_by_keyboard(page, live_server, content):
    page.goto(live_server.url + "/learn/")
    page.locator("#search-q").focus()
    page.keyboard.type("Lasers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/learn/search/?q=Lasers")
    assert page.locator('a[href="/learn/treatments/fractional-lasers/"]').count() == 1
