"""fhir/questionnaire.py: the Questionnaire is the question registry, as valid R4."""

import pytest

from fhir import codes, questionnaire
from intake.questions import QUESTIONS, Kind
from intake.steps import STEPS
from tests.fhir.validate import assert_valid_r4


def _items(resource):
    return {item["linkId"]: item for group in resource["item"] for item in group["item"]}


def test_the_questionnaire_is_valid_r4_and_round_trips():
    resource = questionnaire.questionnaire(version="abc123")
    assert_valid_r4(resource)
    assert resource["url"] == codes.questionnaire_url()
    assert resource["version"] == "abc123"


def test_every_question_is_an_item_keyed_by_its_question_key_grouped_by_step():
    resource = questionnaire.questionnaire(version="1")
    assert [group["linkId"] for group in resource["item"]] == [step.slug for step in STEPS]
    assert [group["text"] for group in resource["item"]] == [step.title for step in STEPS]
    for group in resource["item"]:
        assert {item["linkId"] for item in group["item"]} == {
            q.key for q in QUESTIONS if q.step == group["linkId"]
        }
    assert list(_items(resource)) == [q.key for q in QUESTIONS]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.key)
def test_each_item_has_the_forms_type_required_repeats_and_options(question):
    item = _items(questionnaire.questionnaire(version="1"))[question.key]
    assert item["type"] == questionnaire.ITEM_TYPE[question.kind]
    assert item["required"] is question.required
    assert item.get("repeats", False) is question.multi
    assert item["text"] == question.wording
    if question.choices is None:
        assert "answerOption" not in item
        return
    options = [option["valueCoding"] for option in item["answerOption"]]
    assert [(o["code"], o["display"]) for o in options] == list(question.choices.choices)
    assert {o["system"] for o in options} == {codes.choice_system(question.choices)}
    exclusive = [
        option["valueCoding"]["code"]
        for option in item["answerOption"]
        if option.get("extension")
        == [{"url": codes.OPTION_EXCLUSIVE_EXTENSION, "valueBoolean": True}]
    ]
    assert exclusive == [value for value in question.choices.values if value in question.exclusive]


def test_kinds_map_to_r4_item_types():
    assert questionnaire.ITEM_TYPE[Kind.MULTI] == "choice"
    assert questionnaire.ITEM_TYPE[Kind.DATE] == "date"
    assert questionnaire.ITEM_TYPE[Kind.CONSENT] == "boolean"
    assert set(questionnaire.ITEM_TYPE) == set(Kind)


def test_code_systems_sit_under_the_clinics_canonical_base(settings):
    settings.SITE_URL = "https://clinic.example.org/"
    from intake.choices import ScarLook

    assert codes.choice_system(ScarLook) == "https://clinic.example.org/fhir/CodeSystem/scar-look"
    assert codes.questionnaire_url() == (
        "https://clinic.example.org/fhir/Questionnaire/acne-scar-intake"
    )


def test_a_translation_adds_the_core_translation_extension(monkeypatch):
    """The hook the Spanish issue uses: a language and a lookup, nothing else changes."""
    monkeypatch.setattr(questionnaire, "LANGUAGES", ("es",))
    spanish = {"Yes": "Sí", "Your scars": "Sus cicatrices"}
    resource = questionnaire.questionnaire(
        version="1", translate=lambda text, language: spanish.get(text)
    )
    assert_valid_r4(resource)
    scars = next(group for group in resource["item"] if group["linkId"] == "your-scars")
    assert scars["_text"]["extension"][0]["url"] == codes.TRANSLATION_EXTENSION
    assert scars["_text"]["extension"][0]["extension"] == [
        {"url": "lang", "valueCode": "es"},
        {"url": "content", "valueString": "Sus cicatrices"},
    ]
    yes = _items(resource)["smokes"]["answerOption"][0]["valueCoding"]
    assert yes["display"] == "Yes" and yes["_display"]["extension"][0]["extension"][1] == {
        "url": "content",
        "valueString": "Sí",
    }
    # Text with no translation yet stays English only.
    assert "_text" not in _items(resource)["first_name"]
