"""FHIR (#19) in a real browser: the download on the intake page, and a token created in
the admin (docs/fhir.md). Here, not in tests/fhir, to share this folder's one browser."""

import json
import os

import pytest
from django.contrib.auth.models import Group, Permission

from tests.browser.conftest import assert_no_axe_violations
from tests.factories import DermatologistFactory, ManagerFactory
from tests.fhir.validate import assert_valid_r4
from tests.intake.answers import submitted_intake

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("FHIR_SCREENSHOTS")  # a folder to keep screenshots in, when set


def _sign_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("button[type=submit]")


@pytest.fixture
def reviewable(db):
    from education.services import clinic_content_load

    clinic_content_load()
    # Transactional tests flush migration-made groups, so make the role here.
    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="review_intake"))
    DermatologistFactory(username="drlee")
    return submitted_intake({"health": {"isotretinoin": "taking_now", "smokes": "yes"}})


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_dermatologist_downloads_the_fhir_bundle(page_factory, live_server, reviewable, width):
    page = page_factory(width=width)
    _sign_in(page, live_server, "drlee")
    page.goto(f"{live_server.url}/review/{reviewable.reference}/")
    link = page.get_by_role("link", name="Download for the health record (FHIR JSON)")
    assert link.is_visible()
    assert_no_axe_violations(page)
    if SHOTS:
        link.scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/intake-download-{width}.png")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"{reviewable.reference}-fhir.json"
    with open(download.path(), encoding="utf-8") as file:
        assert_valid_r4(json.load(file))


def test_the_manager_creates_a_token_and_copies_it(page_factory, live_server, db):
    ManagerFactory(username="boss")
    page = page_factory(width=375)
    _sign_in(page, live_server, "boss")
    page.goto(live_server.url + "/admin/fhir/integrationtoken/add/")
    page.fill("#id_name", "EHR bridge")
    page.click("input[name=_save]")
    page.wait_for_selector("#integration-token")
    token = page.input_value("#integration-token")
    assert token.startswith("fhirtok_")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/token-created-375.png", full_page=True)
    assert_no_axe_violations(page)
