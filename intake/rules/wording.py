"""Patient-facing sentences the rules write themselves, because they depend on the answers
rather than on one admin-edited row (docs/clinical-rules.md, "Wording")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

# gettext_noop marks the sentences for the catalog only: they are stored in English and
# translated when the guide is shown (shown_sentence, called by intake/selectors.py).
from django.utils.translation import gettext, gettext_noop

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
    from intake.rules.results import CautionText, MatchResult, TreatmentFacts

SEVERAL_SCAR_TYPES_REASON = gettext_noop("This is used for several scar types.")
STRETCH_SOFT_NOTE = gettext_noop(
    "You said the dents get shallower when you stretch the skin. That is a sign of soft "
    "scars, the kind fillers work on most."
)
STRETCH_SOME_NOTE = gettext_noop(
    "You said some dents get shallower when you stretch the skin. Fillers work mainly on "
    "those soft ones."
)
STRETCH_FIRM_NOTE = gettext_noop(
    "You said the dents stay the same when you stretch the skin. Fillers usually help less "
    "with scars like that."
)
BELLAFILL_CHEEKS_NOTE = gettext_noop(
    "Bellafill is approved for scars on the cheeks. Ask about other areas."
)
HAD_BEFORE_NOTE = gettext_noop("You've had this before. Tell your dermatologist how it went.")
QUESTION_WHICH_SCAR_TYPES = gettext_noop("Which scar types do I have?")
QUESTION_SUBCISION = gettext_noop("Could subcision help?")

RAISED_SCARS_NOTE = gettext_noop(
    "Raised scars are treated in other ways than dents, for example with injections, silicone "
    "or some lasers. Your dermatologist will talk with you about them."
)
MARKS_FADE_NOTE = gettext_noop("Flat marks are not true scars. They often fade over months.")
MARKS_FIRST_STEPS_NOTE = gettext_noop(
    "Daily sunscreen comes first, and some creams can help marks fade. Ask your dermatologist "
    "which creams suit your skin."
)
MARKS_WAITING_NOTE = gettext_noop(
    "You said you have had them for less than a year. Marks that new may still fade on their "
    "own, so waiting is a real option."
)
RED_MARKS_NOTE = gettext_noop(
    "For red or purple marks, lasers made for redness (vascular lasers) are what is usually "
    "used, not a fractional laser. Your dermatologist will say if the clinic offers one."
)

# Why a contraindicated treatment is "usually not used for people who answered as you did",
# in the patient's terms. {name} is the treatment's name.
NOT_SUGGESTED_BECAUSE = {
    "keloid_tendency": gettext_noop(
        "{name} is usually not used for people who get thick, raised scars, and you told us "
        "about raised scars in you or your family."
    ),
    "bleeding_disorder": gettext_noop(
        "{name} is usually not used for people who bleed or bruise easily, and you said you do."
    ),
    "bovine_collagen_allergy": gettext_noop(
        "{name} is usually not used for people allergic to beef or collagen, and you said you "
        "are. Bellafill has cow collagen in it."
    ),
    "lidocaine_allergy": gettext_noop(
        "{name} is usually not used for people allergic to numbing medicine (lidocaine), and "
        "you said you are."
    ),
    "severe_allergy_history": gettext_noop(
        "{name} is usually not used for people who have had a serious allergic reaction, and "
        "you said you have."
    ),
    "implanted_device_or_metal": gettext_noop(
        "{name} is usually not used if you have a pacemaker, defibrillator or other electronic "
        "implant, and you said you have one."
    ),
    "gold_threads": gettext_noop(
        "{name} is usually not used if you have gold threads in your face, and you said you do."
    ),
}
NOT_SUGGESTED_FALLBACK = gettext_noop(
    "{name} is usually not used for people who answered as you did. Your dermatologist can "
    "explain why."
)

# Why-text prefix for a scar type that is in S only because of F1: the patient did not
# say they have it, so the scar row's "You said some scars are..." would put words in their
# mouth.
goal_said = {
    ScarLook.PIH: gettext_noop("You said you want more even skin color."),
    ScarLook.PIE: gettext_noop("You said you want more even skin color."),
    ScarLook.HYPERTROPHIC: gettext_noop("You said you want raised scars to be flatter."),
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
    TimeOff.NONE: gettext_noop("You said you have no time off after a visit."),
    TimeOff.ONE_TO_THREE_DAYS: gettext_noop("You said you can take 1 to 3 days off."),
    TimeOff.UP_TO_A_WEEK: gettext_noop("You said you can take up to a week off."),
}
_VISITS_LIMIT = {
    VisitsPossible.ONE_OR_TWO: 2,
    VisitsPossible.SERIES: None,
    VisitsPossible.WHATEVER_NEEDED: None,
}
_VISITS_SAID = {VisitsPossible.ONE_OR_TWO: gettext_noop("You said you can manage 1 or 2 visits.")}

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


# The modifier notes' parts, with {placeholders} so a stored note can be shown in the
# patient's language (shown_sentence below).
ONE_DAY = gettext_noop("1 day")
DAYS = gettext_noop("{high} days")
UP_TO_DAYS = gettext_noop("up to {high} days")
DAY_RANGE = gettext_noop("{low} to {high} days")
VISITS = gettext_noop("{high} visits")
VISIT_RANGE = gettext_noop("{low} to {high} visits")
DOWNTIME_NOTE = gettext_noop("This usually needs {downtime} to heal. {said}")
SESSIONS_NOTE = gettext_noop("This usually takes {sessions}. {said}")
# A caution with no question of its own; {title} is the caution's title.
CAUTION_QUESTION_FALLBACK = gettext_noop("How does this change my options: {title}?")


def _day_range(low: int, high: int) -> str:
    if low == high:
        return ONE_DAY if high == 1 else DAYS.format(high=high)
    if low == 0:
        return UP_TO_DAYS.format(high=high)
    return DAY_RANGE.format(low=low, high=high)


def _visit_range(low: int, high: int) -> str:
    return VISITS.format(high=high) if low == high else VISIT_RANGE.format(low=low, high=high)


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
        notes.append(DOWNTIME_NOTE.format(downtime=downtime, said=_TIME_OFF_SAID[answers.time_off]))
    visits = _VISITS_LIMIT[answers.visits_possible]
    if visits is not None and treatment.sessions_min > visits:
        sessions = _visit_range(treatment.sessions_min, treatment.sessions_max)
        said = _VISITS_SAID[answers.visits_possible]
        notes.append(SESSIONS_NOTE.format(sessions=sessions, said=said))
    if treatment.key in answers.past_treatments:
        notes.append(HAD_BEFORE_NOTE)
    return notes


def caution_question(key: str, title: str, text: CautionText | None) -> str:
    """The one question per caution: the row's own, else a standard one."""
    if text and text.question:
        return text.question
    question = _DEFAULT_CAUTION_QUESTIONS.get(key)
    return question or CAUTION_QUESTION_FALLBACK.format(title=title)


# -- Shown in the patient's language ------------------------------------------------------
# The match is stored in English (the dermatologist reads it). The guide shows each stored
# sentence in the active language: a sentence of this module by its catalog entry, one
# built from a template above by matching the template and translating its parts, and an
# admin row's text (a fit's reason, a scar type's "you said") through `local`, the rows'
# {English: translated} texts. Anything else is shown as stored.

_TEMPLATES = (
    *NOT_SUGGESTED_BECAUSE.values(),
    NOT_SUGGESTED_FALLBACK,
    DOWNTIME_NOTE,
    SESSIONS_NOTE,
    DAYS,
    UP_TO_DAYS,
    DAY_RANGE,
    VISITS,
    VISIT_RANGE,
    CAUTION_QUESTION_FALLBACK,
)
_NUMBERS = ("low", "high")


def _pattern(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(piece)
        if index % 2 == 0
        else (rf"(?P<{piece}>\d+)" if piece in _NUMBERS else rf"(?P<{piece}>.+?)")
        for index, piece in enumerate(pieces)
    )
    return re.compile(regex)


_PATTERNS = tuple((template, _pattern(template)) for template in _TEMPLATES)
_PREFIXES = tuple(dict.fromkeys(goal_said.values()))


def shown_sentence(text: str, local: Mapping[str, str] | None = None) -> str:
    """A stored English sentence of the guide in the active language (unchanged in English,
    or when no translation is known)."""
    local = local or {}
    if not text:
        return text
    if text in local:
        return local[text]
    translated = gettext(text)
    if translated != text:
        return translated
    for template, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = {
                key: value if key in _NUMBERS else shown_sentence(value, local)
                for key, value in match.groupdict().items()
            }
            return gettext(template).format(**parts)
    # A scar reason: what the patient said (a goal here, or the scar row's), then the fit's.
    # Split only when both halves have a translation: never half a sentence in each language.
    for prefix in (*_PREFIXES, *local):
        if text.startswith(f"{prefix} "):
            rest = text[len(prefix) + 1 :]
            head, tail = shown_sentence(prefix, local), shown_sentence(rest, local)
            if head != prefix and tail != rest:
                return f"{head} {tail}"
    return text


def shown_result(result: MatchResult, local: Mapping[str, str]) -> MatchResult:
    """The stored (English) match with its patient-facing sentences in the active language;
    keys, slugs and levels unchanged."""

    def item(row):
        reasons = tuple(shown_sentence(reason, local) for reason in row.reasons)
        return replace(row, name=shown_sentence(row.name, local), reasons=reasons)

    def caution(row):
        return replace(
            row,
            title=shown_sentence(row.title, local),
            patient_wording=shown_sentence(row.patient_wording, local),
        )

    return replace(
        result,
        suggestions=tuple(item(row) for row in result.suggestions),
        other_options=tuple(item(row) for row in result.other_options),
        not_suggested=tuple(item(row) for row in result.not_suggested),
        cautions=tuple(caution(row) for row in result.cautions),
        notes=tuple(shown_sentence(note, local) for note in result.notes),
    )
