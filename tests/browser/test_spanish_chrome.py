"""The language switcher and the Spanish home page in a browser (tests/i18n/test_chrome.py
holds the rest of the Spanish chrome's tests)."""

import pytest

from tests.browser.conftest import assert_no_axe_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [320, 375])
def test_the_switcher_fits_a_phone_and_keeps_the_page(page_factory, live_server, width):
    page = page_factory(width=width)
    page.goto(live_server.url + "/es/privacy/?x=1")
    assert page.locator("h1").inner_text() == "Aviso de privacidad"
    switch = page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English")
    assert switch.is_visible()
    box = switch.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["height"] >= 24  # WCAG 2.2 target size
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_no_axe_violations(page)
    switch.click()
    page.wait_for_url(live_server.url + "/privacy/?x=1")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Privacy notice"
    assert page.get_by_role("link", name="Español").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_spanish_home_page_passes_axe_and_skips_to_content(page_factory, live_server):
    page = page_factory(width=375)
    page.goto(live_server.url + "/es/")
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        "Saltar al contenido principal"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
