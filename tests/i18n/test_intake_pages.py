"""The intake pages in Spanish (issue #15): the start page, each step, an error, the language
switch that keeps what was typed on a step, and the guide's "why" sentences shown in Spanish
while the stored match stays English."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from intake.drafts import TYPED_KEY
from intake.models import Draft, Intake
from intake.rules import wording
from intake.steps import STEPS
from tests.i18n import page  # noqa: E402
from tests.intake.answers import VALID_STEPS

pytestmark = pytest.mark.django_db


def test_the_spanish_start_page_is_in_spanish(client):
    html = page(client, "/es/intake/")
    assert '<html lang="es">' in html
    assert "Su formulario antes de la cita" in html
    assert "Este formulario no es para emergencias." in html
    assert "Empezar ahora" in html
    assert "Your pre-visit form" not in html and "Start now" not in html


def test_the_english_start_page_is_unchanged(client):
    html = page(client, "/intake/")
    assert '<html lang="en">' in html
    assert "<h1>Your pre-visit form</h1>" in html
    assert "This form is not for emergencies." in html
    assert "Su formulario" not in html


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_each_spanish_step_is_in_spanish(client, number):
    for step in STEPS[: number - 1]:  # the earlier steps answered, as a patient gets here
        assert client.post(f"/es/intake/{step.slug}/", VALID_STEPS[step.slug]).status_code == 302
    step = STEPS[number - 1]
    html = page(client, f"/es/intake/{step.slug}/")
    assert '<html lang="es">' in html
    assert f"Paso {number} de {len(STEPS)}" in html
    assert ">Volver</a>" in html
    assert "Seguir" in html and "Guardar y terminar luego" in html
    assert "Continue" not in html and "Save and finish later" not in html
    with translation.override("es"):
        assert f"<h1>{step.title}</h1>" in html


def test_an_english_step_is_unchanged(client):
    html = page(client, "/intake/about-you/")
    assert '<html lang="en">' in html
    assert re.search(r'id="step-count">\s*Step 1 of \d+\s*</p>', html)
    assert ">Back</a>" in html and "Continue" in html and "Save and finish later" in html
    assert "Seguir" not in html


def test_a_spanish_step_with_a_missing_answer_shows_the_spanish_error_and_keeps_the_rest(client):
    data = {**VALID_STEPS["about-you"], "last_name": "", "first_name": "Lucía"}
    response = client.post("/es/intake/about-you/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>\n  Error:" in html or "<title>Error:" in html
    assert "Escriba su apellido." in html and "Enter your last name" not in html
    assert 'value="Lucía"' in html
    assert f'value="{VALID_STEPS["about-you"]["email"]}"' in html


def test_the_check_page_is_in_spanish(client):
    for slug, data in VALID_STEPS.items():
        client.post(f"/es/intake/{slug}/", data)
    html = page(client, "/es/intake/check/")
    assert "<h1>Revise sus respuestas</h1>" in html
    assert "Enviar mis respuestas" in html and "Cambiar" in html
    assert "las respuestas de la parte" in html


# -- The language switch on a step -----------------------------------------------------


def switch_button(path, language):
    """The step page's switcher as base.html's language_switcher block shows it."""
    request = RequestFactory().get(path)
    with translation.override(language):
        request.resolver_match = resolve(path)
        return render_to_string(
            "includes/language_switcher.html", {"form_id": "step-form"}, request=request
        )


def test_the_switcher_on_a_step_is_a_button_of_the_step_form():
    html = switch_button("/es/intake/your-scars/", "es")
    button = re.search(r"<button[^>]*>\s*English\s*</button>", html).group(0)
    for attribute in (
        'form="step-form"',
        'type="submit"',
        'name="switch_language"',
        'value="en"',
        'lang="en"',
        "formnovalidate",
    ):
        assert attribute in button
    assert "Español" in html and 'value="es"' not in html  # the current one is no button
    assert 'aria-label="Idioma"' in html


def test_the_step_form_is_the_one_the_switch_button_names(client):
    assert 'id="step-form"' in page(client, "/intake/about-you/")


def test_switching_language_on_a_step_keeps_what_was_typed_there_and_back(client, caplog):
    assert client.post("/intake/about-you/", VALID_STEPS["about-you"]).status_code == 302
    typed = {"scar_locations": ["cheeks", "chin_jaw"], "scar_looks": ["ice_pick"]}  # not finished
    response = client.post("/intake/your-scars/?return=check", {**typed, "switch_language": "es"})
    assert response.status_code == 302
    assert response["Location"] == "/es/intake/your-scars/?return=check"

    html = page(client, response["Location"])
    assert '<html lang="es">' in html
    for value in ("cheeks", "chin_jaw", "ice_pick"):
        assert re.search(rf'value="{value}"[^>]*checked', html), value
    assert "error-summary" not in html and "Hay un problema" not in html  # nothing judged yet

    # Back to English with one more answer typed in Spanish: nothing is lost either way.
    more = {**typed, "scar_duration": "one_to_five_years", "switch_language": "en"}
    response = client.post("/es/intake/your-scars/?return=check", more)
    assert response["Location"] == "/intake/your-scars/?return=check"
    html = page(client, response["Location"])
    assert '<html lang="en">' in html
    for value in ("cheeks", "chin_jaw", "ice_pick", "one_to_five_years"):
        assert re.search(rf'value="{value}"[^>]*checked', html), value

    # The step is still unanswered, the earlier step still answered.
    draft = Draft.objects.get()
    assert "your-scars" not in draft.step_data
    assert draft.step_data["about-you"]["first_name"] == [VALID_STEPS["about-you"]["first_name"]]
    # Sent with Continue, the step is saved as usual and the unchecked copy is gone.
    response = client.post("/intake/your-scars/", VALID_STEPS["your-scars"])
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.step_data["your-scars"]["scar_looks"] == VALID_STEPS["your-scars"]["scar_looks"]
    assert TYPED_KEY not in draft.step_data
    assert "ice_pick" not in caplog.text and "chin_jaw" not in caplog.text


def test_switching_on_the_first_step_of_a_new_form_keeps_the_typed_name(client):
    response = client.post(
        "/es/intake/about-you/", {"first_name": "Lucía", "email": "", "switch_language": "en"}
    )
    assert response["Location"] == "/intake/about-you/"
    html = page(client, "/intake/about-you/")
    assert 'value="Lucía"' in html
    assert "Enter your last name" not in html  # typed, not judged
    assert page(client, "/intake/").count("Carry on with your answers") == 1
    assert Draft.objects.get().step_data.keys() == {TYPED_KEY}


def test_an_unknown_language_is_an_ordinary_continue(client):
    response = client.post(
        "/intake/about-you/", {**VALID_STEPS["about-you"], "switch_language": "fr"}
    )
    assert response["Location"] == "/intake/your-scars/"


# -- The guide --------------------------------------------------------------------------

GUIDE_OVERRIDES = {
    "your-scars": {"scar_looks": ["rolling", "hypertrophic"], "stretch_test": "yes"},
    "your-skin": {"keloid_self": "yes"},
    "goals": {"time_off": "none"},
}


def guide_in(client, prefix):
    for slug, data in VALID_STEPS.items():
        response = client.post(
            f"{prefix}/intake/{slug}/", {**data, **GUIDE_OVERRIDES.get(slug, {})}
        )
        assert response.status_code == 302, slug
    check = client.get(f"{prefix}/intake/check/")
    key = check.context["submit_form"].initial["submission_key"]
    response = client.post(f"{prefix}/intake/check/", {"submission_key": key, "website": ""})
    assert response.status_code == 302
    return page(client, response["Location"])


def stored_sentences(intake):
    result = intake.match_result
    items = [*result["suggestions"], *result["other_options"], *result["not_suggested"]]
    return [*result["notes"], *(reason for item in items for reason in item["reasons"])]


def test_a_spanish_guide_shows_spanish_why_sentences_and_stores_english(client, clinic_content):
    html = guide_in(client, "/es")
    intake = Intake.objects.get()
    stored = stored_sentences(intake)
    # Stored as the dermatologist reads them, in English.
    assert wording.RAISED_SCARS_NOTE in stored
    assert any(
        s.startswith("Bellafill is usually not used for people who get thick") for s in stored
    )
    assert any(s.startswith("This usually needs ") for s in stored)
    assert not any("Usted" in s for s in stored)
    # Shown to the patient in Spanish.
    assert "Las cicatrices altas se tratan de otra forma que los hundidos." in html
    assert "Bellafill no se suele usar en personas a las que les salen cicatrices gruesas" in html
    assert "Para sanar, esto suele tomar " in html
    assert "Usted dijo que no tiene días libres después de una visita." in html
    assert "Su lista de lectura" in html and "Qué pasa ahora" in html
    for sentence in (wording.RAISED_SCARS_NOTE, "You said you have no time off after a visit."):
        assert sentence not in html


def test_an_english_guide_shows_the_stored_sentences(client, clinic_content):
    html = guide_in(client, "")
    for sentence in stored_sentences(Intake.objects.get()):
        assert sentence.replace("'", "&#x27;") in html
    assert "What happens next" in html and "Usted" not in html


def test_stored_sentences_built_from_templates_are_shown_in_spanish():
    needs = wording.DOWNTIME_NOTE.format(
        downtime=wording.DAY_RANGE.format(low=3, high=7),
        said="You said you have no time off after a visit.",
    )
    question = wording.CAUTION_QUESTION_FALLBACK.format(title="Smoking")
    with translation.override("es"):
        assert wording.shown_sentence(needs) == (
            "Para sanar, esto suele tomar de 3 a 7 días. "
            "Usted dijo que no tiene días libres después de una visita."
        )
        assert wording.shown_sentence(question, {"Smoking": "Fumar"}) == (
            "¿Cómo cambia esto mis opciones: Fumar?"
        )
        assert wording.shown_sentence("A sentence no catalog knows.") == (
            "A sentence no catalog knows."
        )
    with translation.override("en"):
        assert wording.shown_sentence(needs) == needs
        assert wording.shown_sentence(question) == "How does this change my options: Smoking?"


def test_enter_in_a_step_field_means_continue_not_switch_language(client, clinic_content):
    # The form's default button is its first submit button in document order: it must be
    # the nameless Continue, not a language switch (those come before the form).
    html = client.get("/es/intake/about-you/").content.decode()
    body = html[html.index("<body") :]
    buttons = re.findall(r"<button\b[^>]*>", body)
    step_buttons = [tag for tag in buttons if 'form="step-form"' in tag or 'type="submit"' in tag]
    assert step_buttons and "name=" not in step_buttons[0] and "hidden" in step_buttons[0]
