"""The parts of an intake the review page shows besides its reading list
(intake/selectors.py): cautions with treatments by name and severities in words, and the
answers grouped by step. Content names come from education/lookups.py (read once per
content version); the intake's own rows are read per request and never kept."""

from education.levels import Severity
from education.lookups import content_names
from intake.models import MULTI_CHOICES


def cautions_for_review(result):
    """A match's cautions as the dermatologist reads them: each with the treatments
    it affects by name and the severity in words, not as rule keys."""
    names = content_names().treatment_names
    return [
        {
            "caution": caution,
            "severity_label": severity_label(caution.highest_severity),
            "by_treatment": [
                (names.get(key, key), severity_label(severity))
                for key, severity in caution.severity_by_treatment
            ],
        }
        for caution in result.cautions
    ]


def severity_label(value):
    """A severity in words; one a later rule book no longer has is shown as stored."""
    if not value:
        return ""
    return Severity(value).label if value in Severity.values else str(value)


def answer_sections(intake):
    """The answers grouped by the steps the patient saw, labelled as on the form."""
    from intake.steps import STEPS, answer_rows

    choice_rows = list(intake.choice_rows.all())

    def value_of(name):
        if name in MULTI_CHOICES:
            return [row.value for row in choice_rows if row.question == name]
        return getattr(intake, name, None)

    return [{"title": step.title, "rows": answer_rows(step, value_of)} for step in STEPS]
