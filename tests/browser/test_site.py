"""The site in a real browser: layouts, keyboard skip link, axe, no third parties."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_home_renders_without_sideways_scroll(page_factory, live_server, width):
    page = page_factory(width=width)
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Help with acne scars, explained in plain words"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    assert_no_axe_violations(page)


def test_skip_link_moves_keyboard_focus_to_main_content(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("url", ["/privacy/", "/accessibility/", "/no-such-page/"])
def test_site_pages_pass_axe_at_phone_and_desktop_width(page_factory, live_server, url):
    for width in (320, 1280):
        page = page_factory(width=width)
        page.goto(live_server.url + url)
        assert_no_axe_violations(page)
