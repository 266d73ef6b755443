"""The Spanish of the rule book's wordings is signed on its own screen, and a Spanish guide
says so until it is."""

import pytest
from django.contrib.auth.models import Permission

from education.models import Caution, SpanishWordingVersion, TreatmentFit
from education.selectors import rulebook_snapshot
from education.services import rulebook_sign_off
from education.signoff import digest
from education.spanish_signoff import (
    SpanishWordingsChanged,
    spanish_wording_state,
    spanish_wordings,
    spanish_wordings_sign_off,
)
from tests.intake.answers import VALID_STEPS

pytestmark = pytest.mark.django_db
SCREEN = "/admin/education/spanishwordingversion/"
NOTE = "Aún no se revisó en español."


def spanish_guide(client):
    for slug, data in VALID_STEPS.items():
        assert client.post(f"/es/intake/{slug}/", data).status_code == 302
    check = client.get("/es/intake/check/")
    key = check.context["submit_form"].initial["submission_key"]
    response = client.post("/es/intake/check/", {"submission_key": key, "website": ""})
    return response["Location"]


def test_the_wordings_cover_every_fit_and_caution_and_any_edit_changes_them(clinic_content):
    wordings = spanish_wordings()
    assert len(wordings["fits"]) == TreatmentFit.objects.count()
    assert set(wordings["cautions"]) == set(Caution.objects.values_list("key", flat=True))
    before = digest(wordings)
    fit = TreatmentFit.objects.first()
    fit.reason_es = fit.reason_es + " Otra frase."
    fit.save()
    assert digest(spanish_wordings()) != before


def test_a_stale_screen_signs_nothing(clinic_content, dermatologist):
    with pytest.raises(SpanishWordingsChanged):
        spanish_wordings_sign_off(user=dermatologist, expected_digest="0" * 64)
    assert not SpanishWordingVersion.objects.exists()


def test_only_the_spanish_permission_signs_on_the_screen(client, clinic_content, dermatologist):
    client.force_login(dermatologist)
    state = spanish_wording_state()
    assert client.post(SCREEN, {"digest": state.digest}).status_code == 403
    dermatologist.user_permissions.add(Permission.objects.get(codename="sign_off_spanish_wordings"))
    client.force_login(type(dermatologist).objects.get(pk=dermatologist.pk))
    page = client.get(SCREEN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Pending review in Spanish" in html
    assert TreatmentFit.objects.first().reason_es in html
    assert client.post(SCREEN, {"digest": state.digest}).status_code == 302
    assert spanish_wording_state().is_signed
    assert "Signed off." in client.get(SCREEN).content.decode()


def test_a_spanish_guide_says_its_spanish_is_not_checked_until_signed(
    client, clinic_content, dermatologist
):
    rulebook_sign_off(user=dermatologist, expected_digest=rulebook_snapshot().digest)
    guide = spanish_guide(client)
    assert NOTE in client.get(guide).content.decode()
    spanish_wordings_sign_off(user=dermatologist, expected_digest=spanish_wording_state().digest)
    assert NOTE not in client.get(guide).content.decode()
    # A later Spanish edit brings the note back.
    caution = Caution.objects.first()
    caution.patient_wording_es = caution.patient_wording_es + " Más."
    caution.save()
    assert NOTE in client.get(guide).content.decode()


def test_an_english_guide_never_says_it(client, clinic_content, dermatologist):
    from tests.intake.answers import fill_all_steps, submission_key

    rulebook_sign_off(user=dermatologist, expected_digest=rulebook_snapshot().digest)
    fill_all_steps(client)
    response = client.post(
        "/intake/check/", {"submission_key": submission_key(client), "website": ""}
    )
    html = client.get(response["Location"]).content.decode()
    assert "Not yet checked in Spanish" not in html and NOTE not in html
