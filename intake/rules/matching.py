"""Matching: (answers, rule book) -> the personal guide (docs/clinical-rules.md, "Matching").

A pure function: the same answers and rule book always give the same result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from education.levels import FitLevel, Severity
from intake.choices import CautionKey, Goal, GuidePage, ScarDuration, ScarLook, TreatmentKey
from intake.rules.answers import (
    ANY_TREATMENT,
    MARK_TYPES,
    RAISED_SCAR_TYPES,
    SCAR_TYPE_ORDER,
    Answers,
    fitzpatrick_type,
)
from intake.rules.results import (
    MatchResult,
    NotSuggested,
    RuleBook,
    Suggestion,
    TreatmentFacts,
    TriggeredCaution,
)
from intake.rules.triggers import cautions_for
from intake.rules.wording import (
    MARKS_FADE_NOTE,
    MARKS_FIRST_STEPS_NOTE,
    MARKS_WAITING_NOTE,
    NOT_SUGGESTED_BECAUSE,
    NOT_SUGGESTED_FALLBACK,
    QUESTION_SUBCISION,
    QUESTION_WHICH_SCAR_TYPES,
    RAISED_SCARS_NOTE,
    RED_MARKS_NOTE,
    SEVERAL_SCAR_TYPES_REASON,
    caution_question,
    goal_said,
    modifier_notes,
)


def scar_set(answers: Answers) -> tuple[str, ...]:
    """The B3 scar types plus what F1 implies, in scar-guide order ("not sure" is not a type)."""
    chosen = set(answers.scar_looks)
    # "More even color" stands for both kinds of marks only when B3 named neither: a
    # patient who ticked red marks alone is not given brown ones, and with them a
    # fractional laser "for brown marks" (never offered for red marks).
    if Goal.MORE_EVEN_COLOUR in answers.goals and not chosen & MARK_TYPES:
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
    used_scar_types: tuple[str, ...]  # best level first, then scar-guide order

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # By fit, then by how many scar types in S it matches, then treatment order.
        return (self.best.rank, -len(self.used_scar_types), self.order)


def _fit_for(
    treatment: TreatmentFacts, order: int, scars: tuple[str, ...], rules: RuleBook
) -> _Fit:
    # "Matches" a scar type = used for it at all (first_choice, can_help or limited). Both
    # not_used and specialist_only count as no match: neither is ever suggested.
    levels = {scar: rules.fit_level(treatment.key, scar) for scar in scars}
    used = [
        scar
        for scar in scars
        if levels[scar].is_used and (treatment.key, scar) not in _NEVER_SUGGESTED_FOR
    ]
    used.sort(key=lambda scar: levels[scar].rank)  # stable: ties keep scar-guide order
    best = levels[used[0]] if used else None
    return _Fit(treatment, order, best, tuple(used))


def _scar_reason(scar: str, treatment: str, answers: Answers, rules: RuleBook) -> str:
    if scar in answers.scar_looks:
        facts = rules.scar_type(scar)
        prefix = facts.you_said if facts else ""
    else:
        prefix = goal_said.get(scar, "")
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
    reasons += modifier_notes(treatment, answers)
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
    # The review page sorts by highest severity; sorted() is stable, so equal severities
    # keep the caution table order.
    return tuple(
        sorted(
            triggered,
            key=lambda c: -(Severity.rank_of(c.highest_severity) if c.highest_severity else -1),
        )
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
    questions += [
        caution_question(caution.key, caution.title, rules.caution(caution.key))
        for caution in cautions
    ]
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
