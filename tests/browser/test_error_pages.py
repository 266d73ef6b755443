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
    "intake/not_saved.html": {"submit_form": SubmitForm(initial={"submission_key": "x"})},
    "intake/too_many.html": {},
    "intake/guide_missing.html": {},
    "registration/locked_out.html": {"failure_limit": 5},
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
