"""Pure intake rules: skin type, cautions and the reading-list match (DOMAIN.md §5-§7).

Why pure: the rules are clinical logic that the dermatologist signs off (DOMAIN.md §1), so they
must be testable line by line against the DOMAIN tables without a database, a request or
settings. The caller (``intake/services.py``) loads the approved, admin-edited rows, turns them
into the plain frozen dataclasses below, calls ``cautions_for`` / ``match`` and stores
``MatchResult.to_dict()`` with the intake and the rule version.

Split of duties (STYLE.md §5): rules decide *which* explainers, cautions and questions apply;
the admin-edited rows (``RuleBook``) decide the *wording* and the per-treatment severity.
The few patient-facing sentences written here are the §7.4 modifiers, which depend on the
answers rather than on one row.

Nothing here blocks or filters a patient out (DOMAIN.md §1 "suggest and flag, never block"):
cautions only add badges and notes, and time or visit limits only add a neutral note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, make_dataclass
from typing import Any

from education.levels import FitLevel, Severity
from intake.choices import (
    ActiveAcne,
    Allergy,
    BloodThinner,
    CautionKey,
    Goal,
    GuidePage,
    HealthCondition,
    Implant,
    Isotretinoin,
    PastProblem,
    PastTreatment,
    Pregnancy,
    RecentSun,
    ScarDuration,
    ScarLocation,
    ScarLook,
    SkinColour,
    StretchTest,
    SunReaction,
    TimeOff,
    TreatmentKey,
    VisitsPossible,
    YesNo,
    YesNoNotSure,
)
from intake.questions import RULE_QUESTIONS

# DOMAIN.md §2 order; results list scar types in this order so output is stable.
SCAR_TYPE_ORDER: tuple[str, ...] = tuple(
    value for value in ScarLook.values if value != ScarLook.NOT_SURE
)
RAISED_SCAR_TYPES = frozenset({ScarLook.HYPERTROPHIC, ScarLook.KELOID})
MARK_TYPES = frozenset({ScarLook.PIH, ScarLook.PIE})

# §3.2: fillers work mainly on soft (distensible) scars, so B4 only changes their why-text.
FILLER_TREATMENTS = (TreatmentKey.HA_FILLER, TreatmentKey.BELLAFILL)

# A Severity mapping may use this key for "every other treatment" (§5 "all", "others").
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
# Skin type (DOMAIN.md §6 "Skin type")
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


@dataclass(frozen=True)
class SkinTypeEstimate:
    """Self-reported Fitzpatrick type (1-6, internal only) or None when it cannot be told.

    ``source`` says which question gave the type ("C1" or "C2") for the review page.
    """

    type: int | None
    confirm_in_clinic: bool
    source: str | None = None


def fitzpatrick_type(sun_reaction: str, skin_colour: str | None) -> SkinTypeEstimate:
    """Type from C1, or from C2 when C1 is "not sure" (DOMAIN.md §6).

    "Confirm in clinic" when C1 and C2 differ by 2 or more. It is also set when neither answer
    gives a type (C1 not sure, C2 blank or "prefer not to say"): the dermatologist then has
    nothing self-reported to go on and must assess it. Never inferred from anything else (§6:
    photos, names and ethnicity are poor predictors).
    """
    from_sun = _SUN_REACTION_TYPE.get(sun_reaction)
    from_colour = _SKIN_COLOUR_TYPE.get(skin_colour) if skin_colour else None
    if from_sun is not None:
        differs = from_colour is not None and abs(from_sun - from_colour) >= 2
        return SkinTypeEstimate(type=from_sun, confirm_in_clinic=differs, source="C1")
    if from_colour is not None:
        return SkinTypeEstimate(type=from_colour, confirm_in_clinic=False, source="C2")
    return SkinTypeEstimate(type=None, confirm_in_clinic=True, source=None)


# --------------------------------------------------------------------------------------------
# Cautions (DOMAIN.md §5)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CautionHit:
    """A caution whose §5 trigger fired, with staff-facing reasons ("D2: ...").

    ``severity_cap`` lowers every per-treatment severity to at most that level for this hit;
    it exists for §5's "metal only → discuss" on ``implanted_device_or_metal``, the one
    severity that depends on the answers rather than on the caution row.
    """

    key: str
    reasons: tuple[str, ...]
    severity_cap: str | None = None
    # Raised only by "Not sure" answers: shown at "discuss" with the not-sure wording, because
    # "not sure" is an answer the dermatologist must follow up, not a yes.
    not_sure: bool = False


def _hit(key: str, sure: list[str], unsure: list[str], cap: str | None = None):
    """A hit from the reasons that fired; "not sure" reasons alone make a not-sure hit."""
    if sure:
        return CautionHit(key, tuple(sure + unsure), severity_cap=cap)
    if unsure:
        return CautionHit(key, tuple(unsure), severity_cap=Severity.DISCUSS.value, not_sure=True)
    return None


def _said(question_id: str, choices: type, value: str) -> str:
    return f"{question_id}: {choices(value).label}"


def _said_each(
    question_id: str,
    choices: type,
    chosen: Iterable[str],
    wanted: Iterable[str],
    only: Iterable[str] | None = None,
):
    # Reasons follow the choices' declaration order, not set order, to stay deterministic.
    chosen = set(chosen) if only is None else set(chosen) & set(only)
    return [_said(question_id, choices, value) for value in wanted if value in chosen]


def _isotretinoin_with_pregnancy(answers: Answers) -> CautionHit | None:
    # Urgent: a teratogen now, in pregnancy or breastfeeding. Act today, not at the visit.
    pregnant = answers.pregnancy in (Pregnancy.PREGNANT, Pregnancy.BREASTFEEDING)
    if pregnant and answers.isotretinoin == Isotretinoin.TAKING_NOW:
        return CautionHit(
            "isotretinoin_with_pregnancy",
            (
                _said("D1", Pregnancy, answers.pregnancy),
                _said("D2", Isotretinoin, answers.isotretinoin),
            ),
        )
    return None


def _isotretinoin_planning_pregnancy(answers: Answers) -> CautionHit | None:
    recent = (Isotretinoin.TAKING_NOW, Isotretinoin.STOPPED_UNDER_6_MONTHS)
    if answers.pregnancy == Pregnancy.PLANNING and answers.isotretinoin in recent:
        return CautionHit(
            "isotretinoin_planning_pregnancy",
            (
                _said("D1", Pregnancy, answers.pregnancy),
                _said("D2", Isotretinoin, answers.isotretinoin),
            ),
        )
    return None


def _isotretinoin_recent(answers: Answers) -> CautionHit | None:
    recent = (
        Isotretinoin.TAKING_NOW,
        Isotretinoin.STOPPED_UNDER_6_MONTHS,
        Isotretinoin.STOPPED_6_TO_12_MONTHS,
    )
    said = [_said("D2", Isotretinoin, answers.isotretinoin)]
    return _hit(
        "isotretinoin_recent",
        said if answers.isotretinoin in recent else [],
        said if answers.isotretinoin == Isotretinoin.NOT_SURE else [],
    )


def _pregnant_or_breastfeeding(answers: Answers) -> CautionHit | None:
    if answers.pregnancy in (Pregnancy.PREGNANT, Pregnancy.BREASTFEEDING):
        return CautionHit("pregnant_or_breastfeeding", (_said("D1", Pregnancy, answers.pregnancy),))
    return None


def _planning_pregnancy(answers: Answers) -> CautionHit | None:
    if answers.pregnancy in (Pregnancy.PLANNING, Pregnancy.PREFER_TO_DISCUSS):
        return CautionHit("planning_pregnancy", (_said("D1", Pregnancy, answers.pregnancy),))
    return None


def _keloid_tendency(answers: Answers) -> CautionHit | None:
    # §5 fires on C4 "yes" or raised scars in B3; §7.6 says it fires for raised scars in the
    # scar set S, which also holds "flatter raised scars" from F1 (§7.1). Both are honoured:
    # wanting raised scars flatter means the patient has them.
    reasons, unsure = [], []
    for who, value in (("self", answers.keloid_self), ("close family", answers.keloid_family)):
        said = f"C4: keloids or thick raised scars ({who}): {YesNoNotSure(value).label.lower()}"
        if value == YesNoNotSure.YES:
            reasons.append(said)
        elif value == YesNoNotSure.NOT_SURE:
            unsure.append(said)
    reasons += _said_each("B3", ScarLook, answers.scar_looks, SCAR_TYPE_ORDER, RAISED_SCAR_TYPES)
    if Goal.FLATTER_RAISED_SCARS in answers.goals:
        reasons.append(_said("F1", Goal, Goal.FLATTER_RAISED_SCARS))
    return _hit("keloid_tendency", reasons, unsure)


def _darker_skin_type(answers: Answers) -> CautionHit | None:
    # "Self-reported type IV-VI" is the §6 estimate, so a C1/C2 disagreement follows C1 there
    # too; the review page shows "confirm in clinic" for that case.
    reasons = []
    estimate = fitzpatrick_type(answers.sun_reaction, answers.skin_colour)
    if estimate.type is not None and estimate.type >= 4:
        numeral = ("I", "II", "III", "IV", "V", "VI")[estimate.type - 1]
        reasons.append(f"{estimate.source}: self-reported skin type {numeral}")
    if answers.dark_marks_last == YesNoNotSure.YES:
        reasons.append("C5: spots or cuts leave dark marks that last months: yes")
    if PastProblem.LASTING_PATCHES in answers.past_problems:
        reasons.append(_said("E2", PastProblem, PastProblem.LASTING_PATCHES))
    return CautionHit("darker_skin_type", tuple(reasons)) if reasons else None


def _active_acne(answers: Answers) -> CautionHit | None:
    reasons = []
    if answers.active_acne in (ActiveAcne.A_FEW, ActiveAcne.MANY):
        reasons.append(_said("B7", ActiveAcne, answers.active_acne))
    if answers.sore_or_infection_now == YesNo.YES:
        reasons.append("B8: cold sore, rash or infection where the scars are: yes")
    return CautionHit("active_acne", tuple(reasons)) if reasons else None


def _cold_sores(answers: Answers) -> CautionHit | None:
    reasons, unsure = [], []
    said = f"D6: gets cold sores: {YesNoNotSure(answers.cold_sores).label.lower()}"
    if answers.cold_sores == YesNoNotSure.YES:
        reasons.append(said)
    elif answers.cold_sores == YesNoNotSure.NOT_SURE:
        unsure.append(said)
    if PastProblem.COLD_SORE in answers.past_problems:
        reasons.append(_said("E2", PastProblem, PastProblem.COLD_SORE))
    return _hit("cold_sores", reasons, unsure)


def _blood_thinners(answers: Answers) -> CautionHit | None:
    # §5 "D3 ≠ none": any answer but "none" fires, "not sure" included.
    taken = answers.blood_thinners - {BloodThinner.NONE, BloodThinner.NOT_SURE}
    unsure = answers.blood_thinners & {BloodThinner.NOT_SURE}
    return _hit(
        "blood_thinners",
        _said_each("D3", BloodThinner, taken, BloodThinner.values),
        _said_each("D3", BloodThinner, unsure, BloodThinner.values),
    )


def _bleeding_disorder(answers: Answers) -> CautionHit | None:
    label = YesNoNotSure(answers.bleeding_disorder).label.lower()
    said = [f"D4: bleeding disorder or easy bruising: {label}"]
    return _hit(
        "bleeding_disorder",
        said if answers.bleeding_disorder == YesNoNotSure.YES else [],
        said if answers.bleeding_disorder == YesNoNotSure.NOT_SURE else [],
    )


def _bovine_collagen_allergy(answers: Answers) -> CautionHit | None:
    if Allergy.BOVINE_COLLAGEN in answers.allergies:
        return CautionHit(
            "bovine_collagen_allergy", (_said("D8", Allergy, Allergy.BOVINE_COLLAGEN),)
        )
    return None


def _lidocaine_allergy(answers: Answers) -> CautionHit | None:
    if Allergy.LIDOCAINE in answers.allergies:
        return CautionHit("lidocaine_allergy", (_said("D8", Allergy, Allergy.LIDOCAINE),))
    return None


def _filler_reaction(answers: Answers) -> CautionHit | None:
    # E2 "allergy" is about any skin treatment, while §5 asks for "allergy after a filler" and
    # the patient wording says "A filler caused a problem before". So E2 allergy counts only
    # when E1 lists a filler; E2 "lumps after filler" counts on its own.
    reasons = []
    if Allergy.HA_FILLER in answers.allergies:
        reasons.append(_said("D8", Allergy, Allergy.HA_FILLER))
    if PastProblem.FILLER_LUMPS in answers.past_problems:
        reasons.append(_said("E2", PastProblem, PastProblem.FILLER_LUMPS))
    had_filler = answers.past_treatments & set(FILLER_TREATMENTS)
    if PastProblem.ALLERGY in answers.past_problems and had_filler:
        fillers = ", ".join(key for key in PastTreatment.values if key in had_filler)
        reasons.append(f"E2: an allergic reaction, with a filler in E1 ({fillers})")
    return CautionHit("filler_reaction", tuple(reasons)) if reasons else None


def _severe_allergy_history(answers: Answers) -> CautionHit | None:
    if Allergy.SEVERE_REACTION in answers.allergies:
        return CautionHit(
            "severe_allergy_history", (_said("D8", Allergy, Allergy.SEVERE_REACTION),)
        )
    return None


def _autoimmune_or_immunosuppressed(answers: Answers) -> CautionHit | None:
    reasons = _said_each(
        "D5",
        HealthCondition,
        answers.health_conditions,
        (HealthCondition.AUTOIMMUNE, HealthCondition.IMMUNOSUPPRESSED),
    )
    return CautionHit("autoimmune_or_immunosuppressed", tuple(reasons)) if reasons else None


def _implanted_device_or_metal(answers: Answers) -> CautionHit | None:
    electronic = (Implant.PACEMAKER, Implant.OTHER_DEVICE)
    reasons = _said_each("D7", Implant, answers.implants, (*electronic, Implant.METAL_IN_FACE))
    # Contraindicated for electronic devices; "metal only → discuss".
    metal_only = not (answers.implants & set(electronic))
    cap = Severity.DISCUSS.value if metal_only else None
    unsure = _said_each("D7", Implant, answers.implants, (Implant.NOT_SURE,))
    return _hit("implanted_device_or_metal", reasons, unsure, cap)


def _gold_threads(answers: Answers) -> CautionHit | None:
    if Implant.GOLD_THREADS in answers.implants:
        return CautionHit("gold_threads", (_said("D7", Implant, Implant.GOLD_THREADS),))
    return None


def _recent_tan(answers: Answers) -> CautionHit | None:
    # §5 "C3 ≠ none": a planned sunny trip counts too, as it lands in the treatment window.
    sun = answers.recent_sun - {RecentSun.NONE}
    if not sun:
        return None
    return CautionHit("recent_tan", tuple(_said_each("C3", RecentSun, sun, RecentSun.values)))


def _poor_healing(answers: Answers) -> CautionHit | None:
    reasons, unsure = [], []
    said = "D11: slow healing or bad scarring after a procedure: "
    if answers.slow_healing == YesNoNotSure.YES:
        reasons.append(said + "yes")
    elif answers.slow_healing == YesNoNotSure.NOT_SURE:
        unsure.append(said + "not sure")
    if HealthCondition.DIABETES in answers.health_conditions:
        reasons.append(_said("D5", HealthCondition, HealthCondition.DIABETES))
    if PastProblem.WORSE_SCARRING in answers.past_problems:
        reasons.append(_said("E2", PastProblem, PastProblem.WORSE_SCARRING))
    return _hit("poor_healing", reasons, unsure)


def _smoker(answers: Answers) -> CautionHit | None:
    if answers.smokes == YesNo.YES:
        return CautionHit("smoker", ("D9: smokes or vapes nicotine: yes",))
    return None


def _age_under_22(answers: Answers) -> CautionHit | None:
    # FDA filler labels are for adults 22 and older (§3.2, §5).
    if answers.age < 22:
        return CautionHit("age_under_22", (f"A1: age {answers.age}",))
    return None


# In the order of DOMAIN.md §5's table, which is the order cautions_for returns.
_CAUTION_RULES = (
    _isotretinoin_with_pregnancy,
    _isotretinoin_planning_pregnancy,
    _isotretinoin_recent,
    _pregnant_or_breastfeeding,
    _planning_pregnancy,
    _keloid_tendency,
    _darker_skin_type,
    _active_acne,
    _cold_sores,
    _blood_thinners,
    _bleeding_disorder,
    _bovine_collagen_allergy,
    _lidocaine_allergy,
    _filler_reaction,
    _severe_allergy_history,
    _autoimmune_or_immunosuppressed,
    _implanted_device_or_metal,
    _gold_threads,
    _recent_tan,
    _poor_healing,
    _smoker,
    _age_under_22,
)
CAUTION_ORDER: tuple[str, ...] = tuple(CautionKey.values)


def cautions_for(answers: Answers) -> list[CautionHit]:
    """Every DOMAIN.md §5 caution whose trigger fires, in §5 table order.

    Severity sorting needs the caution rows, so it happens in ``match``.
    """
    hits = [rule(answers) for rule in _CAUTION_RULES]
    return [hit for hit in hits if hit is not None]


# --------------------------------------------------------------------------------------------
# Rule data (admin-edited rows, converted by the caller)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreatmentFacts:
    """A published treatment (DOMAIN.md §3.1). Only published ones are passed in, so an
    unpublished one (subcision today) can never be suggested."""

    key: str
    name: str
    slug: str
    sessions_min: int
    sessions_max: int
    downtime_min_days: int
    downtime_max_days: int
    questions: tuple[str, ...] = ()  # the explainer's "Ask" lines (§3.2)


@dataclass(frozen=True)
class FitRow:
    """One approved cell of the §4 matrix with its why-text (§7.4: names one limit)."""

    treatment: str
    scar_type: str
    level: str
    reason: str


@dataclass(frozen=True)
class ScarTypeFacts:
    """A scar type (§2). ``you_said`` echoes the patient's B3 answer, e.g. "You said some
    scars are wide, soft dips (rolling scars)."."""

    key: str
    name: str
    slug: str
    you_said: str


@dataclass(frozen=True)
class CautionText:
    """The approved wording and per-treatment severity of one §5 caution.

    ``severity`` maps treatment key to a ``Severity`` value; the key ``"*"`` (ANY_TREATMENT)
    covers every treatment not named, for §5's "all" and "others". A treatment absent from
    the mapping (and no "*") is not affected. ``question`` is the §7.9 "one per caution"
    question; when blank, a default phrasing from this module is used.
    """

    key: str
    title: str
    patient_wording: str
    clinician_note: str
    severity: Mapping[str, str]
    question: str = ""
    not_sure_wording: str = ""


@dataclass(frozen=True)
class RuleBook:
    """All the approved data one match reads. ``treatments`` order is the tie-break order
    of §7.3 (pass the clinic's display order, normally DOMAIN.md §3's)."""

    treatments: tuple[TreatmentFacts, ...]
    fits: tuple[FitRow, ...]
    scar_types: tuple[ScarTypeFacts, ...]
    cautions: tuple[CautionText, ...]
    general_questions: tuple[str, ...] = ()
    _treatments_by_key: dict = field(init=False, repr=False, compare=False)
    _fits_by_cell: dict = field(init=False, repr=False, compare=False)
    _scar_types_by_key: dict = field(init=False, repr=False, compare=False)
    _cautions_by_key: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Bad data should fail when the rule book is built, not mid-way through a guide.
        for row in self.fits:
            FitLevel(row.level)
        for text in self.cautions:
            for severity in text.severity.values():
                Severity(severity)
        object.__setattr__(self, "_treatments_by_key", _unique_index(self.treatments, "key"))
        object.__setattr__(self, "_scar_types_by_key", _unique_index(self.scar_types, "key"))
        object.__setattr__(self, "_cautions_by_key", _unique_index(self.cautions, "key"))
        cells: dict[tuple[str, str], FitRow] = {}
        for row in self.fits:
            cell = (row.treatment, row.scar_type)
            if cell in cells:
                raise ValueError(f"Duplicate fit row for {cell}")
            cells[cell] = row
        object.__setattr__(self, "_fits_by_cell", cells)

    def treatment(self, key: str) -> TreatmentFacts | None:
        return self._treatments_by_key.get(key)

    def fit(self, treatment: str, scar_type: str) -> FitRow | None:
        return self._fits_by_cell.get((treatment, scar_type))

    def fit_level(self, treatment: str, scar_type: str) -> FitLevel:
        """A missing cell counts as ``not_used``: an unapproved fit is never suggested."""
        row = self.fit(treatment, scar_type)
        return FitLevel(row.level) if row else FitLevel.NOT_USED

    def scar_type(self, key: str) -> ScarTypeFacts | None:
        return self._scar_types_by_key.get(key)

    def caution(self, key: str) -> CautionText | None:
        return self._cautions_by_key.get(key)


def _unique_index(rows: Iterable[Any], attribute: str) -> dict:
    index = {}
    for row in rows:
        key = getattr(row, attribute)
        if key in index:
            raise ValueError(f"Duplicate {type(row).__name__} {attribute}={key!r}")
        index[key] = row
    return index


# --------------------------------------------------------------------------------------------
# Match result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A treatment on the reading list (or under "other options").

    ``fit_level`` is the best §4 level across the scar set, or None when the treatment is
    listed for another reason (§7.5 "used for several scar types"). ``caution_keys`` drive the
    "Talk about this first" badge (§7.8), in the same order as ``MatchResult.cautions``.
    """

    treatment: str
    name: str
    slug: str
    fit_level: str | None
    scar_types: tuple[str, ...]
    reasons: tuple[str, ...]
    caution_keys: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "treatment": self.treatment,
            "name": self.name,
            "slug": self.slug,
            "fit_level": self.fit_level,
            "scar_types": list(self.scar_types),
            "reasons": list(self.reasons),
            "caution_keys": list(self.caution_keys),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Suggestion:
        return cls(
            treatment=data["treatment"],
            name=data["name"],
            slug=data["slug"],
            fit_level=data["fit_level"],
            scar_types=tuple(data["scar_types"]),
            reasons=tuple(data["reasons"]),
            caution_keys=tuple(data["caution_keys"]),
        )


@dataclass(frozen=True)
class TriggeredCaution:
    """A fired caution with its approved text and its severity for each published treatment."""

    key: str
    title: str
    patient_wording: str
    clinician_note: str
    reasons: tuple[str, ...]
    severity_by_treatment: tuple[tuple[str, str], ...]
    highest_severity: str | None
    # Raised only by "Not sure" answers (then at most "discuss", with the not-sure wording).
    not_sure: bool = False
    # Affects every published treatment, so the guide can say "before any scar treatment".
    affects_all: bool = False

    def severity_for(self, treatment: str) -> str | None:
        return dict(self.severity_by_treatment).get(treatment)

    @property
    def is_urgent(self) -> bool:
        return self.highest_severity == Severity.URGENT

    @property
    def before_any_treatment(self) -> bool:
        """Usually deferred for every treatment: the guide says so before the reading list."""
        severities = {severity for _, severity in self.severity_by_treatment}
        return self.affects_all and severities == {Severity.USUALLY_DEFERRED.value}

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "title": self.title,
            "patient_wording": self.patient_wording,
            "clinician_note": self.clinician_note,
            "reasons": list(self.reasons),
            "severity_by_treatment": dict(self.severity_by_treatment),
            "highest_severity": self.highest_severity,
            "not_sure": self.not_sure,
            "affects_all": self.affects_all,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TriggeredCaution:
        return cls(
            key=data["key"],
            title=data["title"],
            patient_wording=data["patient_wording"],
            clinician_note=data["clinician_note"],
            reasons=tuple(data["reasons"]),
            severity_by_treatment=tuple(data["severity_by_treatment"].items()),
            highest_severity=data["highest_severity"],
            not_sure=data.get("not_sure", False),
            affects_all=data.get("affects_all", False),
        )


@dataclass(frozen=True)
class NotSuggested:
    """A treatment the answers rule out (contraindicated): listed after the suggestions under
    "Usually not used for people who answered as you did", never ranked or counted."""

    treatment: str
    name: str
    slug: str
    reasons: tuple[str, ...]
    caution_keys: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "treatment": self.treatment,
            "name": self.name,
            "slug": self.slug,
            "reasons": list(self.reasons),
            "caution_keys": list(self.caution_keys),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NotSuggested:
        return cls(
            treatment=data["treatment"],
            name=data["name"],
            slug=data["slug"],
            reasons=tuple(data["reasons"]),
            caution_keys=tuple(data["caution_keys"]),
        )


@dataclass(frozen=True)
class MatchResult:
    """Everything the personal guide and the review page need from one intake (§7).

    ``pages`` are ``GuidePage`` keys in display order. ``scar_types`` is the scar set S.
    """

    scar_types: tuple[str, ...]
    skin_type: SkinTypeEstimate
    pages: tuple[str, ...]
    scar_types_unsure: bool
    has_raised_scars: bool
    marks_only: bool
    suggestions: tuple[Suggestion, ...]
    other_options: tuple[Suggestion, ...]
    cautions: tuple[TriggeredCaution, ...]
    questions: tuple[str, ...]
    not_suggested: tuple[NotSuggested, ...] = ()
    notes: tuple[str, ...] = ()  # answer-dependent guide notes (marks, raised scars)

    @property
    def urgent_cautions(self) -> tuple[TriggeredCaution, ...]:
        return tuple(caution for caution in self.cautions if caution.is_urgent)

    @property
    def before_any_cautions(self) -> tuple[TriggeredCaution, ...]:
        return tuple(caution for caution in self.cautions if caution.before_any_treatment)

    def to_dict(self) -> dict:
        """Plain lists/dicts/str/int/bool/None only, so ``json.dumps`` takes it as is."""
        return {
            "scar_types": list(self.scar_types),
            "skin_type": {
                "type": self.skin_type.type,
                "confirm_in_clinic": self.skin_type.confirm_in_clinic,
                "source": self.skin_type.source,
            },
            "pages": list(self.pages),
            "scar_types_unsure": self.scar_types_unsure,
            "has_raised_scars": self.has_raised_scars,
            "marks_only": self.marks_only,
            "suggestions": [suggestion.to_dict() for suggestion in self.suggestions],
            "other_options": [option.to_dict() for option in self.other_options],
            "cautions": [caution.to_dict() for caution in self.cautions],
            "questions": list(self.questions),
            "not_suggested": [item.to_dict() for item in self.not_suggested],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MatchResult:
        """Rebuild a stored result (e.g. for the guide page) without re-running the rules."""
        return cls(
            scar_types=tuple(data["scar_types"]),
            skin_type=SkinTypeEstimate(**data["skin_type"]),
            pages=tuple(data["pages"]),
            scar_types_unsure=data["scar_types_unsure"],
            has_raised_scars=data["has_raised_scars"],
            marks_only=data["marks_only"],
            suggestions=tuple(Suggestion.from_dict(item) for item in data["suggestions"]),
            other_options=tuple(Suggestion.from_dict(item) for item in data["other_options"]),
            cautions=tuple(TriggeredCaution.from_dict(item) for item in data["cautions"]),
            questions=tuple(data["questions"]),
            # Older stored results have neither list: they render without them.
            not_suggested=tuple(
                NotSuggested.from_dict(item) for item in data.get("not_suggested", ())
            ),
            notes=tuple(data.get("notes", ())),
        )


# --------------------------------------------------------------------------------------------
# Patient-facing sentences that depend on answers (§7.4, §7.5, §7.9)
# --------------------------------------------------------------------------------------------

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
QUESTION_WHICH_SCAR_TYPES = "Which scar types do I have?"
QUESTION_SUBCISION = "Could subcision help?"

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

# Why-text prefix for a scar type that is in S only because of F1 (§7.1): the patient did not
# say they have it, so the scar row's "You said some scars are..." would put words in their
# mouth.
_GOAL_SAID = {
    ScarLook.PIH: "You said you want more even skin color.",
    ScarLook.PIE: "You said you want more even skin color.",
    ScarLook.HYPERTROPHIC: "You said you want raised scars to be flatter.",
}

# §7.4 compares F2 with the treatment's longest typical downtime and F3 with its fewest
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
    "isotretinoin_with_pregnancy": "Has the doctor who prescribes my isotretinoin been told?",
    "isotretinoin_planning_pregnancy": (
        "How do isotretinoin and my pregnancy plans affect when to treat my scars?"
    ),
    "isotretinoin_recent": "Which treatments are fine now, and which should wait for isotretinoin?",
    "pregnant_or_breastfeeding": "How do we plan treatment around pregnancy or breastfeeding?",
    "planning_pregnancy": "How should we time treatment around a pregnancy?",
    "keloid_tendency": "How do raised scars in me or my family change my options?",
    "darker_skin_type": "How can we lower the risk of dark patches on my skin?",
    "active_acne": "Should my acne be treated before my scars?",
    "cold_sores": "Do I need medicine to prevent a cold sore before treatment?",
    "blood_thinners": "How do my medicines and supplements change my risk of bruising?",
    "bleeding_disorder": "How does easy bleeding or bruising change my options?",
    "bovine_collagen_allergy": "Which treatments have no cow collagen in them?",
    "lidocaine_allergy": "Can my treatment be done without lidocaine?",
    "filler_reaction": "What does my past filler problem mean for fillers now?",
    "severe_allergy_history": "How does my serious allergic reaction change my options?",
    "autoimmune_or_immunosuppressed": "How does my health condition change how my skin heals?",
    "implanted_device_or_metal": "Which treatments does my implant or device affect?",
    "gold_threads": "Which treatments do my gold threads affect?",
    "recent_tan": "How long should I wait after sun or tanning before treatment?",
    "poor_healing": "How does the way my skin heals change my options?",
    "smoker": "How could smoking affect my healing?",
    "age_under_22": "Which options are approved for my age?",
}


def _day_range(low: int, high: int) -> str:
    if low == high:
        return "1 day" if high == 1 else f"{high} days"
    if low == 0:
        return f"up to {high} days"
    return f"{low} to {high} days"


def _visit_range(low: int, high: int) -> str:
    return f"{high} visits" if low == high else f"{low} to {high} visits"


def _modifier_notes(treatment: TreatmentFacts, answers: Answers) -> list[str]:
    """§7.4 notes, added after the scar-type reasons; none of them removes a treatment."""
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


# --------------------------------------------------------------------------------------------
# Matching (DOMAIN.md §7)
# --------------------------------------------------------------------------------------------


def scar_set(answers: Answers) -> tuple[str, ...]:
    """§7.1: the B3 scar types plus what F1 implies, in §2 order ("not sure" is not a type)."""
    chosen = set(answers.scar_looks)
    if Goal.MORE_EVEN_COLOUR in answers.goals:
        chosen |= MARK_TYPES
    if Goal.FLATTER_RAISED_SCARS in answers.goals:
        chosen.add(ScarLook.HYPERTROPHIC)
    return tuple(key for key in SCAR_TYPE_ORDER if key in chosen)


# Whatever the fit table says: red or purple marks are treated with vascular lasers, so a
# fractional laser is never offered for them (docs/clinical-rules.md, "Marks only").
_NEVER_SUGGESTED_FOR = frozenset({(TreatmentKey.FRACTIONAL_LASER, ScarLook.PIE)})


@dataclass(frozen=True)
class _Fit:
    treatment: TreatmentFacts
    order: int
    best: FitLevel | None
    used_scar_types: tuple[str, ...]  # best level first, then §2 order

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # §7.3: by fit, then by how many scar types in S it matches, then treatment order.
        return (self.best.rank, -len(self.used_scar_types), self.order)


def _fit_for(
    treatment: TreatmentFacts, order: int, scars: tuple[str, ...], rules: RuleBook
) -> _Fit:
    # "Matches" a scar type = used for it at all (first_choice, can_help or limited). Both
    # not_used and specialist_only count as no match: §7.3 never suggests either.
    levels = {scar: rules.fit_level(treatment.key, scar) for scar in scars}
    used = [
        scar
        for scar in scars
        if levels[scar].is_used and (treatment.key, scar) not in _NEVER_SUGGESTED_FOR
    ]
    used.sort(key=lambda scar: levels[scar].rank)  # stable: ties keep §2 order
    best = levels[used[0]] if used else None
    return _Fit(treatment, order, best, tuple(used))


def _scar_reason(scar: str, treatment: str, answers: Answers, rules: RuleBook) -> str:
    if scar in answers.scar_looks:
        facts = rules.scar_type(scar)
        prefix = facts.you_said if facts else ""
    else:
        prefix = _GOAL_SAID.get(scar, "")
    row = rules.fit(treatment, scar)
    return " ".join(part for part in (prefix, row.reason if row else "") if part)


def _suggestion(
    fit: _Fit,
    answers: Answers,
    rules: RuleBook,
    cautions: tuple[TriggeredCaution, ...],
    *,
    listed_for_several_types: bool = False,
) -> Suggestion:
    treatment = fit.treatment
    if listed_for_several_types:
        reasons = [SEVERAL_SCAR_TYPES_REASON]
        level, scar_types = None, ()
    else:
        scar_types = fit.used_scar_types
        reasons = [_scar_reason(scar, treatment.key, answers, rules) for scar in scar_types]
        level = fit.best.value if fit.best else None
    reasons += _modifier_notes(treatment, answers)
    return Suggestion(
        treatment=treatment.key,
        name=treatment.name,
        slug=treatment.slug,
        fit_level=level,
        scar_types=scar_types,
        reasons=tuple(reason for reason in reasons if reason),
        caution_keys=tuple(c.key for c in cautions if c.severity_for(treatment.key)),
    )


def _triggered_cautions(answers: Answers, rules: RuleBook) -> tuple[TriggeredCaution, ...]:
    triggered = []
    for hit in cautions_for(answers):
        text = rules.caution(hit.key)
        # A fired caution with no approved row is still shown (by key) rather than dropped:
        # losing a caution is worse than showing it without wording.
        severity_map = text.severity if text else {}
        severities = []
        for treatment in rules.treatments:
            severity = severity_map.get(treatment.key, severity_map.get(ANY_TREATMENT))
            if severity is None:
                continue
            if hit.severity_cap and Severity.rank_of(severity) > Severity.rank_of(hit.severity_cap):
                severity = hit.severity_cap
            severities.append((treatment.key, str(Severity(severity).value)))
        highest = Severity.highest(severity for _, severity in severities)
        wording = text.patient_wording if text else ""
        if hit.not_sure and text and text.not_sure_wording:
            wording = text.not_sure_wording
        triggered.append(
            TriggeredCaution(
                key=hit.key,
                title=text.title if text else CautionKey(hit.key).label,
                patient_wording=wording,
                clinician_note=text.clinician_note if text else "",
                reasons=hit.reasons,
                severity_by_treatment=tuple(severities),
                highest_severity=highest.value if highest else None,
                not_sure=hit.not_sure,
                affects_all=bool(rules.treatments) and len(severities) == len(rules.treatments),
            )
        )
    # §5: the review page sorts by highest severity; sorted() is stable, so equal severities
    # keep the §5 table order.
    return tuple(
        sorted(
            triggered,
            key=lambda c: -(Severity.rank_of(c.highest_severity) if c.highest_severity else -1),
        )
    )


def _caution_question(caution: TriggeredCaution, rules: RuleBook) -> str:
    text = rules.caution(caution.key)
    if text and text.question:
        return text.question
    return _DEFAULT_CAUTION_QUESTIONS.get(
        caution.key, f"How does this change my options: {caution.title}?"
    )


def _without_duplicates(questions: Iterable[str]) -> tuple[str, ...]:
    # Editors type the same question in several rows; compare ignoring case and spacing.
    seen: set[str] = set()
    unique = []
    for question in questions:
        normalised = " ".join(question.split()).casefold()
        if normalised and normalised not in seen:
            seen.add(normalised)
            unique.append(question.strip())
    return tuple(unique)


def _contraindicated(cautions: tuple[TriggeredCaution, ...]) -> dict[str, list[str]]:
    """Treatment key -> the caution keys that make it contraindicated for this patient."""
    ruled_out: dict[str, list[str]] = {}
    for caution in cautions:
        for treatment, severity in caution.severity_by_treatment:
            if severity == Severity.CONTRAINDICATED:
                ruled_out.setdefault(treatment, []).append(caution.key)
    return ruled_out


def _listed(fits: Mapping[str, _Fit], scars: tuple[str, ...], unsure: bool, marks_only: bool):
    """(suggested, several-types, other) fits, before cautions are applied."""
    if marks_only:
        # Marks are a color problem: brown marks get a peel, with the laser as another option
        # (for brown marks only). Red marks get neither: vascular lasers are what is used.
        brown = ScarLook.PIH in scars
        suggested = (
            [fits[TreatmentKey.CHEMICAL_PEEL]]
            if brown and TreatmentKey.CHEMICAL_PEEL in fits
            else []
        )
        other = (
            [fits[TreatmentKey.FRACTIONAL_LASER]]
            if brown and TreatmentKey.FRACTIONAL_LASER in fits
            else []
        )
    else:
        ranked = sorted((fit for fit in fits.values() if fit.best), key=lambda fit: fit.sort_key)
        suggested = [fit for fit in ranked if fit.best.is_suggested]
        # Limited ones only when nothing better fits.
        other = [] if suggested else [fit for fit in ranked if fit.best == FitLevel.LIMITED]
    several = []
    if unsure:
        # "Not sure" only: two broad treatments, after anything F1 already matched.
        for key in (TreatmentKey.FRACTIONAL_LASER, TreatmentKey.RF_MICRONEEDLING):
            if key in fits and fits[key] not in suggested:
                several.append(fits[key])
                other = [fit for fit in other if fit.treatment.key != key]
    return suggested, several, other


def _not_suggested(
    fit: _Fit, caution_keys: list[str], cautions: tuple[TriggeredCaution, ...]
) -> NotSuggested:
    name = fit.treatment.name
    reasons = [
        NOT_SUGGESTED_BECAUSE.get(key, NOT_SUGGESTED_FALLBACK).format(name=name)
        for key in caution_keys
    ]
    return NotSuggested(
        treatment=fit.treatment.key,
        name=name,
        slug=fit.treatment.slug,
        reasons=tuple(dict.fromkeys(reasons)),
        caution_keys=tuple(c.key for c in cautions if c.severity_for(fit.treatment.key)),
    )


def _guide_notes(answers: Answers, scars: tuple[str, ...], marks_only: bool) -> list[str]:
    notes = []
    if RAISED_SCAR_TYPES.intersection(scars):
        notes.append(RAISED_SCARS_NOTE)
    if marks_only:
        notes += [MARKS_FADE_NOTE, MARKS_FIRST_STEPS_NOTE]
        if answers.scar_duration == ScarDuration.UNDER_1_YEAR:
            notes.append(MARKS_WAITING_NOTE)
        if ScarLook.PIE in scars:
            notes.append(RED_MARKS_NOTE)
    return notes


def match(answers: Answers, rules: RuleBook) -> MatchResult:
    """The personal guide for one intake (docs/clinical-rules.md), deterministic for equal
    inputs. A treatment contraindicated by a caution is never suggested: it moves to
    ``not_suggested`` if it would otherwise have been listed."""
    scars = scar_set(answers)
    scar_types_unsure = not (answers.scar_looks - {ScarLook.NOT_SURE})  # "not sure" only
    has_raised = bool(RAISED_SCAR_TYPES.intersection(scars))
    has_marks = bool(MARK_TYPES.intersection(scars))
    marks_only = bool(scars) and set(scars) <= MARK_TYPES
    cautions = _triggered_cautions(answers, rules)
    ruled_out = _contraindicated(cautions)

    fits = {
        treatment.key: _fit_for(treatment, order, scars, rules)
        for order, treatment in enumerate(rules.treatments)
    }
    would_list = [
        fit for group in _listed(fits, scars, scar_types_unsure, marks_only) for fit in group
    ]
    allowed = {key: fit for key, fit in fits.items() if key not in ruled_out}
    suggested, several, other = _listed(allowed, scars, scar_types_unsure, marks_only)

    suggestions = [_suggestion(fit, answers, rules, cautions) for fit in suggested]
    suggestions += [
        _suggestion(fit, answers, rules, cautions, listed_for_several_types=True) for fit in several
    ]
    other_options = [_suggestion(fit, answers, rules, cautions) for fit in other]
    not_suggested = [
        _not_suggested(fit, ruled_out[fit.treatment.key], cautions)
        for fit in sorted(dict.fromkeys(would_list), key=lambda fit: fit.order)
        if fit.treatment.key in ruled_out
    ]

    # "What is an acne scar?" is the top of the scar guide page: one link, not two.
    if scar_types_unsure:
        pages = [GuidePage.SCAR_GUIDE, GuidePage.COMPARE]
    else:
        pages = [GuidePage.SCAR_GUIDE]
    if has_raised:
        pages.append(GuidePage.RAISED_SCARS)
    if has_marks:
        pages.append(GuidePage.MARKS)

    questions = list(rules.general_questions)
    if ScarLook.NOT_SURE in answers.scar_looks or scar_types_unsure:
        questions.append(QUESTION_WHICH_SCAR_TYPES)
    for suggestion in suggestions:
        questions += rules.treatment(suggestion.treatment).questions
    questions += [_caution_question(caution, rules) for caution in cautions]
    if ScarLook.ROLLING in scars:
        questions.append(QUESTION_SUBCISION)

    return MatchResult(
        scar_types=scars,
        skin_type=fitzpatrick_type(answers.sun_reaction, answers.skin_colour),
        pages=tuple(str(page.value) for page in pages),
        scar_types_unsure=scar_types_unsure,
        has_raised_scars=has_raised,
        marks_only=marks_only,
        suggestions=tuple(suggestions),
        other_options=tuple(other_options),
        cautions=cautions,
        questions=_without_duplicates(questions),
        not_suggested=tuple(not_suggested),
        notes=tuple(_guide_notes(answers, scars, marks_only)),
    )
