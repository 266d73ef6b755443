"""Every error and refusal page a patient or staff member can meet passes axe and
reads at or below grade 8, at phone width."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from education.readability import GRADE_LIMIT, reading_grade
from intake.forms import SubmitForm
from tests.browser.conftest import assert_no_axe_violations
from tests.clinic.test_reading_grade import main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages reached only when something fails; rendered as the views render them.
RENDERED = {
    "400.html": {},
    "403.html": {},
    "403_csrf.html": {},
    "500.html": {},
    "503.html": {},
    "intake/not_saved.html": {"submit_form": SubmitForm(initial={"submission_key": "x"})},
    "intake/too_many.html": {"wait_minutes": 60},
    "intake/guide_missing.html": {},
    "registration/locked_out.html": {"failure_limit": 5},
    "registration/invitation_invalid.html": {},
    "registration/two_factor_needs_invitation.html": {},
}


@pytest.mark.parametrize("template", sorted(RENDERED))
def test_failure_pages_pass_axe_and_read_plainly(page_factory, live_server, template):
    request = RequestFactory().get("/")
    html = render_to_string(template, RENDERED[template], request=request)
    assert reading_grade(main_text(html.encode())) <= GRADE_LIMIT
    page = page_factory(width=375)
    page.goto(live_server.url + "/privacy/")  # same origin, so the page's CSS loads
    page.set_content(html)
    assert_no_axe_violations(page)


def test_login_error_and_wrong_guide_link_pass_axe(page_factory, live_server):
    page = page_factory(width=375)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong password here")
    page.click("button[type=submit]")
    assert "There is a problem" in page.content()
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/intake/guide/" + "0" * 64 + "/")
    assert page.locator("h1").inner_text() == "This link does not work"
    assert_no_axe_violations(page)


def test_a_step_that_could_not_be_saved_passes_axe_and_reads_plainly(page_factory, live_server):
    from intake.steps import STEP_BY_SLUG
    from intake.views import _step_page
    from tests.intake.answers import VALID_STEPS

    goals = STEP_BY_SLUG["goals"]
    data = {**VALID_STEPS["goals"], "anything_else": "Mostly on my left cheek."}
    request = RequestFactory().post("/intake/goals/", data)
    form = goals.form_class(data=data)
    assert form.is_valid()
    html = _step_page(request, goals, form, False, status=503).content.decode()
    assert "We could not save this step" in html and "Mostly on my left cheek." in html
    assert reading_grade(main_text(html.encode())) <= GRADE_LIMIT
    page = page_factory(width=375)
    page.goto(live_server.url + "/privacy/")
    page.set_content(html)
    assert_no_axe_violations(page)
