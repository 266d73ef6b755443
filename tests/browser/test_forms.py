"""Forms to the GOV.UK pattern, measured in the browser: every kind of input on the intake
steps has a border of at least 3:1 against the page (WCAG 2.2 SC 1.4.11), the question is
larger than its options, the hint sits between the question and the options, and focus
draws a ring."""

import pytest

from tests.browser.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The relative luminance and contrast ratio of WCAG 2.x, on computed colours, against the
# first ancestor with a background that is not transparent.
CONTRAST_JS = """
el => {
  const rgb = text => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const lin = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  let node = el.parentElement, background = "rgb(255, 255, 255)";
  while (node) {
    const colour = getComputedStyle(node).backgroundColor;
    const parts = rgb(colour);
    if (parts.length < 4 || parts[3] > 0) { background = colour; break; }
    node = node.parentElement;
  }
  const style = getComputedStyle(el);
  const sides = ["Top", "Right", "Bottom", "Left"];
  const ratios = sides.map(side => {
    const width = parseFloat(style[`border${side}Width`]);
    if (!width || style[`border${side}Style`] === "none") return 0;
    const [a, b] = [lum(rgb(style[`border${side}Color`])), lum(rgb(background))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
  return Math.min(...ratios);
}
"""

# One step for each kind of control the intake uses.
STEP_CONTROLS = {
    "about-you": ['input[type="text"]', 'input[type="email"]', 'input[type="tel"]'],
    "your-scars": ['input[type="radio"]', 'input[type="checkbox"]'],
    "goals": ["textarea", 'input[name="event_date_month"]'],
}


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


@pytest.mark.parametrize("slug", list(STEP_CONTROLS))
def test_every_input_border_is_at_least_3_to_1(page_factory, live_server, content, slug):
    page = page_factory(width=375)
    page.goto(f"{live_server.url}/intake/{slug}/")
    for selector in STEP_CONTROLS[slug]:
        controls = page.locator(f"form.intake-form {selector}")
        assert controls.count() >= 1, selector
        for index in range(controls.count()):
            ratio = controls.nth(index).evaluate(CONTRAST_JS)
            assert ratio >= 3, f"{slug} {selector} #{index}: border {ratio:.2f}:1"


def test_bootstraps_pale_border_would_fail_the_measure(page_factory, live_server, content):
    """The measure can fail: Bootstrap's own #dee2e6 border is about 1.3:1."""
    page = page_factory()
    page.goto(f"{live_server.url}/intake/about-you/")
    box = page.locator("#id_first_name")
    box.evaluate("el => { el.style.transition = 'none'; el.style.borderColor = '#dee2e6'; }")
    assert box.evaluate(CONTRAST_JS) < 3


def test_select_on_the_staff_form_has_a_3_to_1_border(page_factory, live_server):
    """The staff forms share the field styles: the login page is one, reachable without
    an account, and its inputs are measured the same way."""
    page = page_factory()
    page.goto(f"{live_server.url}/accounts/login/")
    controls = page.locator("main input:not([type=hidden])")
    assert controls.count() >= 2
    for index in range(controls.count()):
        assert controls.nth(index).evaluate(CONTRAST_JS) >= 3


def _font_size(locator):
    return locator.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def _top(locator):
    return locator.evaluate("el => el.getBoundingClientRect().top")


@pytest.mark.parametrize("width", [320, 1280])
def test_question_is_larger_and_the_hint_sits_between_it_and_the_options(
    page_factory, live_server, content, width
):
    page = page_factory(width=width)
    page.goto(f"{live_server.url}/intake/your-scars/")
    group = page.locator("#div_id_scar_looks")
    legend = group.locator("legend")
    hint = group.locator(".form-hint")
    first_label = group.locator(".form-check-label").first
    assert _font_size(legend) > _font_size(first_label)
    assert legend.evaluate("el => getComputedStyle(el).fontWeight") == "700"
    assert _top(legend) < _top(hint) < _top(first_label)
    # In the document too, so a screen reader meets them in the same order.
    order = group.evaluate(
        """el => [...el.querySelectorAll('legend, .form-hint, .form-check')]
              .map(node => node.tagName === 'LEGEND' ? 'legend'
                 : node.classList.contains('form-hint') ? 'hint' : 'option')"""
    )
    assert order[:3] == ["legend", "hint", "option"]
    assert "hint" not in order[2:]
    fieldset = group.locator("fieldset")
    assert "id_scar_looks_helptext" in fieldset.get_attribute("aria-describedby")


def test_text_box_hint_sits_between_label_and_box(page_factory, live_server, content):
    page = page_factory(width=375)
    page.goto(f"{live_server.url}/intake/about-you/")
    label = page.locator('label[for="id_email"]')
    hint = page.locator("#id_email_helptext")
    box = page.locator("#id_email")
    assert _top(label) < _top(hint) < _top(box)
    assert _font_size(label) > _font_size(hint)


def test_date_of_birth_is_a_fieldset_of_three_labelled_boxes(page_factory, live_server, content):
    page = page_factory(width=320)
    page.goto(f"{live_server.url}/intake/about-you/")
    group = page.locator("#div_id_date_of_birth fieldset")
    assert group.locator("legend").inner_text().strip() == "Date of birth"
    for part, label in (("month", "Month"), ("day", "Day"), ("year", "Year")):
        box = page.get_by_label(label, exact=True)
        assert box.get_attribute("id") == f"id_date_of_birth_{part}"
        assert box.get_attribute("inputmode") == "numeric"
        assert box.get_attribute("autocomplete") == f"bday-{part}"


@pytest.mark.parametrize(
    ("slug", "selector"),
    [
        ("about-you", "#id_first_name"),
        ("about-you", "#id_date_of_birth_day"),
        ("your-scars", "#id_scar_looks_0"),
        ("your-scars", "#id_active_acne_0"),
        # Bootstrap's own focus glow (about 1.8:1 on white) used to win on these two.
        ("about-you", "form button[type=submit]"),
        ("about-you", "header .nav-link"),
    ],
)
def test_focus_draws_a_visible_ring(page_factory, live_server, content, slug, selector):
    page = page_factory()
    page.goto(f"{live_server.url}/intake/{slug}/")
    control = page.locator(selector).first
    before = control.evaluate("el => getComputedStyle(el).outline + getComputedStyle(el).boxShadow")
    # Keyboard focus (focus-visible): tab from the control before it.
    control.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert control.evaluate("el => el === document.activeElement")
    page.wait_for_timeout(400)  # Bootstrap eases box-shadow in over 0.15 s
    ring = control.evaluate(
        """el => { const s = getComputedStyle(el);
                   return {outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
                           colour: s.outlineColor, shadow: s.boxShadow,
                           both: s.outline + s.boxShadow}; }"""
    )
    assert ring["both"] != before
    # The clinic's amber with a near-black edge: never a browser's or Bootstrap's glow.
    assert "rgb(255, 191, 71)" in ring["both"] and "rgb(11, 12, 12)" in ring["both"], ring
    assert ring["outline"] >= 3 or ring["shadow"].count("px") >= 3, ring


@pytest.mark.parametrize("javascript", [False, True])
def test_date_error_keeps_the_typed_parts(page_factory, live_server, content, javascript):
    page = page_factory(width=320, javascript=javascript)
    page.goto(f"{live_server.url}/intake/about-you/")
    page.fill("#id_date_of_birth_month", "4")
    page.fill("#id_date_of_birth_year", "1990")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    summary = page.locator("[data-error-summary]")
    link = summary.get_by_role("link", name="Date of birth must include a day.")
    assert link.get_attribute("href") == "#id_date_of_birth_day"
    assert page.locator("#id_date_of_birth_month").input_value() == "4"
    assert page.locator("#id_date_of_birth_year").input_value() == "1990"
    assert "must include a day" in page.locator("#id_date_of_birth_error").inner_text()
    if javascript:  # axe runs in the page, so only with JavaScript on
        assert_no_axe_violations(page)
