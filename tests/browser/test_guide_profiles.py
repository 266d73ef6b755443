"""Three patients through the real intake steps in a browser, and the guides they get:
keloid tendency, a pacemaker, and pregnant while taking isotretinoin (axe on each guide)."""

import re

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_intake import answer_step, send_answers
from tests.intake.answers import VALID_STEPS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


def take_intake(page, live_server, overrides):
    page.goto(live_server.url + "/intake/about-you/")
    for slug, answers in VALID_STEPS.items():
        answer_step(page, live_server, slug, {**answers, **overrides.get(slug, {})})
    send_answers(page, live_server)


def section_text(page, heading):
    """Text of the list that follows a heading on the guide."""
    return page.locator(f"h3:text-is('{heading}') + ul").inner_text()


def test_keloid_tendency_guide_lists_bellafill_as_usually_not_used(
    page_factory, live_server, content
):
    page = page_factory(width=375)
    take_intake(
        page,
        live_server,
        {"your-scars": {"scar_looks": ["rolling"]}, "your-skin": {"keloid_self": "yes"}},
    )
    suggested = section_text(page, "Treatments that may fit your answers")
    assert "Bellafill" not in suggested
    assert "Hyaluronic acid" in suggested or "filler" in suggested.lower()
    not_used = section_text(page, "Usually not used for people who answered as you did")
    assert "Bellafill" in not_used and "thick, raised scars" in not_used
    assert_no_axe_violations(page)
    # The same guide without JavaScript reads the same.
    plain = page_factory(width=375, javascript=False)
    plain.goto(page.url)
    assert "Bellafill" in section_text(plain, "Usually not used for people who answered as you did")
    # Its explainer is one click away (a recorded link), never hidden.
    with page.expect_navigation():
        page.locator(".guide-not-suggested").get_by_role("link", name="Bellafill").click()
    assert re.search(r"/learn/treatments/bellafill/$", page.url), page.url


def test_pacemaker_guide_does_not_suggest_rf_microneedling(page_factory, live_server, content):
    page = page_factory(width=375)
    take_intake(
        page,
        live_server,
        {"your-scars": {"scar_looks": ["ice_pick"]}, "health": {"implants": ["pacemaker"]}},
    )
    suggested = section_text(page, "Treatments that may fit your answers")
    assert "RF microneedling" not in suggested and "TCA CROSS" in suggested
    not_used = section_text(page, "Usually not used for people who answered as you did")
    assert "RF microneedling" in not_used and "pacemaker" in not_used
    assert_no_axe_violations(page)


def test_pregnant_on_isotretinoin_sees_the_urgent_box_first(page_factory, live_server, content):
    page = page_factory(width=375)
    take_intake(
        page, live_server, {"health": {"pregnancy": "pregnant", "isotretinoin": "taking_now"}}
    )
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Please act on this today"
    assert headings.index("Before any scar treatment") < headings.index("Your reading list")
    urgent = page.locator(".guide-urgent").inner_text()
    assert "contact the doctor who prescribes your isotretinoin today" in urgent
    assert_no_axe_violations(page)
