"""A dermatologist signs the rule book off in the admin; the clinic manager's edit
afterwards shows "changed since sign-off" (docs/clinical-rules.md), all with axe."""

import pytest
from django.contrib.auth.models import Group, Permission

from education.models import RuleBookVersion, Treatment, TreatmentFit
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import PASSWORD, DermatologistFactory, ManagerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    from education.services import clinic_content_load

    clinic_content_load()
    # Transactional tests flush migration-made groups, so make the role here.
    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="sign_off_rulebook"))
    return DermatologistFactory(username="drlee", first_name="Dana", last_name="Lee"), (
        ManagerFactory(username="boss")
    )


def sign_in(page, live_server, username, path):
    page.goto(f"{live_server.url}/accounts/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{path}")


def test_dermatologist_signs_off_and_a_later_edit_shows_changed(page_factory, live_server, people):
    screen = "/admin/education/rulebookversion/"
    derm_page = page_factory(width=1280)
    sign_in(derm_page, live_server, "drlee", "/admin/")
    derm_page.click("text=Clinical sign-off")
    derm_page.wait_for_url(f"**{screen}")
    assert "Pending clinical review." in derm_page.locator("#status-heading + p").inner_text()
    assert derm_page.locator(".sign-off-scroll caption").is_visible()
    assert_no_axe_violations(derm_page)

    derm_page.click("text=Sign off this rule book")
    derm_page.wait_for_url(f"**{screen}")
    assert "Signed off rule book version" in derm_page.content()
    assert "Signed off." in derm_page.locator("#status-heading + p").inner_text()
    assert_no_axe_violations(derm_page)
    assert RuleBookVersion.objects.signed().get().signed_by.username == "drlee"

    fit = TreatmentFit.objects.get(treatment__key="tca_cross", scar_type__key="ice_pick")
    boss_page = page_factory(width=1280)
    change = f"/admin/education/treatmentfit/{fit.pk}/change/"
    sign_in(boss_page, live_server, "boss", change)
    assert "Signed off" in boss_page.locator(".field-approval_state").inner_text()
    boss_page.select_option("#id_level", "can_help")
    boss_page.click("input[name=_save]")
    boss_page.wait_for_url("**/admin/education/treatmentfit/")
    row = boss_page.locator("#result_list tr", has_text="TCA CROSS").filter(
        has_text="Ice pick scars"
    )
    assert "Changed since sign-off" in row.inner_text()
    assert_no_axe_violations(boss_page)

    derm_page.reload()
    assert "Pending clinical review." in derm_page.locator("#status-heading + p").inner_text()
    assert "Changed (was First choice)" in derm_page.locator(".sign-off-scroll").inner_text()
    changes = derm_page.locator(".sign-off-changes").inner_text()
    assert "TCA CROSS × Ice pick scars: level" in changes
    assert_no_axe_violations(derm_page)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_page_is_signed_as_shown_and_an_edit_in_between_is_refused(
    page_factory, live_server, people, javascript
):
    """The "Mark medically reviewed today" action opens a confirmation with the words; the
    page an editor changes while it is open is not signed (education/page_signoff_admin.py)."""
    # As intake's staff-groups migration gives them (flushed here, as above).
    Group.objects.get(name="Dermatologists").permissions.add(
        *Permission.objects.filter(codename__in=["view_treatment", "review_treatment"])
    )
    peel, tca = (Treatment.objects.get(key=key) for key in ("chemical_peel", "tca_cross"))
    listing = "/admin/education/treatment/"
    derm_page = page_factory(width=1280, javascript=javascript)
    sign_in(derm_page, live_server, "drlee", listing)
    for treatment in (peel, tca):
        derm_page.check(f"input[name=_selected_action][value='{treatment.pk}']")
    derm_page.select_option("select[name=action]", "mark_reviewed_today")
    derm_page.locator("button[name=index]").first.click()
    heading = derm_page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Sign off the selected treatments"
    section = derm_page.locator("section", has=derm_page.get_by_role("heading", name=peel.name))
    assert peel.side_effects.splitlines()[0] in section.inner_text()
    if javascript:
        assert_no_axe_violations(derm_page)
    assert not Treatment.objects.get(pk=peel.pk).signed_off  # nothing signed yet

    # The tester's edit, made while the dermatologist reads.
    Treatment.objects.filter(pk=peel.pk).update(
        side_effects="No side effects at all. Safe in pregnancy."
    )
    derm_page.click("text=Sign off these 2 page(s) as shown")
    derm_page.wait_for_url(f"**{listing}")
    text = derm_page.locator(".messagelist").inner_text()
    assert f"Not signed: {peel.name}. It changed since you opened the confirmation" in text
    assert "Marked 1 page(s) as reviewed today by you." in text
    assert not Treatment.objects.get(pk=peel.pk).signed_off
    assert Treatment.objects.get(pk=tca.pk).is_medically_reviewed


def test_admin_lists_fit_1280px_and_limits_are_counted_not_cut(page_factory, live_server, people):
    page = page_factory(width=1280)
    sign_in(page, live_server, "boss", "/admin/education/treatment/")
    for path in ("treatment", "scartype", "treatmentfit", "caution", "spanishwordingversion"):
        page.goto(f"{live_server.url}/admin/education/{path}/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, (path, width)
        assert_no_axe_violations(page)
    # The change form with each field in English and Spanish, and its Spanish review part.
    page.goto(f"{live_server.url}/admin/education/treatment/")
    page.click("#result_list >> text=TCA CROSS")
    page.locator("#id_name_es").wait_for()
    assert page.get_by_text("Spanish page: status and medical review").count() == 1
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/admin/education/treatment/")
    page.click("#result_list >> text=TCA CROSS")
    counter = page.locator("#id_summary_en-length")
    assert " of 200 characters" in counter.inner_text()
    page.fill("#id_summary_en", "x" * 230)
    assert counter.inner_text() == "230 of 200 characters: 30 too many"
    assert_no_axe_violations(page)
    page.click("input[name=_save]")
    assert "the limit is 200. Nothing was cut" in page.locator(".errorlist").first.inner_text()
    assert page.input_value("#id_summary_en") == "x" * 230
