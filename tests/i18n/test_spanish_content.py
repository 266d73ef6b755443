"""Spanish education content: loaded beside the English, published and signed on its own,
English where the Spanish is not published, and never in the English sign-offs."""

import pytest
from django.utils import translation

from education import bilingual
from education.levels import PageStatus
from education.models import Caution, ScarType, Treatment, TreatmentFit
from education.selectors import rulebook_snapshot
from education.services import (
    clinic_content_load,
    pages_mark_reviewed,
    spanish_pages_mark_reviewed,
    spanish_pages_publish,
)
from education.signoff import SignOffState
from tests.factories import as_shown, as_shown_es

pytestmark = pytest.mark.django_db


def test_the_loader_fills_every_spanish_page_fit_and_caution(clinic_content):
    for page in [*Treatment.objects.all(), *ScarType.objects.all()]:
        assert page.name_es and page.summary_es and page.summary_es != page.summary_en
        assert page.status_es == page.status  # published where the English is
        assert page.signed_off_es is False and page.reviewer_name_es
    assert not TreatmentFit.objects.filter(reason_es__isnull=True).exists()
    assert not TreatmentFit.objects.filter(reason_es="").exists()
    for caution in Caution.objects.all():
        assert caution.patient_wording_es and caution.title_es
        assert bool(caution.not_sure_wording_es) == bool(caution.not_sure_wording_en)


def test_a_second_load_changes_nothing(clinic_content):
    report = clinic_content_load()
    assert not report.updated
    assert not report.behind


def test_spanish_an_editor_changed_is_kept_and_reported(clinic_content):
    page = Treatment.objects.get(key="tca_cross")
    page.name_es = "TCA CROSS (texto del editor)"
    page.save()
    report = clinic_content_load()
    page.refresh_from_db()
    assert page.name_es == "TCA CROSS (texto del editor)"
    assert any("tca_cross (Spanish)" in row for row in report.behind)
    clinic_content_load(overwrite=True)
    page.refresh_from_db()
    assert page.name_es != "TCA CROSS (texto del editor)"


def test_an_english_edit_does_not_stop_the_spanish_from_loading(db, editor):
    clinic_content_load()
    page = Treatment.objects.get(key="bellafill")
    Treatment.objects.filter(pk=page.pk).update(
        updated_by=editor,
        **{f"{name}_es": None for name in bilingual.translated_fields(Treatment)},
    )
    clinic_content_load()
    page.refresh_from_db()
    assert page.name_es  # the Spanish came in although the English is the editor's


def test_a_signed_spanish_page_is_never_reloaded(clinic_content, dermatologist):
    page = ScarType.objects.get(key="rolling")
    spanish_pages_mark_reviewed(pages=[page], user=dermatologist, shown=as_shown_es([page]))
    page.refresh_from_db()
    ScarType.objects.filter(pk=page.pk).update(updated_by=None, summary_es="Otro resumen.")
    clinic_content_load()
    page.refresh_from_db()
    assert page.summary_es == "Otro resumen."


def test_spanish_and_english_are_signed_separately(clinic_content, dermatologist):
    page = Treatment.objects.get(key="ha_filler")
    pages_mark_reviewed(pages=[page], user=dermatologist, shown=as_shown([page]))
    page.refresh_from_db()
    assert page.sign_off_state == SignOffState.SIGNED
    assert bilingual.spanish_sign_off_state(page) == SignOffState.PENDING
    spanish_pages_mark_reviewed(pages=[page], user=dermatologist, shown=as_shown_es([page]))
    page.refresh_from_db()
    assert bilingual.spanish_sign_off_state(page) == SignOffState.SIGNED
    # A Spanish edit leaves the English signed and shows on the Spanish sign-off only.
    page.summary_es = "Un resumen nuevo."
    page.save()
    assert page.sign_off_state == SignOffState.SIGNED
    assert bilingual.spanish_sign_off_state(page) == SignOffState.CHANGED
    # A shared fact (the number of sessions) is in both.
    page.sessions_max += 1
    assert page.sign_off_state == SignOffState.CHANGED


def test_english_sign_offs_and_the_rule_book_read_english_in_any_language(clinic_content):
    page = Treatment.objects.get(key="chemical_peel")
    fit = TreatmentFit.objects.first()
    caution = Caution.objects.prefetch_related("effects__treatment").first()
    with translation.override("en"):
        english = (page.sign_off_entry(), fit.sign_off_entry(), caution.sign_off_entry())
        book = rulebook_snapshot().digest
    with translation.override("es"):
        assert (page.sign_off_entry(), fit.sign_off_entry(), caution.sign_off_entry()) == english
        assert rulebook_snapshot().digest == book
        assert page.name == page.name_es  # while the page itself reads Spanish
    assert "ácido" not in str(english)


def test_publishing_spanish_needs_spanish_text(db):
    clinic_content_load()
    page = Treatment.objects.get(key="subcision")
    for name in bilingual.translated_fields(Treatment):
        setattr(page, f"{name}_es", None)
    page.save()
    published, refused = spanish_pages_publish(pages=[page], user=None)
    assert not published and "no Spanish text" in refused[0][1]


def test_spanish_pages_show_spanish(client, clinic_content):
    html = client.get("/es/learn/treatments/tca-cross/").content.decode()
    page = Treatment.objects.get(key="tca_cross")
    assert page.summary_es in html.replace("&#x27;", "'")
    assert page.summary_en not in html
    english = client.get("/learn/treatments/tca-cross/").content.decode()
    assert page.summary_en.replace("'", "&#x27;") in english


def test_a_spanish_draft_falls_back_to_english_with_a_note(client, clinic_content):
    page = Treatment.objects.get(key="tca_cross")
    Treatment.objects.filter(pk=page.pk).update(
        status_es=PageStatus.DRAFT, summary_es="Borrador sin revisar."
    )
    response = client.get("/es/learn/treatments/tca-cross/")
    html = response.content.decode()
    assert response.context["content_in_english"] is True
    assert "Borrador sin revisar." not in html
    assert page.name_en in html
    # The treatment list shows the English card for it, and Spanish for the others.
    listing = client.get("/es/learn/treatments/").content.decode()
    assert "Borrador sin revisar." not in listing
    assert Treatment.objects.get(key="ha_filler").name_es in listing


def test_the_review_line_is_the_spanish_pages_own(client, clinic_content, dermatologist):
    page = Treatment.objects.get(key="ha_filler")
    spanish_pages_mark_reviewed(pages=[page], user=dermatologist, shown=as_shown_es([page]))
    response = client.get("/es/learn/treatments/" + page.slug + "/")
    review = response.context["review"]
    assert review.is_medically_reviewed and review.reviewer_name == "Dana Lee"
    english = client.get("/learn/treatments/" + page.slug + "/").context["review"]
    assert not english.is_medically_reviewed


@pytest.mark.parametrize(
    "path", ["/learn/", "/learn/treatments/", "/learn/compare/", "/learn/treatments/tca-cross/"]
)
def test_spanish_pages_take_no_more_queries_than_english(
    client, clinic_content, django_assert_max_num_queries, path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as english:
        assert client.get(path).status_code == 200
    with django_assert_max_num_queries(len(english.captured_queries)):
        assert client.get("/es" + path).status_code == 200


def test_a_page_shown_in_english_cannot_be_saved(clinic_content):
    page = Treatment.objects.get(key="tca_cross")
    page.status_es = PageStatus.DRAFT
    bilingual.show_in_language([page], "es")
    assert page.in_english
    with pytest.raises(RuntimeError):
        page.save()


def test_the_sitemap_lists_a_page_in_spanish_only_once_its_spanish_is_published(
    client, clinic_content
):
    Treatment.objects.filter(key="tca_cross").update(status_es=PageStatus.DRAFT)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/es/learn/treatments/tca-cross/" not in xml
    assert "/learn/treatments/tca-cross/" in xml
    assert "/es/learn/treatments/dermal-fillers/" in xml


def test_seeded_spanish_pages_name_the_spanish_reviewer_setting(db, settings):
    settings.CLINIC_CONTENT_REVIEWER_ES = "Equipo médico de Riverside"
    clinic_content_load()
    page = ScarType.objects.get(key="boxcar")
    assert page.reviewer_name_es == "Equipo médico de Riverside"
    assert page.reviewer_name == settings.CLINIC_CONTENT_REVIEWER


def test_staff_preview_the_spanish_page_draft_or_not(client, clinic_content, editor):
    page = Treatment.objects.get(key="tca_cross")
    Treatment.objects.filter(pk=page.pk).update(
        status_es=PageStatus.DRAFT, summary_es="Borrador sin revisar."
    )
    client.force_login(editor)
    admin = client.get(f"/admin/education/treatment/{page.pk}/change/").content.decode()
    assert f"/es/learn/preview/treatments/{page.pk}/" in admin
    response = client.get(f"/es/learn/preview/treatments/{page.pk}/")
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert '<html lang="es">' in html and "Borrador sin revisar." in html
    assert response.context["preview_is_draft"] is True
    english = client.get(f"/learn/preview/treatments/{page.pk}/")
    assert "Borrador sin revisar." not in english.content.decode()


def test_only_a_clinician_with_the_spanish_permission_gets_the_spanish_sign_off_action(
    client, clinic_content, dermatologist
):
    from django.contrib.auth.models import Permission

    client.force_login(dermatologist)
    actions = client.get("/admin/education/treatment/").context["action_form"].fields["action"]
    names = [name for name, _label in actions.choices]
    assert "mark_spanish_reviewed_today" not in names
    dermatologist.user_permissions.add(Permission.objects.get(codename="review_treatment_es"))
    dermatologist = type(dermatologist).objects.get(pk=dermatologist.pk)
    client.force_login(dermatologist)
    actions = client.get("/admin/education/treatment/").context["action_form"].fields["action"]
    assert "mark_spanish_reviewed_today" in [name for name, _label in actions.choices]
