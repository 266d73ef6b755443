"""Pure intake rules: skin type, cautions and the reading-list match (docs/clinical-rules.md).

Why pure: the rules are clinical logic the dermatologist signs off, so they must be testable
line by line without a database, a request or settings. The caller (``intake/services.py``)
loads the approved, admin-edited rows, turns them into the plain frozen dataclasses of
``results``, calls ``cautions_for`` / ``match`` and stores ``MatchResult.to_dict()`` with
the intake and the rule version.

The modules, one job each:

- ``answers``: the ``Answers`` the rules read (from the question registry) and the skin type;
- ``triggers``: the caution trigger table;
- ``matching``: the match itself;
- ``wording``: the patient-facing sentences that depend on the answers;
- ``results``: the rule book and result dataclasses, stored as JSON.

Rules decide *which* explainers, cautions and questions apply; the admin-edited rows decide
the *wording* and each treatment's severity. Nothing here blocks a submission or hides an
explainer; a treatment contraindicated for the patient is listed as "usually not used", not
suggested.
"""

from intake.rules.answers import (
    ANY_TREATMENT,
    FILLER_TREATMENTS,
    MARK_TYPES,
    RAISED_SCAR_TYPES,
    SCAR_TYPE_ORDER,
    Answers,
    fitzpatrick_type,
)
from intake.rules.matching import match, scar_set
from intake.rules.results import (
    CautionText,
    FitRow,
    MatchResult,
    NotSuggested,
    RuleBook,
    ScarTypeFacts,
    SkinTypeEstimate,
    Suggestion,
    TreatmentFacts,
    TriggeredCaution,
)
from intake.rules.triggers import CAUTION_ORDER, TRIGGERS, CautionHit, cautions_for
from intake.rules.wording import (
    BELLAFILL_CHEEKS_NOTE,
    HAD_BEFORE_NOTE,
    MARKS_FADE_NOTE,
    MARKS_FIRST_STEPS_NOTE,
    MARKS_WAITING_NOTE,
    NOT_SUGGESTED_BECAUSE,
    QUESTION_SUBCISION,
    QUESTION_WHICH_SCAR_TYPES,
    RAISED_SCARS_NOTE,
    RED_MARKS_NOTE,
    SEVERAL_SCAR_TYPES_REASON,
    STRETCH_FIRM_NOTE,
    STRETCH_SOFT_NOTE,
    STRETCH_SOME_NOTE,
)

__all__ = [
    "ANY_TREATMENT",
    "BELLAFILL_CHEEKS_NOTE",
    "CAUTION_ORDER",
    "FILLER_TREATMENTS",
    "HAD_BEFORE_NOTE",
    "MARKS_FADE_NOTE",
    "MARKS_FIRST_STEPS_NOTE",
    "MARKS_WAITING_NOTE",
    "MARK_TYPES",
    "NOT_SUGGESTED_BECAUSE",
    "QUESTION_SUBCISION",
    "QUESTION_WHICH_SCAR_TYPES",
    "RAISED_SCARS_NOTE",
    "RAISED_SCAR_TYPES",
    "RED_MARKS_NOTE",
    "SCAR_TYPE_ORDER",
    "SEVERAL_SCAR_TYPES_REASON",
    "STRETCH_FIRM_NOTE",
    "STRETCH_SOFT_NOTE",
    "STRETCH_SOME_NOTE",
    "TRIGGERS",
    "Answers",
    "CautionHit",
    "CautionText",
    "FitRow",
    "MatchResult",
    "NotSuggested",
    "RuleBook",
    "ScarTypeFacts",
    "SkinTypeEstimate",
    "Suggestion",
    "TreatmentFacts",
    "TriggeredCaution",
    "cautions_for",
    "fitzpatrick_type",
    "match",
    "scar_set",
]
