"""#15 done-when: the whole intake in Spanish at 375 px — the switcher, every step, an
error, check your answers, the guide and the e-mail — with axe on every Spanish page,
and the dermatologist reading that intake in English with its language badge."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_intake import (
    STEP_SLUGS,
    assert_no_sideways_scroll,
    fill_step,
    without_fragment,
)
from tests.factories import DermatologistFactory
from tests.intake.answers import VALID_STEPS

pytestmark = pytest.mark.django_db(transaction=True)
WIDTH = 375


def es(text):
    """The Spanish the catalogs give `text`; it must differ, or the page is not Spanish."""
    with translation.override("es"):
        spanish = translation.gettext(text)
    assert spanish != text, f"no Spanish for {text!r}"
    return spanish


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()
    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="review_intake"))
    return DermatologistFactory(username="drlee")


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def looks_right(page):
    assert page.locator("html").get_attribute("lang") == "es", page.url
    assert_no_sideways_scroll(page, WIDTH)
    assert_no_axe_violations(page)


def test_the_whole_intake_in_spanish_on_a_phone(page_factory, live_server, content, mailoutbox):
    from intake.models import Intake

    base = live_server.url
    page = page_factory(width=WIDTH, height=800)
    page.goto(base + "/intake/")
    # The switcher takes an English reader to the same page in Spanish.
    click_and_wait(page, page.get_by_role("link", name="Español"))
    assert page.url == base + "/es/intake/"
    assert page.locator("h1").inner_text() == es("Your pre-visit form")
    looks_right(page)
    click_and_wait(page, page.get_by_role("link", name=es("Start now")))

    for number, slug in enumerate(STEP_SLUGS, start=1):
        assert without_fragment(page) == f"{base}/es/intake/{slug}/"
        assert page.locator("#step-count").inner_text() == f"Paso {number} de {len(STEP_SLUGS)}"
        looks_right(page)
        if slug == "about-you":
            # Sent empty: a Spanish error summary, linked to the fields, in Spanish.
            click_and_wait(page, page.get_by_role("button", name=es("Continue")))
            summary = page.locator("[data-error-summary]")
            assert summary.locator("h2").inner_text() == es("There is a problem")
            assert es("Enter your first name.") in summary.inner_text()
            looks_right(page)
        if slug == "your-scars":
            # Half-way through a step, the patient switches to English and back:
            # what they ticked goes with them, unchecked, and nothing else is lost.
            page.locator('input[name="scar_looks"][value="rolling"]').check()
            click_and_wait(page, page.get_by_role("button", name="English"))
            assert without_fragment(page) == f"{base}/intake/{slug}/"
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator('input[name="scar_looks"][value="rolling"]').is_checked()
            assert page.locator("[data-error-summary]").count() == 0
            click_and_wait(page, page.get_by_role("button", name="Español"))
            assert without_fragment(page) == f"{base}/es/intake/{slug}/"
            assert page.locator('input[name="scar_looks"][value="rolling"]').is_checked()
        fill_step(page, VALID_STEPS[slug])
        click_and_wait(page, page.get_by_role("button", name=es("Continue")))

    assert without_fragment(page) == f"{base}/es/intake/check/"
    assert page.locator("h1").inner_text() == es("Check your answers")
    looks_right(page)
    click_and_wait(page, page.get_by_role("button", name=es("Send my answers")))

    assert re.fullmatch(rf"{re.escape(base)}/es/intake/guide/[^/]+/", without_fragment(page))
    assert page.locator("#reading-heading").inner_text() == es("Your reading list")
    looks_right(page)
    intake = Intake.objects.get()
    assert intake.language == "es"
    # The reading list opens the Spanish explainer.
    first = page.locator(".reading-list h4 a").first
    name = first.inner_text()
    click_and_wait(page, first)
    assert re.fullmatch(rf"{re.escape(base)}/es/learn/treatments/[-\w]+/", page.url)
    assert page.locator("h1").inner_text() == name
    looks_right(page)

    # The e-mail is in Spanish and its guide link opens the Spanish guide.
    mail = mailoutbox[-1]
    assert mail.to == [VALID_STEPS["about-you"]["email"]]
    link = re.search(r"https?://\S+/es/intake/guide/\S+/", mail.body)
    assert link, mail.body
    assert "Gracias" in mail.body or "gracias" in mail.body

    # The dermatologist reads that intake in English, with the language badge.
    staff = page_factory(width=1280)
    staff.goto(base + "/accounts/login/")
    staff.fill("#id_username", "drlee")
    staff.fill("#id_password", "correct horse battery staple")
    click_and_wait(staff, staff.locator("button[type=submit]"))
    staff.goto(f"{base}/review/{intake.reference}/")
    assert staff.locator("html").get_attribute("lang") == "en"
    assert "Patient's language: Spanish" in staff.content().replace("&#x27;", "'")
    assert staff.get_by_text(re.compile("Rolling", re.I)).count() >= 1
    assert_no_axe_violations(staff)
