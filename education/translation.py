"""Which education fields have a Spanish version (django-modeltranslation).

Each registered field gets `<name>_en` and `<name>_es` columns on the same row, so a page
in either language is still one query. Reading `treatment.name` gives the active
language's text, and the English where the Spanish is empty (MODELTRANSLATION_FALLBACK_LANGUAGES).

Clinical sign-offs and matching always read the `_en` columns explicitly (education.bilingual):
the English words are what the dermatologist signs; the Spanish page has its own sign-off.
Staff-only text (a caution's clinician note and "raised by") has no Spanish version.
"""

from modeltranslation.translator import TranslationOptions, register

from education.models import Caution, ScarType, Treatment, TreatmentFit


@register(ScarType)
class ScarTypeTranslation(TranslationOptions):
    fields = ("name", "clinical_name", "summary", "description", "how_to_recognise", "you_said")


@register(Treatment)
class TreatmentTranslation(TranslationOptions):
    fields = (
        "name", "summary", "what_it_is", "how_it_works", "visit", "sessions_text",
        "downtime_text", "results_show", "results_last", "side_effects", "rare_risks",
        "approval_note", "limits", "questions", "cost_note",
    )  # fmt: skip


@register(TreatmentFit)
class TreatmentFitTranslation(TranslationOptions):
    fields = ("reason",)


@register(Caution)
class CautionTranslation(TranslationOptions):
    fields = ("title", "patient_wording", "not_sure_wording", "public_wording", "question")
