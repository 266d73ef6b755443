"""A dermatologist turns staff digests off in a real browser, by keyboard, at phone
widths, with axe finding nothing (clinic/notification_views.py)."""

import pytest
from django.contrib.auth.models import Group, Permission

from clinic.models import StaffNotificationPreference
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_review import sign_in
from tests.factories import DermatologistFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dermatologist_lee(db):
    # Transactional tests flush migration-made groups, so make the role here.
    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="review_intake"))
    return DermatologistFactory(username="drlee")


@pytest.mark.parametrize("width", [320, 375])
def test_digests_are_turned_off_by_keyboard(
    page_factory, live_server, dermatologist_lee, width, tmp_path
):
    page = page_factory(width=width)
    sign_in(page, live_server)
    page.wait_for_url("**/review/")
    page.goto(live_server.url + "/accounts/notifications/")
    assert_no_axe_violations(page)
    page.screenshot(path=tmp_path / f"notification-settings-{width}.png", full_page=True)
    page.focus("#id_digest_enabled")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Digests of new intakes are off.")
    assert_no_axe_violations(page)
    pref = StaffNotificationPreference.objects.get(user=dermatologist_lee)
    assert pref.digest_enabled is False


def test_digests_are_turned_off_and_on_again_with_javascript_off(
    page_factory, live_server, dermatologist_lee
):
    # No axe here: with JavaScript off, page.evaluate still answers, but axe-core's run
    # never resolves (it waits on the page's own timers, which are off), so the earlier
    # attempt hung in Axe().run; the test above runs axe on the same page.
    page = page_factory(width=375, javascript=False)
    sign_in(page, live_server)
    page.wait_for_url("**/review/")
    page.goto(live_server.url + "/accounts/notifications/")
    box = page.locator("#id_digest_enabled")
    assert box.is_checked()
    box.uncheck()
    page.click("button[type=submit]")
    page.wait_for_selector("text=Digests of new intakes are off.")
    assert not page.locator("#id_digest_enabled").is_checked()
    assert StaffNotificationPreference.objects.get(user=dermatologist_lee).digest_enabled is False
    page.locator("#id_digest_enabled").check()
    page.click("button[type=submit]")
    page.wait_for_selector("text=Digests of new intakes are on.")
    assert StaffNotificationPreference.objects.get(user=dermatologist_lee).digest_enabled is True
