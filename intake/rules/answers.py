"""The answers the rules read and the self-reported skin type (docs/clinical-rules.md).

``Answers`` is made from the question registry (``intake/questions.py``), so a question the
rules read is declared once.
"""

from __future__ import annotations

from dataclasses import field, make_dataclass

from intake.choices import ScarLook, SkinColour, SunReaction, TreatmentKey
from intake.questions import RULE_QUESTIONS
from intake.rules.results import SkinTypeEstimate

# The scar guide's order; results list scar types in this order so output is stable.
SCAR_TYPE_ORDER: tuple[str, ...] = tuple(
    value for value in ScarLook.values if value != ScarLook.NOT_SURE
)
RAISED_SCAR_TYPES = frozenset({ScarLook.HYPERTROPHIC, ScarLook.KELOID})
MARK_TYPES = frozenset({ScarLook.PIH, ScarLook.PIE})

# Fillers work mainly on soft (distensible) scars, so B4 only changes their why-text.
FILLER_TREATMENTS = (TreatmentKey.HA_FILLER, TreatmentKey.BELLAFILL)

# A Severity mapping may use this key for "every other treatment" ("all", "others").
ANY_TREATMENT = "*"


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


def _answer_fields():
    """``Answers`` fields from the question registry: every question the rules read, with
    multi answers as frozensets and optional ones defaulting to None ("not answered")."""
    required, optional = [("age", int)], []
    for question in RULE_QUESTIONS:
        if question.multi:
            required.append((question.key, frozenset[str]))
        elif question.required:
            required.append((question.key, str))
        else:
            optional.append((question.key, str | None, field(default=None)))
    return required + optional


def _check_answers(self) -> None:
    # A form/rules mismatch fails loudly instead of silently not firing a caution.
    for question in RULE_QUESTIONS:
        value = getattr(self, question.key)
        if value is None:
            continue
        if isinstance(value, frozenset):
            unknown = value - set(question.choices.values)
        elif isinstance(value, str):
            unknown = set() if value in question.choices.values else {value}
        else:
            raise TypeError(f"Answers.{question.key} must be a str or frozenset, not {value!r}")
        if unknown:
            raise ValueError(f"Answers.{question.key}: unknown value(s) {sorted(unknown)}")


# The intake answers the rules read, as values from ``intake.choices``; ``age`` (from A1) is
# worked out by the caller. Answers the rules never read (B5, B6, D10, F4, F5, consent) are
# left out on purpose: they go to the dermatologist, not to matching.
Answers = make_dataclass(
    "Answers",
    _answer_fields(),
    frozen=True,
    kw_only=True,
    namespace={"__post_init__": _check_answers, "__module__": __name__},
)


# --------------------------------------------------------------------------------------------
# Skin type
# --------------------------------------------------------------------------------------------

_SUN_REACTION_TYPE = {
    SunReaction.TYPE_1: 1,
    SunReaction.TYPE_2: 2,
    SunReaction.TYPE_3: 3,
    SunReaction.TYPE_4: 4,
    SunReaction.TYPE_5: 5,
    SunReaction.TYPE_6: 6,
}
_SKIN_COLOUR_TYPE = {
    SkinColour.IVORY: 1,
    SkinColour.FAIR: 2,
    SkinColour.LIGHT_BROWN: 3,
    SkinColour.MEDIUM_BROWN: 4,
    SkinColour.DARK_BROWN: 5,
    SkinColour.VERY_DARK: 6,
}


def fitzpatrick_type(sun_reaction: str, skin_colour: str | None) -> SkinTypeEstimate:
    """Type from C1, or from C2 when C1 is "not sure" (docs/clinical-rules.md, "Skin type").

    "Confirm in clinic" when C1 and C2 differ by 2 or more. It is also set when neither answer
    gives a type (C1 not sure, C2 blank or "prefer not to say"): the dermatologist then has
    nothing self-reported to go on and must assess it. Never inferred from anything else
    (photos, names and ethnicity are poor predictors).
    """
    from_sun = _SUN_REACTION_TYPE.get(sun_reaction)
    from_colour = _SKIN_COLOUR_TYPE.get(skin_colour) if skin_colour else None
    if from_sun is not None:
        differs = from_colour is not None and abs(from_sun - from_colour) >= 2
        return SkinTypeEstimate(type=from_sun, confirm_in_clinic=differs, source="C1")
    if from_colour is not None:
        return SkinTypeEstimate(type=from_colour, confirm_in_clinic=False, source="C2")
    return SkinTypeEstimate(type=None, confirm_in_clinic=True, source=None)
