"""The editors' admin: every screen opens, filters work, actions and stamps."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from education.levels import PageStatus
from education.models import Caution, ScarType, Treatment, TreatmentFit
from tests.factories import TreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    user = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/education/treatment/",
        "/admin/education/treatment/?status__exact=draft",
        "/admin/education/treatment/?review=overdue",
        "/admin/education/treatment/?review=current",
        "/admin/education/treatment/?signed_off__exact=0",
        "/admin/education/treatment/?q=laser",
        "/admin/education/scartype/",
        "/admin/education/scartype/?kind__exact=raised",
        "/admin/education/scartype/?review=overdue",
        "/admin/education/treatmentfit/",
        "/admin/education/treatmentfit/?level__exact=first_choice",
        "/admin/education/caution/",
        "/admin/education/caution/?q=bellafill",
    ],
)
def test_every_changelist_and_filter_opens(superuser_client, clinic_content, path):
    response = superuser_client.get(path)
    assert response.status_code == 200


def test_every_change_form_opens(superuser_client, clinic_content):
    for model in (Treatment, ScarType, TreatmentFit, Caution):
        obj = model.objects.first()
        opts = model._meta
        url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
        assert superuser_client.get(url).status_code == 200, url
        add_url = f"/admin/{opts.app_label}/{opts.model_name}/add/"
        assert superuser_client.get(add_url).status_code == 200, add_url


def test_change_form_shows_reading_grade_and_preview_link(superuser_client, clinic_content):
    treatment = Treatment.objects.get(key="tca_cross")
    html = superuser_client.get(f"/admin/education/treatment/{treatment.pk}/change/").content
    html = html.decode()
    assert "aim for grade 8.0 or lower" in html
    assert f"/learn/preview/treatments/{treatment.pk}/" in html


def test_hard_text_gets_a_grade_warning(superuser_client):
    treatment = TreatmentFactory(
        what_it_is="Hyaluronic acid dermal filler augmentation demonstrates considerable "
        "variability regarding longevity, contingent upon formulation characteristics."
    )
    html = superuser_client.get(f"/admin/education/treatment/{treatment.pk}/change/").content
    assert b"above grade 8.0" in html


def test_overdue_filter_lists_only_overdue_pages(superuser_client):
    TreatmentFactory(name="Old page", next_review_due=datetime.date(2020, 1, 1))
    TreatmentFactory(name="Fresh page", next_review_due=datetime.date(2999, 1, 1))
    html = superuser_client.get("/admin/education/treatment/?review=overdue").content.decode()
    assert "Old page" in html
    assert "Fresh page" not in html


def test_saving_in_the_admin_stamps_the_editor(superuser_client, clinic_content):
    treatment = Treatment.objects.get(key="tca_cross")
    url = f"/admin/education/treatment/{treatment.pk}/change/"
    form = superuser_client.get(url).context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data["related"] = [related.pk for related in treatment.related.all()]
    data["summary_en"] = "A new summary from the editor."
    data.update(
        {
            "fits-TOTAL_FORMS": "0",
            "fits-INITIAL_FORMS": "0",
            "fits-MIN_NUM_FORMS": "0",
            "fits-MAX_NUM_FORMS": "1000",
        }
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    treatment.refresh_from_db()
    assert treatment.summary == "A new summary from the editor."
    assert treatment.updated_by == superuser_client.user
    # The seed loader now leaves this page alone.
    from education.services import clinic_content_load

    clinic_content_load()
    treatment.refresh_from_db()
    assert treatment.summary == "A new summary from the editor."


def test_editors_cannot_type_a_reviewer_or_review_dates(superuser_client, clinic_content):
    # docs/clinical-rules.md: only the sign-off action writes them; the admin shows them read-only.
    treatment = Treatment.objects.get(key="tca_cross")
    before = (treatment.reviewer_name, treatment.last_reviewed, treatment.next_review_due)
    url = f"/admin/education/treatment/{treatment.pk}/change/"
    form = superuser_client.get(url).context["adminform"].form
    for name in ("reviewer_name", "reviewer_credentials", "last_reviewed", "next_review_due"):
        assert name not in form.fields
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        related=[],
        reviewer_name="Dr Made Up",
        reviewer_credentials="MD",
        signed_off="on",
        last_reviewed="2026-06-01",
        next_review_due="2027-06-01",
    )
    data.update({"fits-TOTAL_FORMS": "0", "fits-INITIAL_FORMS": "0"})
    assert superuser_client.post(url, data).status_code == 302
    treatment.refresh_from_db()
    assert (treatment.reviewer_name, treatment.last_reviewed, treatment.next_review_due) == before
    assert not treatment.signed_off
    assert treatment.reviewer_credentials == ""


def test_publish_action(superuser_client):
    draft = TreatmentFactory(status=PageStatus.DRAFT)
    response = superuser_client.post(
        "/admin/education/treatment/",
        {"action": "publish_pages", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "Published 1 page(s)." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PageStatus.PUBLISHED


def test_mark_reviewed_needs_its_own_permission(client):
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_treatment", "change_treatment"])
    )
    client.force_login(editor)
    page = TreatmentFactory(signed_off=False)
    html = client.get("/admin/education/treatment/").content.decode()
    assert "publish_pages" in html
    assert "mark_reviewed_today" not in html

    editor.user_permissions.add(Permission.objects.get(codename="review_treatment"))
    # The action shows a confirmation first (tests/education/test_page_signoff.py).
    confirmation = client.post(
        "/admin/education/treatment/",
        {"action": "mark_reviewed_today", "_selected_action": [page.pk]},
    )
    assert confirmation.status_code == 200
    client.post(
        "/admin/education/treatment/",
        {
            "action": "mark_reviewed_today",
            "_selected_action": [page.pk],
            "post": "yes",
            f"shown_{page.pk}": page.sign_off_digest(),
        },
    )
    page.refresh_from_db()
    assert page.signed_off
    assert page.reviewer_name == editor.get_full_name()


def test_fit_shows_pending_clinical_review_until_approved(superuser_client, clinic_content):
    html = superuser_client.get("/admin/education/treatmentfit/").content.decode()
    assert "Pending clinical review" in html
    assert TreatmentFit.objects.filter(approved_by="").count() == 56


def test_admin_header_names_the_clinic(superuser_client, settings):
    settings.CLINIC_NAME = "Riverside Skin Clinic"
    html = superuser_client.get("/admin/").content.decode()
    assert "Riverside Skin Clinic admin" in html


def test_a_summary_over_its_limit_is_refused_with_the_count_never_cut(
    superuser_client, clinic_content
):
    treatment = Treatment.objects.get(key="tca_cross")
    url = f"/admin/education/treatment/{treatment.pk}/change/"
    page = superuser_client.get(url)
    html = page.content.decode()
    # No maxlength for the browser to cut a paste with; the counter reads data-max-length.
    assert 'name="summary_en"' in html and 'data-max-length="200"' in html
    assert 'maxlength="200"' not in html
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"related": [], "summary_en": "x" * 230})
    data.update({"fits-TOTAL_FORMS": "0", "fits-INITIAL_FORMS": "0"})
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is 230 characters long; the limit is 200. Nothing was cut" in html
    assert "x" * 230 in html  # what was typed is shown again, whole
    treatment.refresh_from_db()
    assert treatment.summary != "x" * 230


def test_keys_and_slugs_are_read_only_once_created(superuser_client, clinic_content):
    for model, fields in ((Treatment, {"key", "slug"}), (ScarType, {"key", "slug"})):
        obj = model.objects.first()
        opts = model._meta
        change = superuser_client.get(f"/admin/education/{opts.model_name}/{obj.pk}/change/")
        assert not fields & set(change.context["adminform"].form.fields), opts.model_name
        add = superuser_client.get(f"/admin/education/{opts.model_name}/add/")
        assert fields <= set(add.context["adminform"].form.fields), opts.model_name
    caution = Caution.objects.first()
    change = superuser_client.get(f"/admin/education/caution/{caution.pk}/change/")
    assert "key" not in change.context["adminform"].form.fields


def test_content_editors_keep_the_search_synonyms(client, editor, clinic_content):
    """The synonym list is the editors' to extend (issue 14), granted by a migration."""
    client.force_login(editor)
    assert client.get("/admin/education/searchsynonym/").status_code == 200
    assert client.get("/admin/education/searchsynonym/add/").status_code == 200
