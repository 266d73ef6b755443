"""The intake in Spanish (issue #15): the answers stay choice keys, the intake records the
patient's language, the patient's e-mails come in it (also from the worker), and the
dermatologist still reads English with a language badge."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from education.readability import SPANISH_EASE_MINIMUM, spanish_reading_ease
from fhir.intake_record import intake_bundle
from intake import selectors, tasks
from intake.models import Intake
from intake.questions import QUESTIONS
from tests.intake.answers import VALID_STEPS, submitted_intake

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "intake" / "locale" / "es" / "LC_MESSAGES" / "django.po"


def fill_all_steps_in(client, prefix, overrides=None):
    overrides = overrides or {}
    for slug, data in VALID_STEPS.items():
        response = client.post(f"{prefix}/intake/{slug}/", {**data, **overrides.get(slug, {})})
        assert response.status_code == 302, (slug, response.content.decode()[:2000])


def submit_in(client, prefix):
    check = client.get(f"{prefix}/intake/check/")
    key = check.context["submit_form"].initial["submission_key"]
    return client.post(f"{prefix}/intake/check/", {"submission_key": key, "website": ""})


def test_a_spanish_submit_stores_es_and_choice_keys_only(
    client, clinic_content, mailoutbox, django_capture_on_commit_callbacks
):
    fill_all_steps_in(client, "/es")
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_in(client, "/es")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/intake/guide/")
    intake = Intake.objects.get()
    assert intake.language == "es"
    assert intake.active_acne == "none" and intake.sun_reaction == "type_3"
    looks = sorted(intake.choice_rows.filter(question="scar_looks").values_list("value", flat=True))
    assert looks == ["boxcar", "rolling"]
    # What the rules stored is English whatever the patient's language.
    stored = json.dumps(intake.match_result, ensure_ascii=False)
    assert "usted" not in stored and "¿" not in stored
    # The confirmation: Spanish words, a Spanish guide link.
    (mail,) = mailoutbox
    assert mail.subject.startswith("Sus respuestas llegaron a")
    assert "Su número de referencia es" in mail.body and "Thank you" not in mail.body
    assert re.search(r"https?://[^/\s]+/es/intake/guide/[0-9a-f]+/", mail.body)


def test_an_english_submit_stays_english(
    client, clinic_content, mailoutbox, django_capture_on_commit_callbacks
):
    fill_all_steps_in(client, "")
    with django_capture_on_commit_callbacks(execute=True):
        submit_in(client, "")
    assert Intake.objects.get().language == "en"
    (mail,) = mailoutbox
    assert mail.subject.startswith("Your answers reached")
    assert "Your reference number is" in mail.body
    assert "/es/" not in mail.body and re.search(r"/intake/guide/[0-9a-f]+/", mail.body)


def test_the_worker_sends_in_the_intakes_language_without_a_request(clinic_content, mailoutbox):
    intake = submitted_intake(language="es")
    translation.activate("en")  # what a worker has: no request, the default language
    try:
        tasks.send_intake_confirmation.enqueue(intake_id=intake.pk, site_url="https://c.test/")
    finally:
        translation.deactivate()
    (mail,) = mailoutbox
    assert "Gracias. Sus respuestas llegaron a" in mail.body
    assert "https://c.test/es/intake/guide/" in mail.body
    assert translation.get_language() == settings.LANGUAGE_CODE  # the override was undone


def test_the_finish_later_email_is_in_the_drafts_language(
    client, clinic_content, mailoutbox, django_capture_on_commit_callbacks
):
    client.post("/es/intake/about-you/", VALID_STEPS["about-you"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/intake/your-scars/", {**VALID_STEPS["your-scars"], "later": "1"}
        )
    assert response.status_code == 200, response.status_code
    (mail,) = mailoutbox
    assert mail.subject.startswith("Termine su formulario")
    assert "Abra este enlace" in mail.body
    assert re.search(r"/es/intake/resume/[^/\s]+/", mail.body)


def test_a_form_error_on_a_spanish_step_is_in_spanish_and_keeps_the_answers(client):
    data = {**VALID_STEPS["about-you"], "first_name": "", "last_name": "Pérez Núñez"}
    response = client.post("/es/intake/about-you/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Escriba su nombre." in html and "Enter your first name" not in html
    assert 'value="Pérez Núñez"' in html
    assert "Fecha de nacimiento" in html  # the labels too


def test_the_review_pages_show_english_labels_and_the_language_badge(
    client, clinic_content, dermatologist
):
    spanish = submitted_intake(
        {"health": {"health_conditions": ["other"], "health_other": "Tiroides lenta"}},
        language="es",
    )
    with translation.override("en"):
        english = submitted_intake()
    client.force_login(dermatologist)
    page = client.get(f"/review/{spanish.reference}/").content.decode()
    assert "Patient's language: Spanish" in page
    assert "Cheeks" in page and "Mejillas" not in page
    assert "Tiroides lenta" in page  # free text as typed
    printed = client.get(f"/review/{spanish.reference}/print/").content.decode()
    assert "Patient's language: Spanish" in printed
    queue = client.get("/review/").content.decode()
    assert "Patient's language: Spanish" in queue
    assert "Patient's language" not in client.get(f"/review/{english.reference}/").content.decode()


def test_the_fhir_export_of_a_spanish_intake_is_english_json(client, clinic_content):
    intake = submitted_intake(language="es")
    with translation.override("es"):
        bundle = intake_bundle(intake, now=timezone.now())
    text = json.dumps(bundle, ensure_ascii=False)
    assert '"display": "Cheeks"' in text and "Mejillas" not in text
    assert '"text": "Where are your scars?"' in text


def _guide_groups(intake, language):
    with translation.override(language):
        groups = selectors.guide_reading_list(intake, link=lambda kind, slug: f"/{kind}/{slug}/")
        return [(group.title, group.questions) for group in groups["question_groups"]]


def test_the_guide_prunes_the_same_questions_in_both_languages(clinic_content):
    intake = submitted_intake({"your-scars": {"scar_looks": ["rolling", "boxcar", "ice_pick"]}})
    english, spanish = _guide_groups(intake, "en"), _guide_groups(intake, "es")
    assert [len(questions) for _, questions in spanish] == [
        len(questions) for _, questions in english
    ]
    assert spanish[0][0] == "Para cualquier tratamiento"
    assert "¿Qué pasa si no hago nada?" in spanish[0][1]
    assert "What happens if I do nothing?" in english[0][1]


def _catalog_entries():
    """(msgid, msgstr) of every translated entry of the intake's Spanish catalog."""
    text = CATALOG.read_text(encoding="utf-8")

    def joined(lines):
        return "".join(re.findall(r'"(.*)"', lines)).replace('\\"', '"')

    entries = []
    for block in text.split("\n\n")[1:]:
        msgid = re.search(r"^msgid ((?:\".*\"\n?)+)", block, re.M)
        for msgstr in re.finditer(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", block, re.M):
            entries.append((joined(msgid.group(1)), joined(msgstr.group(1))))
    return entries


# Names the patient must recognise (diseases, a device) that no plainer word replaces.
READABILITY_EXCEPTIONS = {
    "An autoimmune or immune-related condition (for example lupus, scleroderma, vitiligo "
    "or psoriasis)",
}


def test_every_intake_string_is_translated():
    entries = _catalog_entries()
    assert len(entries) > 250
    assert [msgid for msgid, msgstr in entries if not msgstr] == []
    assert '#, fuzzy\nmsgid ""' not in CATALOG.read_text(encoding="utf-8")[:800]


def test_every_longer_spanish_string_is_easy_to_read():
    hard = []
    for msgid, msgstr in _catalog_entries():
        if not msgid or msgid in READABILITY_EXCEPTIONS:
            continue
        # Placeholders are a name or a number when shown: score them as a short word.
        shown = re.sub(r"%\(\w+\)[sd]|\{\w+\}", "Sol", msgstr)
        if len(shown.split()) > 8 and spanish_reading_ease(shown) < SPANISH_EASE_MINIMUM:
            hard.append((round(spanish_reading_ease(shown)), msgstr))
    assert hard == []


def test_the_questions_read_easily_in_spanish_as_a_whole():
    with translation.override("es"):
        text = " ".join(str(q.wording) for q in QUESTIONS)
    assert "¿Dónde tiene sus cicatrices?" in text
    assert spanish_reading_ease(text) >= SPANISH_EASE_MINIMUM


def test_dates_in_spanish_month_names_are_read():
    from intake.date_input import DatePartsField

    field = DatePartsField(name="Fecha", required_message="x")
    assert field.clean(["marzo", "27", "1995"]) == datetime.date(1995, 3, 27)
