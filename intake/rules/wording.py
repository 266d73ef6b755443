"""Patient-facing sentences the rules write themselves, because they depend on the answers
rather than on one admin-edited row (docs/clinical-rules.md, "Wording")."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Marks the guide questions for the catalog only: they are stored in English and translated
# when the guide is shown (intake/selectors.py).
from django.utils.translation import gettext_noop

from intake.choices import (
    ScarLocation,
    ScarLook,
    StretchTest,
    TimeOff,
    TreatmentKey,
    VisitsPossible,
)
from intake.rules.answers import FILLER_TREATMENTS

if TYPE_CHECKING:
    from intake.rules.answers import Answers
    from intake.rules.results import CautionText, TreatmentFacts

SEVERAL_SCAR_TYPES_REASON = "This is used for several scar types."
STRETCH_SOFT_NOTE = (
    "You said the dents get shallower when you stretch the skin. That is a sign of soft "
    "scars, the kind fillers work on most."
)
STRETCH_SOME_NOTE = (
    "You said some dents get shallower when you stretch the skin. Fillers work mainly on "
    "those soft ones."
)
STRETCH_FIRM_NOTE = (
    "You said the dents stay the same when you stretch the skin. Fillers usually help less "
    "with scars like that."
)
BELLAFILL_CHEEKS_NOTE = "Bellafill is approved for scars on the cheeks. Ask about other areas."
HAD_BEFORE_NOTE = "You've had this before. Tell your dermatologist how it went."
QUESTION_WHICH_SCAR_TYPES = gettext_noop("Which scar types do I have?")
QUESTION_SUBCISION = gettext_noop("Could subcision help?")

RAISED_SCARS_NOTE = (
    "Raised scars are treated in other ways than dents, for example with injections, silicone "
    "or some lasers. Your dermatologist will talk with you about them."
)
MARKS_FADE_NOTE = "Flat marks are not true scars. They often fade over months."
MARKS_FIRST_STEPS_NOTE = (
    "Daily sunscreen comes first, and some creams can help marks fade. Ask your dermatologist "
    "which creams suit your skin."
)
MARKS_WAITING_NOTE = (
    "You said you have had them for less than a year. Marks that new may still fade on their "
    "own, so waiting is a real option."
)
RED_MARKS_NOTE = (
    "For red or purple marks, lasers made for redness (vascular lasers) are what is usually "
    "used, not a fractional laser. Your dermatologist will say if the clinic offers one."
)

# Why a contraindicated treatment is "usually not used for people who answered as you did",
# in the patient's terms. {name} is the treatment's name.
NOT_SUGGESTED_BECAUSE = {
    "keloid_tendency": (
        "{name} is usually not used for people who get thick, raised scars, and you told us "
        "about raised scars in you or your family."
    ),
    "bleeding_disorder": (
        "{name} is usually not used for people who bleed or bruise easily, and you said you do."
    ),
    "bovine_collagen_allergy": (
        "{name} is usually not used for people allergic to beef or collagen, and you said you "
        "are. Bellafill has cow collagen in it."
    ),
    "lidocaine_allergy": (
        "{name} is usually not used for people allergic to numbing medicine (lidocaine), and "
        "you said you are."
    ),
    "severe_allergy_history": (
        "{name} is usually not used for people who have had a serious allergic reaction, and "
        "you said you have."
    ),
    "implanted_device_or_metal": (
        "{name} is usually not used if you have a pacemaker, defibrillator or other electronic "
        "implant, and you said you have one."
    ),
    "gold_threads": (
        "{name} is usually not used if you have gold threads in your face, and you said you do."
    ),
}
NOT_SUGGESTED_FALLBACK = (
    "{name} is usually not used for people who answered as you did. Your dermatologist can "
    "explain why."
)

# Why-text prefix for a scar type that is in S only because of F1: the patient did not
# say they have it, so the scar row's "You said some scars are..." would put words in their
# mouth.
goal_said = {
    ScarLook.PIH: "You said you want more even skin color.",
    ScarLook.PIE: "You said you want more even skin color.",
    ScarLook.HYPERTROPHIC: "You said you want raised scars to be flatter.",
}

# Compares F2 with the treatment's longest typical downtime and F3 with its fewest
# typical sessions: the note is for someone who could be caught short even in a usual course.
# None means "no limit" (more than a week off; a series or whatever is needed).
_TIME_OFF_DAYS = {
    TimeOff.NONE: 0,
    TimeOff.ONE_TO_THREE_DAYS: 3,
    TimeOff.UP_TO_A_WEEK: 7,
    TimeOff.MORE: None,
}
_TIME_OFF_SAID = {
    TimeOff.NONE: "You said you can't take time off.",
    TimeOff.ONE_TO_THREE_DAYS: "You said you can take 1 to 3 days off.",
    TimeOff.UP_TO_A_WEEK: "You said you can take up to a week off.",
}
_VISITS_LIMIT = {
    VisitsPossible.ONE_OR_TWO: 2,
    VisitsPossible.SERIES: None,
    VisitsPossible.WHATEVER_NEEDED: None,
}
_VISITS_SAID = {VisitsPossible.ONE_OR_TWO: "You said you can manage 1 or 2 visits."}

_DEFAULT_CAUTION_QUESTIONS = {
    "isotretinoin_with_pregnancy": gettext_noop(
        "Has the doctor who prescribes my isotretinoin been told?"
    ),
    "isotretinoin_planning_pregnancy": (
        gettext_noop("How do isotretinoin and my pregnancy plans affect when to treat my scars?")
    ),
    "isotretinoin_recent": gettext_noop(
        "Which treatments are fine now, and which should wait for isotretinoin?"
    ),
    "pregnant_or_breastfeeding": gettext_noop(
        "How do we plan treatment around pregnancy or breastfeeding?"
    ),
    "planning_pregnancy": gettext_noop("How should we time treatment around a pregnancy?"),
    "keloid_tendency": gettext_noop("How do raised scars in me or my family change my options?"),
    "darker_skin_type": gettext_noop("How can we lower the risk of dark patches on my skin?"),
    "active_acne": gettext_noop("Should my acne be treated before my scars?"),
    "cold_sores": gettext_noop("Do I need medicine to prevent a cold sore before treatment?"),
    "blood_thinners": gettext_noop(
        "How do my medicines and supplements change my risk of bruising?"
    ),
    "bleeding_disorder": gettext_noop("How does easy bleeding or bruising change my options?"),
    "bovine_collagen_allergy": gettext_noop("Which treatments have no cow collagen in them?"),
    "lidocaine_allergy": gettext_noop("Can my treatment be done without lidocaine?"),
    "filler_reaction": gettext_noop("What does my past filler problem mean for fillers now?"),
    "severe_allergy_history": gettext_noop(
        "How does my serious allergic reaction change my options?"
    ),
    "autoimmune_or_immunosuppressed": gettext_noop(
        "How does my health condition change how my skin heals?"
    ),
    "implanted_device_or_metal": gettext_noop("Which treatments does my implant or device affect?"),
    "gold_threads": gettext_noop("Which treatments do my gold threads affect?"),
    "recent_tan": gettext_noop("How long should I wait after sun or tanning before treatment?"),
    "poor_healing": gettext_noop("How does the way my skin heals change my options?"),
    "smoker": gettext_noop("How could smoking affect my healing?"),
    "age_under_22": gettext_noop("Which options are approved for my age?"),
}


def _day_range(low: int, high: int) -> str:
    if low == high:
        return "1 day" if high == 1 else f"{high} days"
    if low == 0:
        return f"up to {high} days"
    return f"{low} to {high} days"


def _visit_range(low: int, high: int) -> str:
    return f"{high} visits" if low == high else f"{low} to {high} visits"


def modifier_notes(treatment: TreatmentFacts, answers: Answers) -> list[str]:
    """Notes added after the scar-type reasons; none of them removes a treatment."""
    notes = []
    if treatment.key in FILLER_TREATMENTS:
        stretch_note = {
            StretchTest.YES: STRETCH_SOFT_NOTE,
            StretchTest.SOME: STRETCH_SOME_NOTE,
            StretchTest.NO: STRETCH_FIRM_NOTE,
        }.get(answers.stretch_test)
        if stretch_note:
            notes.append(stretch_note)
    if (
        treatment.key == TreatmentKey.BELLAFILL
        and ScarLocation.CHEEKS not in answers.scar_locations
    ):
        notes.append(BELLAFILL_CHEEKS_NOTE)
    days_off = _TIME_OFF_DAYS[answers.time_off]
    if days_off is not None and treatment.downtime_max_days > days_off:
        downtime = _day_range(treatment.downtime_min_days, treatment.downtime_max_days)
        notes.append(f"This usually needs {downtime} to heal. {_TIME_OFF_SAID[answers.time_off]}")
    visits = _VISITS_LIMIT[answers.visits_possible]
    if visits is not None and treatment.sessions_min > visits:
        sessions = _visit_range(treatment.sessions_min, treatment.sessions_max)
        notes.append(f"This usually takes {sessions}. {_VISITS_SAID[answers.visits_possible]}")
    if treatment.key in answers.past_treatments:
        notes.append(HAD_BEFORE_NOTE)
    return notes


def caution_question(key: str, title: str, text: CautionText | None) -> str:
    """The one question per caution: the row's own, else a standard one."""
    if text and text.question:
        return text.question
    return _DEFAULT_CAUTION_QUESTIONS.get(key, f"How does this change my options: {title}?")
