"""The patient intake in a real browser: the whole journey at phone width with axe on
every page, error states, no JavaScript, keyboard only, Change links, and 320 px."""

import re

import pytest

from intake.date_input import PARTS
from tests.browser.conftest import assert_no_axe_violations
from tests.intake.answers import VALID_STEPS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEP_SLUGS = list(VALID_STEPS)


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


def assert_no_sideways_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width} > {width}"


def field_error(page, name):
    """The message at a field, as a screen reader reads it ("Error: …")."""
    return " ".join(page.locator(f"#id_{name}_error").text_content().split())


def fill_step(page, answers):
    """Answers one step through the form's own inputs: text, email, tel, date and
    textareas are filled; radios and checkboxes are checked by their value."""
    form = page.locator("form.intake-form")
    for name, value in answers.items():
        if form.locator(f'[name="{name}_month"]').count():
            # A date is three boxes (month, day, year); the answers hold it as ISO text.
            year, month, day = value.split("-") if value else ("", "", "")
            for part, typed in (("month", month), ("day", day), ("year", year)):
                form.locator(f'[name="{name}_{part}"]').fill(typed.lstrip("0"))
            continue
        inputs = form.locator(f'[name="{name}"]')
        assert inputs.count() >= 1, f"no input named {name}"
        kind = inputs.first.evaluate("el => el.type")
        if kind == "radio":
            form.locator(f'input[name="{name}"][value="{value}"]').check()
        elif kind == "checkbox" and isinstance(value, list):
            for item in value:
                form.locator(f'input[name="{name}"][value="{item}"]').check()
        elif kind == "checkbox":
            inputs.check()
        else:
            inputs.fill(value)


def submit_step(page, button="Continue"):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def without_fragment(page):
    """The page's address without a #fragment. After an error summary link adds one, the
    browser keeps it through every later form post and redirect (the step forms post to
    the current address), so it rides along to the check page and the guide."""
    return page.url.split("#")[0]


def answer_step(page, live_server, slug, answers=None):
    """Fills a step, continues and checks the browser moved on to the next page."""
    assert without_fragment(page) == f"{live_server.url}/intake/{slug}/"
    fill_step(page, VALID_STEPS[slug] if answers is None else answers)
    submit_step(page)
    index = STEP_SLUGS.index(slug)
    following = STEP_SLUGS[index + 1] if index + 1 < len(STEP_SLUGS) else "check"
    assert without_fragment(page) == f"{live_server.url}/intake/{following}/", page.url


def answer_every_step(page, live_server):
    page.goto(live_server.url + "/intake/about-you/")
    for slug in STEP_SLUGS:
        answer_step(page, live_server, slug)


def send_answers(page, live_server):
    assert without_fragment(page) == f"{live_server.url}/intake/check/"
    submit_step(page, button="Send my answers")
    guide = rf"{re.escape(live_server.url)}/intake/guide/[^/]+/"
    assert re.fullmatch(guide, without_fragment(page)), page.url


def assert_error_summary(page, expected_anchors, *, focused=True):
    """GOV.UK error summary: titled, focused (with JS), each link naming a real field."""
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert summary.locator("h2").inner_text() == "There is a problem"
    assert page.title().startswith("Error: "), page.title()
    if focused:
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.locator("a").all()
    anchors = [link.get_attribute("href") for link in links]
    assert anchors == expected_anchors
    for link, anchor in zip(links, anchors, strict=True):
        target = page.locator(anchor)
        assert target.count() == 1, f"{anchor} points at nothing"
        assert target.evaluate("el => el.tagName") in ("INPUT", "TEXTAREA", "SELECT")
        # The field itself shows the same message as the summary link.
        group = target.locator("xpath=ancestor::div[contains(@class, 'form-group')][1]")
        assert link.inner_text() in group.inner_text()


def test_whole_journey_at_375px_passes_axe_on_every_page(page_factory, live_server, content):
    from intake.models import GuideOpen, Intake

    page = page_factory(width=375)
    page.goto(live_server.url + "/intake/")
    assert page.locator("h1").inner_text() == "Your pre-visit form"
    assert_no_sideways_scroll(page, 375)
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Start now").click()

    for slug in STEP_SLUGS:
        assert without_fragment(page) == f"{live_server.url}/intake/{slug}/"
        assert page.locator("h1").count() == 1
        number = STEP_SLUGS.index(slug) + 1
        assert page.locator("#step-count").inner_text() == f"Step {number} of {len(STEP_SLUGS)}"
        assert not page.title().startswith("Error: ")
        assert_no_sideways_scroll(page, 375)
        assert_no_axe_violations(page)

        if slug == "about-you":
            # Sent empty: the error summary appears, takes focus and links each field.
            submit_step(page)
            assert page.url == f"{live_server.url}/intake/about-you/"
            assert_error_summary(
                page, ["#id_first_name", "#id_last_name", "#id_date_of_birth_month", "#id_email"]
            )
            assert field_error(page, "first_name") == "Error: Enter your first name."
            # A summary link takes the patient to the field it names.
            page.get_by_role(
                "link",
                name="Enter your email address or your phone number, so the clinic can reach you.",
            ).click()
            assert page.evaluate("document.activeElement.id") == "id_email"
            assert_no_sideways_scroll(page, 375)
            assert_no_axe_violations(page)
        if slug == "your-scars":
            # Radio and checkbox groups link to their first option.
            submit_step(page)
            assert_error_summary(
                page,
                [
                    "#id_scar_locations_0",
                    "#id_scar_looks_0",
                    "#id_active_acne_0",
                    "#id_sore_or_infection_now_0",
                ],
            )
            assert_no_sideways_scroll(page, 375)
            assert_no_axe_violations(page)

        answer_step(page, live_server, slug)
        assert page.locator("[data-error-summary]").count() == 0

    assert page.locator("h1").inner_text() == "Check your answers"
    # The last name, and the typed-name signature with the date it is signed.
    assert page.get_by_text("O'Brien-Nguyễn", exact=True).count() == 1
    assert page.locator("dd", has_text="Zoë O'Brien-Nguyễn").count() == 1
    assert page.get_by_text("Signed on ").count() == 1
    assert_no_sideways_scroll(page, 375)
    assert_no_axe_violations(page)
    send_answers(page, live_server)

    intake = Intake.objects.get()
    assert intake.first_name == "Zoë"
    assert intake.email == "zoe@example.org"
    assert page.locator("h1").inner_text() == "Thank you, Zoë. Your answers reached us."
    assert intake.reference in page.locator("[role=status]").inner_text()
    assert page.locator("#reading-heading").inner_text() == "Your reading list"
    reading_links = page.locator(".reading-list h4 a")
    assert reading_links.count() >= 1
    assert_no_sideways_scroll(page, 375)
    assert_no_axe_violations(page)

    first = reading_links.first
    href = first.get_attribute("href")
    match = re.fullmatch(r"/intake/guide/[^/]+/open/treatment/([-\w]+)/", href)
    assert match, href
    slug = match.group(1)
    name = first.inner_text()
    with page.expect_navigation():
        first.click()
    assert page.url == f"{live_server.url}/learn/treatments/{slug}/"
    assert page.locator("h1").inner_text() == name
    assert GuideOpen.objects.filter(intake=intake, page=f"treatment:{slug}").count() == 1


def test_journey_without_javascript_keeps_answers_after_an_error(
    page_factory, live_server, content
):
    from intake.models import Intake

    page = page_factory(javascript=False)
    page.goto(live_server.url + "/intake/")
    with page.expect_navigation():
        page.get_by_role("link", name="Start now").click()

    # A wrong email: the server says so and every other typed answer is still there.
    about = {**VALID_STEPS["about-you"], "email": "not-an-email"}
    fill_step(page, about)
    submit_step(page)
    assert page.url == f"{live_server.url}/intake/about-you/"
    assert_error_summary(page, ["#id_email"], focused=False)
    assert field_error(page, "email") == "Error: Enter an email address like name@example.com."
    for name, value in about.items():
        if name == "date_of_birth":
            typed = [page.locator(f'[name="{name}_{part}"]').input_value() for part in PARTS]
            assert typed == ["4", "12", "1990"]
            continue
        assert page.locator(f'[name="{name}"]').input_value() == value, name
    page.locator("#id_email").fill(VALID_STEPS["about-you"]["email"])
    submit_step(page)
    assert page.url == f"{live_server.url}/intake/your-scars/"

    for slug in STEP_SLUGS[1:]:
        if slug == "health":
            # "Something else" without saying what: radios, boxes and text survive.
            health = {
                **VALID_STEPS["health"],
                "health_conditions": ["other"],
                "other_medicines": "Vitamin D, 1000 units a day",
            }
            fill_step(page, health)
            submit_step(page)
            assert page.url == f"{live_server.url}/intake/health/"
            assert_error_summary(page, ["#id_health_other"], focused=False)
            form = page.locator("form.intake-form")
            for name, value in health.items():
                inputs = form.locator(f'[name="{name}"]')
                kind = inputs.first.evaluate("el => el.type")
                if kind in ("radio", "checkbox"):
                    picked = value if isinstance(value, list) else [value]
                    checked = [
                        box.get_attribute("value") for box in inputs.all() if box.is_checked()
                    ]
                    assert checked == picked, name
                else:
                    assert inputs.input_value() == value, name
            page.locator("#id_health_other").fill("Asthma")
            submit_step(page)
            assert page.url == f"{live_server.url}/intake/past-treatments/"
            continue
        answer_step(page, live_server, slug)

    send_answers(page, live_server)
    intake = Intake.objects.get()
    assert intake.health_other == "Asthma"
    assert intake.reference in page.locator("[role=status]").inner_text()
    assert page.locator(".reading-list h4 a").count() >= 1


def tab_until(page, condition, limit=80):
    """Presses Tab until the focused element meets a JS condition on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def tab_to(page, element_id):
    tab_until(page, f"el.id === {element_id!r}")


def focused_value(page):
    return page.evaluate("document.activeElement.value")


def test_about_you_step_by_keyboard_alone(page, live_server, content):
    page.goto(live_server.url + "/intake/about-you/")
    tab_to(page, "id_first_name")
    page.keyboard.type("Zoë")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_last_name"
    page.keyboard.type("O'Brien-Nguyễn")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_date_of_birth_month"
    for box, typed in (("month", "4"), ("day", "12"), ("year", "1990")):
        assert page.evaluate("document.activeElement.id") == f"id_date_of_birth_{box}"
        page.keyboard.type(typed)
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.keyboard.type("zoe@example.org")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_phone"
    page.keyboard.type("+1 555 123 4567")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/intake/your-scars/"
    assert page.locator("h1").inner_text() == "Your scars"


def pick_radio(page, name, index):
    """Tabs into a radio group (focus lands on its first option when none is checked)
    and moves to option `index` with the arrow keys, which also checks it."""
    tab_to(page, f"id_{name}_0")
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == f"id_{name}_{index}"
    assert page.evaluate("document.activeElement.checked")


def tick_checkbox(page, element_id):
    tab_to(page, element_id)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def test_your_scars_step_by_keyboard_alone(page, live_server, content):
    page.goto(live_server.url + "/intake/about-you/")
    fill_step(page, VALID_STEPS["about-you"])
    submit_step(page)
    assert page.url == f"{live_server.url}/intake/your-scars/"

    tick_checkbox(page, "id_scar_locations_0")  # Forehead
    tick_checkbox(page, "id_scar_locations_2")  # Cheeks
    pick_radio(page, "scar_duration", 1)  # 1 to 5 years
    tick_checkbox(page, "id_scar_looks_1")  # boxcar
    tick_checkbox(page, "id_scar_looks_2")  # rolling
    pick_radio(page, "stretch_test", 0)  # Yes
    pick_radio(page, "visibility", 2)  # Easy to see face to face
    pick_radio(page, "bother", 2)  # Quite a bit
    pick_radio(page, "active_acne", 0)  # None
    pick_radio(page, "sore_or_infection_now", 1)  # No
    tab_until(page, "el.type === 'submit'")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Continue"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/intake/your-skin/"

    # What the keyboard chose is what the server kept: Back shows the same answers.
    page.goto(live_server.url + "/intake/your-scars/")
    form = page.locator("form.intake-form")
    for name, value in VALID_STEPS["your-scars"].items():
        picked = value if isinstance(value, list) else [value]
        checked = [
            box.get_attribute("value")
            for box in form.locator(f'[name="{name}"]').all()
            if box.is_checked()
        ]
        assert sorted(checked) == sorted(picked), name


def test_change_link_returns_to_check_page_with_new_answer(page, live_server, content):
    answer_every_step(page, live_server)
    section = page.locator("section", has=page.locator("#section-your-scars"))
    assert "Quite a bit" in section.inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Change answers in the section “Your scars”").click()
    assert page.url == f"{live_server.url}/intake/your-scars/?return=check"
    # The saved answers are already there, and Back goes to the check page.
    assert page.locator('input[name="bother"][value="quite_a_bit"]').is_checked()
    assert page.get_by_role("link", name="Back").get_attribute("href") == "/intake/check/"
    page.get_by_label("Very much").check()
    submit_step(page, button="Save and go back to your answers")

    assert page.url == f"{live_server.url}/intake/check/"
    section = page.locator("section", has=page.locator("#section-your-scars"))
    row = section.locator(".check-row", has=page.locator("dt", has_text="bother you"))
    assert row.locator("dd").inner_text().strip() == "Very much"
    assert "Quite a bit" not in section.inner_text()
    # Other answers were not touched.
    assert page.get_by_text("zoe@example.org").count() == 1


def test_check_page_and_guide_pass_axe_at_320px(page_factory, live_server, content):
    page = page_factory(width=320)
    answer_every_step(page, live_server)
    assert page.locator("h1").inner_text() == "Check your answers"
    assert_no_sideways_scroll(page, 320)
    assert_no_axe_violations(page)
    send_answers(page, live_server)
    assert page.locator("#reading-heading").inner_text() == "Your reading list"
    assert_no_sideways_scroll(page, 320)
    assert_no_axe_violations(page)
