"""A dermatologist in a real browser: sign in, queue, intake, assessment, history."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.invitations import invitation_issue
from intake.models import AuditEvent
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import DermatologistFactory
from tests.intake.answers import submitted_intake

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewable(db):
    from education.services import clinic_content_load

    clinic_content_load()
    # Transactional tests flush migration-made groups, so make the role here.
    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="review_intake"))
    user = DermatologistFactory(username="drlee")
    intake = submitted_intake({"health": {"isotretinoin": "taking_now", "smokes": "yes"}})
    return user, intake


def sign_in(page, live_server, path="/accounts/login/"):
    page.goto(live_server.url + path)
    page.fill("#id_username", "drlee")
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")


def test_login_queue_intake_assessment_and_history(page_factory, live_server, reviewable, settings):
    settings.STAFF_REQUIRE_2FA = True
    user, intake = reviewable
    page = page_factory(width=1280)
    page.goto(live_server.url + "/review/")
    assert page.url.startswith(live_server.url + "/accounts/login/")
    assert_no_axe_violations(page)

    # A new account: the invitation link, a password, then the authenticator app.
    page.goto(live_server.url + f"/accounts/invitation/{invitation_issue(user=user)}/")
    page.wait_for_url("**/accounts/invitation/")
    assert page.locator("h1").inner_text() == "Choose your password"
    assert_no_axe_violations(page)
    page.fill("#id_new_password1", "a brand new passphrase 42")
    page.fill("#id_new_password2", "a brand new passphrase 42")
    page.click("text=Save password and continue")
    page.wait_for_url("**/accounts/two-factor/**")
    assert page.locator("h1").inner_text() == "Set up two-step sign-in"
    assert (
        page.locator("img[src='/accounts/two-factor/qr.svg']").evaluate("i => i.naturalWidth") > 0
    )
    assert_no_axe_violations(page)
    device = TOTPDevice.objects.get(user=user)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.fill("#id_code", f"{code:06d}")
    page.click("text=Confirm")
    # Set-up ends on the recovery codes, shown once.
    assert page.locator("h1").inner_text() == "Save your recovery codes"
    assert page.locator(".recovery-codes li").count() == 10
    assert_no_axe_violations(page)
    page.click("text=I have saved my codes. Continue")
    page.wait_for_url("**/review/")
    assert page.locator("h1").inner_text() == "Intake queue"
    assert_no_axe_violations(page)

    page.click(f"text={intake.reference}")
    page.wait_for_url(f"**/review/{intake.reference}/")
    assert "Isotretinoin" in page.locator("#cautions-heading + ul").inner_text()
    assert_no_axe_violations(page)

    page.select_option("#id_status", "in_review")
    page.check("text=Rolling scars")
    page.select_option("#id_grade", "3")
    page.fill("#id_notes", "Rolling scars on both cheeks.")
    booked = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    page.fill("#id_consultation_on", booked)
    page.click("#assessment-form button[type=submit]")
    page.wait_for_url(f"**/review/{intake.reference}/")
    assert "Saved the assessment" in page.content()
    changes = page.locator("#changes-heading + ul").inner_text()
    assert "status: New → In review" in changes
    assert f"consultation date: (blank) → {booked}" in changes
    assert_no_axe_violations(page)

    page.click("text=Access history")
    assert page.locator("caption").inner_text().startswith("Every view")
    assert_no_axe_violations(page)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["view", "change", "view", "history"]


def test_queue_and_intake_pass_axe_on_a_phone(page_factory, live_server, reviewable):
    user, intake = reviewable
    intake.consultation_on = timezone.localdate() + datetime.timedelta(days=1)
    intake.save()
    page = page_factory(width=375)
    sign_in(page, live_server)
    page.wait_for_url("**/review/")
    assert_no_axe_violations(page)
    page.select_option("#id_consultation", "soon")
    page.click("text=Filter")
    page.wait_for_url("**/review/?*consultation=soon*")
    assert intake.reference in page.locator("table").inner_text()
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/review/{intake.reference}/")
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/review/{intake.reference}/print/")
    assert_no_axe_violations(page)


def test_a_lost_phone_signs_in_with_a_recovery_code(
    page_factory, live_server, reviewable, settings
):
    from clinic.two_factor import recovery_codes_replace

    settings.STAFF_REQUIRE_2FA = True
    user, _ = reviewable
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = recovery_codes_replace(user)
    page = page_factory(width=375)
    sign_in(page, live_server, "/accounts/login/?next=/review/")
    page.wait_for_url("**/accounts/two-factor/**")
    assert page.locator("h1").inner_text() == "Confirm it is you"
    # The recovery form sits in a closed <details>: reachable by keyboard, no script needed.
    summary = page.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_recovery_code").is_visible()
    assert_no_axe_violations(page)
    page.fill("#id_recovery_code", codes[0])
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/")
    assert "You have 9 left." in page.locator(".messages").inner_text()
    assert_no_axe_violations(page)
    page.click("text=Recovery codes")
    page.wait_for_url("**/accounts/recovery-codes/")
    assert "9" in page.locator("main p").first.inner_text()
    assert_no_axe_violations(page)
