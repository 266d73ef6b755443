"""The intake questionnaire as a FHIR R4 ``Questionnaire``, generated from the question
registry (``intake/questions.py``): one group per step, in the order the patient sees them,
one item per question with the question key as its ``linkId``.

Translations: every patient-facing text (an item's ``text``, an option's ``display``) goes
through ``_text_element``, which writes the English text and adds the core ``translation``
extension for each language ``translate`` knows. ``catalog_translation`` looks the English
text up in the app's message catalog (intake/locale); it is not switched on yet (LANGUAGES is
empty), so the Questionnaire stays as it was (issue #15; docs/fhir.md).
"""

from collections.abc import Callable

from django.conf import settings
from django.utils import translation

from fhir import codes
from intake.questions import QUESTIONS, Kind, Question

# (English text, language) -> the text in that language, or None when it has none yet.
Translate = Callable[[str, str], str | None]
# Empty: the Questionnaire carries no translation extension yet. ("es",) with
# ``translate=catalog_translation`` adds the Spanish wording from the intake's catalog.
LANGUAGES: tuple[str, ...] = ()


def no_translation(text: str, language: str) -> str | None:
    return None


def catalog_translation(text: str, language: str) -> str | None:
    """``text`` (an English msgid) in ``language`` from the message catalogs, or None."""
    with translation.override(language):
        translated = translation.gettext(text)
    return translated if translated != text else None


ITEM_TYPE = {
    Kind.SINGLE: "choice",
    Kind.MULTI: "choice",
    Kind.NAME: "string",
    Kind.EMAIL: "string",
    Kind.PHONE: "string",
    Kind.DATE: "date",
    Kind.TEXT: "text",
    Kind.CONSENT: "boolean",
    Kind.SIGNATURE: "string",
}


def _text_element(name: str, text: str, translate: Translate) -> dict:
    """``{name: text}``, plus ``_name`` with one translation extension per language."""
    with translation.override("en"):
        text = str(text)  # the registry's texts are lazy: the record keeps the English
    element = {name: text}
    translations = [
        {
            "url": codes.TRANSLATION_EXTENSION,
            "extension": [
                {"url": "lang", "valueCode": language},
                {"url": "content", "valueString": translated},
            ],
        }
        for language in LANGUAGES
        if (translated := translate(text, language))
    ]
    if translations:
        element[f"_{name}"] = {"extension": translations}
    return element


def _option(question: Question, value: str, label: str, translate: Translate) -> dict:
    option = {
        "valueCoding": {
            "system": codes.choice_system(question.choices),
            "code": value,
            **_text_element("display", label, translate),
        }
    }
    if value in question.exclusive:
        option["extension"] = [{"url": codes.OPTION_EXCLUSIVE_EXTENSION, "valueBoolean": True}]
    return option


def question_item(question: Question, translate: Translate = no_translation) -> dict:
    item = {
        "linkId": question.key,
        "prefix": question.domain_id,
        **_text_element("text", question.wording, translate),
        "type": ITEM_TYPE[question.kind],
        "required": question.required,
    }
    if question.multi:
        item["repeats"] = True
    if question.max_length and question.kind not in (Kind.SINGLE, Kind.MULTI):
        item["maxLength"] = question.max_length
    if question.choices is not None:
        item["answerOption"] = [
            _option(question, value, label, translate) for value, label in question.choices.choices
        ]
    if question.hint:
        item["item"] = [
            {
                "linkId": f"{question.key}.hint",
                **_text_element("text", question.hint, translate),
                "type": "display",
            }
        ]
    return item


def steps() -> list[tuple[str, str]]:
    """(slug, title) of each step in the form's order; a step the form lacks keeps its slug."""
    from intake.steps import STEPS

    titles = {step.slug: step.title for step in STEPS}
    order = [step.slug for step in STEPS]
    for question in QUESTIONS:
        if question.step not in order:
            order.append(question.step)
    return [(slug, titles.get(slug, slug)) for slug in order]


def questionnaire(*, version: str, translate: Translate = no_translation) -> dict:
    """The Questionnaire for rule book ``version`` (every intake names the version it was
    answered under, so its QuestionnaireResponse points at exactly this)."""
    groups = []
    for slug, title in steps():
        items = [question_item(q, translate) for q in QUESTIONS if q.step == slug]
        if items:
            groups.append(
                {
                    "linkId": slug,
                    **_text_element("text", title, translate),
                    "type": "group",
                    "item": items,
                }
            )
    return {
        "resourceType": "Questionnaire",
        "id": codes.QUESTIONNAIRE_ID,
        "url": codes.questionnaire_url(),
        "version": version,
        "name": "AcneScarIntake",
        "title": f"{settings.CLINIC_NAME}: acne scar intake",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": settings.CLINIC_NAME,
        "description": "The questions a patient answers before a visit about acne scars. "
        "The version is the clinical rule book version the answers were read with.",
        "language": "en-US",
        "item": groups,
    }
