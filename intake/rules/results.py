"""The rules' data: the rule book they read and the result they give (docs/clinical-rules.md).

Plain frozen dataclasses. A result is stored as JSON with each intake (``to_dict``, made by
``dataclasses.asdict``) and read back with ``from_dict``, which keeps old intakes readable:
a key a later version no longer has is ignored, and a field an older result lacks takes
its default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from education.levels import FitLevel, Severity

# --------------------------------------------------------------------------------------------
# The rule book (admin-edited rows, converted by the caller)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreatmentFacts:
    """A published treatment . Only published ones are passed in, so an
    unpublished one (subcision today) can never be suggested."""

    key: str
    name: str
    slug: str
    sessions_min: int
    sessions_max: int
    downtime_min_days: int
    downtime_max_days: int
    questions: tuple[str, ...] = ()  # the explainer's "Ask" lines


@dataclass(frozen=True)
class FitRow:
    """One approved cell of the fit table with its why-text."""

    treatment: str
    scar_type: str
    level: str
    reason: str


@dataclass(frozen=True)
class ScarTypeFacts:
    """A scar type . ``you_said`` echoes the patient's B3 answer, e.g. "You said some
    scars are wide, soft dips (rolling scars)."."""

    key: str
    name: str
    slug: str
    you_said: str


@dataclass(frozen=True)
class CautionText:
    """The approved wording and per-treatment severity of one caution.

    ``severity`` maps treatment key to a ``Severity`` value; the key ``"*"`` (ANY_TREATMENT)
    covers every treatment not named, for "all" and "others". A treatment absent from
    the mapping (and no "*") is not affected. ``question`` is the "one per caution"
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
    of the ranking (pass the clinic's display order)."""

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
# The result
# --------------------------------------------------------------------------------------------


class Stored:
    """``to_dict``/``from_dict`` for a result dataclass. ``nested`` names the fields that hold
    other stored dataclasses (a tuple of them, or one)."""

    nested: ClassVar[dict[str, type]] = {}

    def to_dict(self) -> dict:
        """Plain dicts, lists, str, int, bool and None, so ``json.dumps`` takes it as is."""
        return _plain(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):
        known = {f.name for f in dataclasses.fields(cls) if f.init}
        values = {}
        for name, value in data.items():
            if name not in known:
                continue  # written by another version of the rules
            kind = cls.nested.get(name)
            if kind and isinstance(value, list | tuple):
                value = tuple(kind.from_dict(item) for item in value)
            elif kind:
                value = kind.from_dict(value)
            else:
                value = _frozen(value)
            values[name] = value
        return cls(**values)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _frozen(value):
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


@dataclass(frozen=True)
class SkinTypeEstimate(Stored):
    """Self-reported Fitzpatrick type (1-6, internal only) or None when it cannot be told.

    ``source`` says which question gave the type ("C1" or "C2") for the review page.
    """

    type: int | None
    confirm_in_clinic: bool
    source: str | None = None


@dataclass(frozen=True)
class Suggestion(Stored):
    """A treatment on the reading list (or under "other options").

    ``fit_level`` is the best fit level across the scar set, or None when the treatment is
    listed for another reason ("used for several scar types"). ``caution_keys`` drive the
    "Talk about this first" badge, in the same order as ``MatchResult.cautions``.
    """

    treatment: str
    name: str
    slug: str
    fit_level: str | None
    scar_types: tuple[str, ...]
    reasons: tuple[str, ...]
    caution_keys: tuple[str, ...]


@dataclass(frozen=True)
class TriggeredCaution(Stored):
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TriggeredCaution:
        data = dict(data)
        by_treatment = data.get("severity_by_treatment", ())
        if isinstance(by_treatment, Mapping):  # results stored before 2026-12 kept a dict
            data["severity_by_treatment"] = list(by_treatment.items())
        return super().from_dict(data)

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


@dataclass(frozen=True)
class NotSuggested(Stored):
    """A treatment the answers rule out (contraindicated): listed after the suggestions under
    "Usually not used for people who answered as you did", never ranked or counted."""

    treatment: str
    name: str
    slug: str
    reasons: tuple[str, ...]
    caution_keys: tuple[str, ...]


@dataclass(frozen=True)
class MatchResult(Stored):
    """Everything the personal guide and the review page need from one intake.

    ``pages`` are ``GuidePage`` keys in display order. ``scar_types`` is the scar set S.
    """

    nested: ClassVar[dict[str, type]] = {
        "skin_type": SkinTypeEstimate,
        "suggestions": Suggestion,
        "other_options": Suggestion,
        "cautions": TriggeredCaution,
        "not_suggested": NotSuggested,
    }

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
    # Results stored before these existed have neither: they render without them.
    not_suggested: tuple[NotSuggested, ...] = ()
    notes: tuple[str, ...] = ()  # answer-dependent guide notes (marks, raised scars)

    @property
    def urgent_cautions(self) -> tuple[TriggeredCaution, ...]:
        return tuple(caution for caution in self.cautions if caution.is_urgent)

    @property
    def before_any_cautions(self) -> tuple[TriggeredCaution, ...]:
        return tuple(caution for caution in self.cautions if caution.before_any_treatment)
