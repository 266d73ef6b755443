"""Save and finish later in real browsers: start on a phone, finish on a laptop with
JavaScript off through the e-mailed link, and the phone can no longer change the draft;
saving again at once sends no second e-mail, and a sent form's key in another browser
opens no guide. Axe on every new page; no sideways scroll at 320 px."""

import os
import re

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_intake import (
    answer_every_step,
    assert_no_sideways_scroll,
    fill_step,
    send_answers,
    submit_step,
    without_fragment,
)
from tests.intake.answers import VALID_STEPS
from tests.intake.drafting import dob_post, wrong_dob_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


def look(page, name, widths=(320, 375)):
    """Axe, no sideways scroll and (with SCREENSHOT_DIR set) a screenshot per width."""
    assert_no_axe_violations(page)
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        assert_no_sideways_scroll(page, width)
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def test_start_on_a_phone_finish_on_a_laptop(page_factory, live_server, content, mailoutbox):
    phone = page_factory(width=375, height=800)
    phone.goto(live_server.url + "/intake/")
    assert "we keep your answers for 3 days (72 hours)" in phone.content()
    phone.goto(live_server.url + "/intake/about-you/")
    for slug in ("about-you", "your-scars"):
        fill_step(phone, VALID_STEPS[slug])
        submit_step(phone)
    look(phone, "step-with-later")
    fill_step(phone, VALID_STEPS["your-skin"])
    submit_step(phone, button="Save and finish later")
    assert phone.get_by_role("heading", name="Your answers are saved").is_visible()
    look(phone, "saved")
    phone.get_by_role("link", name="Carry on here instead").click()
    assert without_fragment(phone) == f"{live_server.url}/intake/health/"

    link = re.search(r"https?://\S+/intake/resume/\S+/", mailoutbox[-1].body)[0]
    # Axe needs JavaScript: a third browser looks at the date-of-birth page first
    # (opening the link uses it only once the date of birth matches).
    checker = page_factory(width=375, height=800)
    checker.goto(link)
    assert without_fragment(checker) == f"{live_server.url}/intake/resume/"  # token gone
    assert "Zoë" not in checker.content()
    look(checker, "resume")
    fill_step(checker, wrong_dob_post())
    submit_step(checker, button="Open my answers")
    assert "does not match" in checker.content()
    look(checker, "resume-wrong")

    laptop = page_factory(width=1280, javascript=False)
    laptop.goto(link)
    assert without_fragment(laptop) == f"{live_server.url}/intake/resume/"
    fill_step(laptop, dob_post())
    submit_step(laptop, button="Open my answers")
    assert without_fragment(laptop) == f"{live_server.url}/intake/health/"

    # The phone's copy no longer accepts changes, and shows no answers.
    fill_step(phone, VALID_STEPS["health"])  # the phone's page still open at a step
    submit_step(phone)
    assert "Your form is open on another device" in phone.content()
    assert "Zoë" not in phone.content()
    look(phone, "moved")

    for slug in ("health", "past-treatments", "goals", "consent"):
        fill_step(laptop, VALID_STEPS[slug])
        submit_step(laptop)
    assert "Zoë" in laptop.content()  # the check page has the phone's answers
    send_answers(laptop, live_server)

    phone.goto(live_server.url + "/intake/check/")
    assert "Zoë" not in phone.content()  # sent from the laptop; nothing left here
    phone.goto(link)
    assert "This link does not work" in phone.content()
    look(phone, "link-missing")
    phone.get_by_role("link", name="Start the form again").click()
    assert without_fragment(phone) == f"{live_server.url}/intake/"


# A copy of the check page's submit in another browser: the step form's CSRF token, the
# sent form's key.
POST_KEY_TO_CHECK = """key => {
    const form = document.querySelector("input[name=first_name]").form;
    form.action = "/intake/check/";
    for (const [name, value] of [["submission_key", key], ["website", ""]]) {
        const input = document.createElement("input");
        Object.assign(input, {type: "hidden", name, value});
        form.appendChild(input);
    }
    form.submit();
}"""


def test_saving_again_at_once_and_a_sent_key_elsewhere(
    page_factory, live_server, content, mailoutbox
):
    phone = page_factory(width=375, height=800)
    phone.goto(live_server.url + "/intake/about-you/")
    fill_step(phone, VALID_STEPS["about-you"])
    submit_step(phone, button="Save and finish later")
    assert "We sent a link to" in phone.content()
    phone.goto(live_server.url + "/intake/about-you/")
    submit_step(phone, button="Save and finish later")
    assert phone.get_by_role("heading", name="Your answers are saved").is_visible()
    assert "We already sent you a link" in phone.content()
    look(phone, "saved-again")
    assert len(mailoutbox) == 1

    answer_every_step(phone, live_server)
    key = phone.locator("input[name=submission_key]").input_value()
    send_answers(phone, live_server)
    other = page_factory(width=375, height=800)
    other.goto(live_server.url + "/intake/about-you/")
    with other.expect_navigation():
        other.evaluate(POST_KEY_TO_CHECK, key)
    assert other.get_by_role("heading", name="This form was already sent").is_visible()
    assert "Zoë" not in other.content() and "/intake/guide/" not in other.content()
    look(other, "already-sent")
