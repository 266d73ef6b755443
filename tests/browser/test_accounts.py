"""Staff account pages in a browser: the invitation's password page (with an
error), and Django's password reset pages as the clinic styles them."""

import pytest

from clinic.invitations import invitation_issue
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invitation_password_page_and_its_errors_pass_axe(page_factory, live_server):
    user = StaffFactory(username="drnew")
    page = page_factory(width=375)
    page.goto(live_server.url + f"/accounts/invitation/{invitation_issue(user=user)}/")
    assert page.locator("h1").inner_text() == "Choose your password"
    assert_no_axe_violations(page)
    page.fill("#id_new_password1", "a brand new passphrase 42")
    page.fill("#id_new_password2", "something else entirely 42")
    page.click("text=Save password and continue")
    assert page.title().startswith("Error: ")
    assert "There is a problem" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)


def test_password_reset_pages_pass_axe(page_factory, live_server):
    page = page_factory(width=375)
    page.goto(live_server.url + "/accounts/login/")
    page.click("text=Forgot your password?")
    assert page.locator("h1").inner_text() == "Reset your password"
    assert_no_axe_violations(page)
    page.fill("#id_email", "someone@clinic.test")
    page.click("text=Send the link")
    page.wait_for_url("**/accounts/password-reset/sent/")
    assert page.locator("h1").inner_text() == "Check your e-mail"
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/accounts/password-reset/MQ/bad-token/")
    assert page.locator("h1").inner_text() == "This link no longer works"
    assert_no_axe_violations(page)
    page.goto(live_server.url + "/accounts/password-reset/done/")
    assert_no_axe_violations(page)
