"""The caution triggers as a table (docs/clinical-rules.md, "Cautions").

Most triggers are "this answer is one of these values" (``Is``); a few need both of two
answers (``AllOf``) or a small named function (``Hook``: age, skin type). Reasons, shown
to staff, are made from the registry's staff labels and the choices' labels, never raw keys
("D7 Implants: A pacemaker or defibrillator").

"Not sure" is an answer: an ``Is`` with ``not_sure=True`` also fires on that question's "Not
sure". A caution raised only by "not sure" answers is a not-sure hit, shown at "discuss" with
its own wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from education.levels import Severity
from intake.choices import (
    ActiveAcne,
    Allergy,
    BloodThinner,
    CautionKey,
    Goal,
    HealthCondition,
    Implant,
    Isotretinoin,
    PastProblem,
    PastTreatment,
    Pregnancy,
    RecentSun,
    ScarLook,
    YesNo,
    YesNoNotSure,
)
from intake.questions import BY_KEY
from intake.rules.answers import Answers, fitzpatrick_type

Reasons = tuple[list[str], list[str]]  # (sure reasons, not-sure reasons)


@dataclass(frozen=True)
class CautionHit:
    """A caution whose trigger fired, with staff-facing reasons.

    ``severity_cap`` lowers every per-treatment severity to at most that level for this hit
    (metal only, and not-sure hits). ``not_sure``: raised only by "Not sure" answers.
    """

    key: str
    reasons: tuple[str, ...]
    severity_cap: str | None = None
    not_sure: bool = False


def said(question_key: str, value: str) -> str:
    """One answer as a reason: the question's staff label and the choice's label."""
    question = BY_KEY[question_key]
    return f"{question.staff_label}: {question.label_of.get(value, value)}"


@dataclass(frozen=True)
class Is:
    """Fires when the answer to ``question`` is (or, for a multi question, includes) one of
    ``values``; with ``not_sure``, its "Not sure" answer fires too, as a not-sure reason."""

    question: str
    values: tuple[str, ...]
    not_sure: bool = False

    def __init__(self, question: str, *values: str, not_sure: bool = False):
        object.__setattr__(self, "question", question)
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "not_sure", not_sure)

    def reasons(self, answers: Answers) -> Reasons:
        given = getattr(answers, self.question)
        chosen = given if isinstance(given, frozenset) else {given}
        # In the choices' order, not set order, so reasons are the same every time.
        order = BY_KEY[self.question].choices.values
        sure = [said(self.question, value) for value in order if value in chosen & set(self.values)]
        unsure = []
        if self.not_sure and "not_sure" in chosen:
            unsure.append(said(self.question, "not_sure"))
        return sure, unsure


@dataclass(frozen=True)
class AllOf:
    """Fires when every part fires for sure; the reasons are all of theirs."""

    parts: tuple[Is, ...]

    def __init__(self, *parts: Is):
        object.__setattr__(self, "parts", parts)

    def reasons(self, answers: Answers) -> Reasons:
        found = [part.reasons(answers)[0] for part in self.parts]
        return ([reason for reasons in found for reason in reasons] if all(found) else []), []


@dataclass(frozen=True)
class Hook:
    """A named rule that is not "an answer is one of these"."""

    function: Callable[[Answers], list[str]]

    def reasons(self, answers: Answers) -> Reasons:
        return self.function(answers), []


@dataclass(frozen=True)
class Trigger:
    caution: str
    when: tuple[Is | AllOf | Hook, ...]  # any of these
    cap: Callable[[Answers], str | None] | None = None  # a severity cap from the answers

    def fire(self, answers: Answers) -> CautionHit | None:
        sure, unsure = [], []
        for condition in self.when:
            found, maybe = condition.reasons(answers)
            sure += found
            unsure += maybe
        if sure:
            cap = self.cap(answers) if self.cap else None
            return CautionHit(self.caution, tuple(sure + unsure), severity_cap=cap)
        if unsure:
            return CautionHit(
                self.caution, tuple(unsure), severity_cap=Severity.DISCUSS.value, not_sure=True
            )
        return None


# --- Hooks --------------------------------------------------------------------------------


def skin_type_iv_to_vi(answers: Answers) -> list[str]:
    # The self-reported estimate, so a C1/C2 disagreement follows C1 here too; the review page
    # shows "confirm in clinic" for that case.
    estimate = fitzpatrick_type(answers.sun_reaction, answers.skin_colour)
    if estimate.type is not None and estimate.type >= 4:
        numeral = ("I", "II", "III", "IV", "V", "VI")[estimate.type - 1]
        return [f"{estimate.source}: self-reported skin type {numeral}"]
    return []


def under_22(answers: Answers) -> list[str]:
    # FDA filler labels are for adults 22 and older.
    return [f"A1 Age: {answers.age}"] if answers.age < 22 else []


def metal_only(answers: Answers) -> str | None:
    # Contraindicated for electronic devices; metal alone is "discuss".
    electronic = {Implant.PACEMAKER, Implant.OTHER_DEVICE}
    return None if answers.implants & electronic else Severity.DISCUSS.value


# --- The table, in the caution table's order (the order cautions_for returns) --------------

TRIGGERS: tuple[Trigger, ...] = (
    Trigger(
        "isotretinoin_with_pregnancy",
        (
            AllOf(
                Is("pregnancy", Pregnancy.PREGNANT, Pregnancy.BREASTFEEDING),
                Is("isotretinoin", Isotretinoin.TAKING_NOW),
            ),
        ),
    ),
    Trigger(
        "isotretinoin_planning_pregnancy",
        (
            AllOf(
                Is("pregnancy", Pregnancy.PLANNING),
                Is("isotretinoin", Isotretinoin.TAKING_NOW, Isotretinoin.STOPPED_UNDER_6_MONTHS),
            ),
        ),
    ),
    Trigger(
        "isotretinoin_recent",
        (
            Is(
                "isotretinoin",
                Isotretinoin.TAKING_NOW,
                Isotretinoin.STOPPED_UNDER_6_MONTHS,
                Isotretinoin.STOPPED_6_TO_12_MONTHS,
                not_sure=True,
            ),
        ),
    ),
    Trigger(
        "pregnant_or_breastfeeding",
        (Is("pregnancy", Pregnancy.PREGNANT, Pregnancy.BREASTFEEDING),),
    ),
    Trigger(
        "planning_pregnancy",
        (Is("pregnancy", Pregnancy.PLANNING, Pregnancy.PREFER_TO_DISCUSS),),
    ),
    Trigger(
        # Wanting raised scars flatter (F1) means the patient has them, as B3 raised scars do.
        "keloid_tendency",
        (
            Is("keloid_self", YesNoNotSure.YES, not_sure=True),
            Is("keloid_family", YesNoNotSure.YES, not_sure=True),
            Is("scar_looks", ScarLook.HYPERTROPHIC, ScarLook.KELOID),
            Is("goals", Goal.FLATTER_RAISED_SCARS),
        ),
    ),
    Trigger(
        "darker_skin_type",
        (
            Hook(skin_type_iv_to_vi),
            Is("dark_marks_last", YesNoNotSure.YES, not_sure=True),
            Is("past_problems", PastProblem.LASTING_PATCHES),
        ),
    ),
    Trigger(
        "active_acne",
        (
            Is("active_acne", ActiveAcne.A_FEW, ActiveAcne.MANY),
            Is("sore_or_infection_now", YesNo.YES),
        ),
    ),
    Trigger(
        "cold_sores",
        (
            Is("cold_sores", YesNoNotSure.YES, not_sure=True),
            Is("past_problems", PastProblem.COLD_SORE),
        ),
    ),
    Trigger(
        # Anything but "none": every medicine or supplement listed raises bruising.
        "blood_thinners",
        (
            Is(
                "blood_thinners",
                *(v for v in BloodThinner.values if v not in ("none", "not_sure")),
                not_sure=True,
            ),
        ),
    ),
    Trigger("bleeding_disorder", (Is("bleeding_disorder", YesNoNotSure.YES, not_sure=True),)),
    Trigger("bovine_collagen_allergy", (Is("allergies", Allergy.BOVINE_COLLAGEN),)),
    Trigger("lidocaine_allergy", (Is("allergies", Allergy.LIDOCAINE),)),
    Trigger(
        # E2 "allergy" is about any skin treatment; it counts only when E1 lists a filler.
        "filler_reaction",
        (
            Is("allergies", Allergy.HA_FILLER),
            Is("past_problems", PastProblem.FILLER_LUMPS),
            AllOf(
                Is("past_problems", PastProblem.ALLERGY),
                Is("past_treatments", PastTreatment.HA_FILLER, PastTreatment.BELLAFILL),
            ),
        ),
    ),
    Trigger("severe_allergy_history", (Is("allergies", Allergy.SEVERE_REACTION),)),
    Trigger(
        "autoimmune_or_immunosuppressed",
        (Is("health_conditions", HealthCondition.AUTOIMMUNE, HealthCondition.IMMUNOSUPPRESSED),),
    ),
    Trigger(
        "implanted_device_or_metal",
        (
            Is(
                "implants",
                Implant.PACEMAKER,
                Implant.OTHER_DEVICE,
                Implant.METAL_IN_FACE,
                not_sure=True,
            ),
        ),
        cap=metal_only,
    ),
    Trigger("gold_threads", (Is("implants", Implant.GOLD_THREADS),)),
    Trigger(
        # Anything but "none": a planned sunny trip lands in the treatment window too.
        "recent_tan",
        (Is("recent_sun", *(v for v in RecentSun.values if v != RecentSun.NONE)),),
    ),
    Trigger(
        "poor_healing",
        (
            Is("slow_healing", YesNoNotSure.YES, not_sure=True),
            Is("health_conditions", HealthCondition.DIABETES),
            Is("past_problems", PastProblem.WORSE_SCARRING),
        ),
    ),
    Trigger("smoker", (Is("smokes", YesNo.YES),)),
    Trigger("age_under_22", (Hook(under_22),)),
)
CAUTION_ORDER: tuple[str, ...] = tuple(CautionKey.values)
if tuple(trigger.caution for trigger in TRIGGERS) != CAUTION_ORDER:
    raise ValueError("The trigger table must have one trigger per CautionKey, in its order")


def cautions_for(answers: Answers) -> list[CautionHit]:
    """Every caution whose trigger fires, in the caution table's order.

    Severity sorting needs the caution rows, so it happens in ``match``.
    """
    hits = [trigger.fire(answers) for trigger in TRIGGERS]
    return [hit for hit in hits if hit is not None]
