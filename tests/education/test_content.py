"""The seeded content: complete, balanced and plain (docs/clinical-rules.md)."""

import re

import pytest

from education.levels import FitLevel
from education.models import Caution, ScarType, Treatment, TreatmentFit
from education.readability import GRADE_LIMIT, page_text, reading_grade

pytestmark = pytest.mark.django_db

# The fit table, written out again so a change to the seed files is a deliberate one.
MATRIX = {
    # Bellafill is not called "first choice" for rolling scars (subcision usually
    # comes first, docs/clinical-rules.md), so it "can help"; the HA filler row keeps
    # the matrix's first choice.
    "ha_filler": "not_used limited first_choice not_used not_used not_used not_used",
    "bellafill": "not_used limited can_help not_used not_used not_used not_used",
    "fractional_laser": (
        "limited first_choice can_help specialist_only specialist_only limited limited"
    ),
    "chemical_peel": "limited limited limited not_used not_used can_help limited",
    "tca_cross": "first_choice can_help not_used not_used not_used not_used not_used",
    "rf_microneedling": "can_help can_help can_help not_used not_used limited limited",
    "pdo_threads": "not_used limited limited not_used not_used not_used not_used",
    "subcision": "not_used limited first_choice not_used not_used not_used not_used",
}
SCAR_ORDER = ["ice_pick", "boxcar", "rolling", "hypertrophic", "keloid", "pih", "pie"]
BANNED = [
    r"\bbest\b", "permanent cure", "guaranteed", "painless", "no downtime",
    "safe for everyone", "cutting-edge", r"\berase", r"\bcures?\b",
]  # fmt: skip


def all_pages():
    return [*Treatment.objects.all(), *ScarType.objects.all()]


def test_fit_matrix_matches_domain(clinic_content):
    found = {
        (fit.treatment.key, fit.scar_type.key): fit.level
        for fit in TreatmentFit.objects.select_related("treatment", "scar_type")
    }
    expected = {
        (treatment, scar): level
        for treatment, levels in MATRIX.items()
        for scar, level in zip(SCAR_ORDER, levels.split(), strict=True)
    }
    assert found == expected


def test_every_page_reads_at_or_below_grade_eight(clinic_content):
    grades = {page.key: page.reading_grade for page in all_pages()}
    too_hard = {key: grade for key, grade in grades.items() if grade > GRADE_LIMIT}
    assert too_hard == {}
    assert len(grades) == 15


def test_fit_reasons_and_caution_wording_read_at_or_below_grade_eight(clinic_content):
    reasons = page_text(TreatmentFit.objects.values_list("reason", flat=True))
    wording = page_text(Caution.objects.values_list("patient_wording", flat=True))
    public = page_text(Caution.objects.values_list("public_wording", flat=True))
    assert reading_grade(reasons) <= GRADE_LIMIT
    assert reading_grade(wording) <= GRADE_LIMIT
    assert reading_grade(public) <= GRADE_LIMIT


def test_public_caution_wording_speaks_to_any_reader(clinic_content):
    # The explainers are read by everyone: "If you…", never the guide's "You said…".
    wordings = dict(Caution.objects.values_list("key", "public_wording"))
    assert wordings and all(wordings.values()), wordings
    for key, text in wordings.items():
        assert re.search(r"\bif your?\b", text, flags=re.IGNORECASE), key
        assert not re.search(r"\byou (said|told us|have an implant)\b", text, re.I), key


def test_no_promises_or_banned_words(clinic_content):
    texts = [page_text(page.patient_text_parts()) for page in all_pages()]
    texts += list(TreatmentFit.objects.values_list("reason", flat=True))
    texts += list(Caution.objects.values_list("patient_wording", flat=True))
    texts += list(Caution.objects.values_list("public_wording", flat=True))
    hits = [
        (pattern, text[:60])
        for text in texts
        for pattern in BANNED
        if re.search(pattern, text, flags=re.IGNORECASE)
    ]
    assert hits == []


def test_caution_wording_never_tells_anyone_to_stop_a_medicine(clinic_content):
    cautions = list(Caution.objects.all())
    assert cautions  # a loop over nothing would pass
    for caution in cautions:
        for wording in (caution.patient_wording.lower(), caution.public_wording.lower()):
            assert "you can't" not in wording and "you cannot" not in wording
            assert not re.search(r"(?<!do not )(?<!don't )\bstop (taking|your)", wording), (
                caution.key
            )


def test_every_treatment_is_balanced(clinic_content):
    treatments = list(Treatment.objects.all())
    assert treatments  # a loop over nothing would pass
    for treatment in treatments:
        assert treatment.side_effect_list, treatment.key
        assert treatment.rare_risk_list, treatment.key
        assert treatment.limits and treatment.downtime_text, treatment.key
        assert treatment.question_list, treatment.key


def test_bellafill_is_contraindicated_by_its_label_cautions(clinic_content):
    contraindicated = set(
        Caution.objects.filter(
            effects__treatment__key="bellafill", effects__severity="contraindicated"
        ).values_list("key", flat=True)
    )
    assert {
        "keloid_tendency", "bleeding_disorder", "bovine_collagen_allergy",
        "lidocaine_allergy", "severe_allergy_history",
    } <= contraindicated  # fmt: skip


def test_every_scar_type_has_a_fit_with_every_treatment(clinic_content):
    for scar_type in ScarType.objects.all():
        assert scar_type.fits.count() == Treatment.objects.count()
    assert FitLevel.FIRST_CHOICE in set(TreatmentFit.objects.values_list("level", flat=True))


EMERGENCY = "Call 911 or go to the nearest emergency room right away, then call the clinic."


@pytest.mark.parametrize("key", ["ha_filler", "bellafill"])
def test_filler_warning_signs_are_an_emergency(clinic_content, key):
    # Never only "call the clinic" for vision changes or pale skin (a filler emergency).
    text = page_text(Treatment.objects.get(key=key).patient_text_parts())
    assert EMERGENCY in text
    assert "Call the clinic right away" not in text


def test_content_corrections_of_the_first_clinical_review(clinic_content):
    pages = {page.key: page_text(page.patient_text_parts()) for page in all_pages()}
    assert (
        "RF microneedling is usually not used if you have a pacemaker, defibrillator or other "
        "electronic implant, or gold threads in your face"
    ) in pages["rf_microneedling"]
    bellafill = pages["bellafill"]
    assert "In studies of Bellafill for smile lines, about 1 or 2 in 100" in bellafill
    assert "a laser, a peel or a similar treatment is safe over skin with Bellafill" in bellafill
    assert "subcision" in pages["rolling"].lower()
    assert "vascular lasers" in pages["fractional_laser"]
    for mark in ("pih", "pie"):
        assert "daily sunscreen comes first" in pages[mark].lower(), mark
        assert "creams" in pages[mark] and "often fade" in pages[mark], mark
    assert not TreatmentFit.objects.filter(
        scar_type__key="rolling",
        treatment__key="bellafill",
        level="first_choice",
    ).exists()
