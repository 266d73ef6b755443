"""The dermatologist's intake page: the assessment reachable at once at any width, and
labels (never raw keys) for the pages the patient opened. Screenshots at 320 and 375 px
go to the pytest temp folder for a person to look at."""

import pytest

from intake.models import GuideOpen
from tests.browser import test_review
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_review import sign_in

reviewable = test_review.reviewable  # the same signed-off set-up as the review journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, live_server, intake):
    sign_in(page, live_server)
    page.wait_for_url("**/review/")
    page.goto(f"{live_server.url}/review/{intake.reference}/")


def test_wide_screen_shows_the_assessment_beside_the_record(page_factory, live_server, reviewable):
    _, intake = reviewable
    page = page_factory(width=1280, height=800)
    _open(page, live_server, intake)
    record = page.locator(".review-record").bounding_box()
    form = page.locator(".review-assessment").bounding_box()
    assert form["x"] > record["x"] + record["width"] - 1
    assert form["y"] < 800  # in the first screen, beside the top of the record
    # Still in view after scrolling down the long record.
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(100)
    top = page.locator("#assessment-heading").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 800
    assert page.locator(".review-jump").is_hidden()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [320, 375])
def test_narrow_screen_has_a_jump_link_and_a_save_bar_in_view(
    page_factory, live_server, reviewable, width, tmp_path
):
    _, intake = reviewable
    page = page_factory(width=width, height=700)
    _open(page, live_server, intake)
    page.screenshot(path=str(tmp_path / f"review-{width}.png"), full_page=True)
    jump = page.get_by_role("link", name="Go to the assessment form")
    assert jump.bounding_box()["y"] < 700
    bar = page.locator(".review-savebar")
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(100)
    box = bar.bounding_box()
    assert box["y"] + box["height"] <= 700 + 1
    assert box["y"] > 700 - box["height"] - 10  # stuck to the bottom of the screen
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    assert_no_axe_violations(page)
    # The bar's button saves the assessment form.
    page.select_option("#id_status", "in_review")
    with page.expect_navigation():
        bar.get_by_role("button", name="Save assessment").click()
    assert "Saved the assessment" in page.locator("main").inner_text()
    intake.refresh_from_db()
    assert intake.status == "in_review"


def test_opened_pages_show_labels_not_keys(page_factory, live_server, reviewable):
    _, intake = reviewable
    GuideOpen.objects.create(intake=intake, page="page:what_is_acne_scar")
    GuideOpen.objects.create(intake=intake, page="scar:rolling")
    page = page_factory(width=1280)
    _open(page, live_server, intake)
    section = page.locator("#read-heading").locator("xpath=..").inner_text()
    assert "What is an acne scar?" in section
    assert "page:" not in section
    assert "scar:" not in section
