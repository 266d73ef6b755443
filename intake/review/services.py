"""Writes of the review workspace: the dermatologist's assessment."""

from django.db import transaction
from django.db.models import F

from intake.models import Assessment, AuditAction, Intake
from intake.services import audit_record


class AssessmentConflict(Exception):
    """Someone else saved this intake after the form was opened."""


def _shown(value):
    if value in (None, ""):
        return "(blank)"
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(item) for item in value)) or "(none)"
    return str(value)


# Assessment fields whose values the audit log never copies (see intake_assess).
FREE_TEXT_CHANGES = {"notes", "plan"}


@transaction.atomic
def intake_assess(
    *,
    intake,
    actor,
    expected_version,
    status,
    grade,
    notes,
    plan,
    scar_types,
    consultation_on=None,
    ip_address=None,
):
    """Saves the dermatologist's assessment, status and the consultation date, or raises
    AssessmentConflict if the intake changed since the form was opened (nothing is
    overwritten)."""
    updated = Intake.objects.filter(pk=intake.pk, version=expected_version).update(
        version=F("version") + 1, status=status, consultation_on=consultation_on
    )
    if updated == 0:
        raise AssessmentConflict
    assessment, _ = Assessment.objects.get_or_create(intake=intake)
    before = {
        "status": intake.get_status_display(),
        "consultation date": intake.consultation_on,
        "grade": assessment.get_grade_display() if assessment.grade else None,
        "notes": assessment.notes,
        "plan": assessment.plan,
        "scar types seen": [scar.name for scar in assessment.scar_types_seen.all()],
    }
    assessment.grade = grade
    assessment.notes = notes
    assessment.plan = plan
    assessment.updated_by = actor
    assessment.full_clean(exclude=["intake"])
    assessment.save()
    assessment.scar_types_seen.set(scar_types)
    intake.status = status
    intake.consultation_on = consultation_on
    intake.version = expected_version + 1
    after = {
        "status": intake.get_status_display(),
        "consultation date": consultation_on,
        "grade": assessment.get_grade_display() if assessment.grade else None,
        "notes": notes,
        "plan": plan,
        "scar types seen": [scar.name for scar in scar_types],
    }
    changes = [
        # The audit log outlives the intake (purge_intakes keeps it), so the
        # dermatologist's own words are not copied into it: only that they changed.
        f"{name}: changed"
        if name in FREE_TEXT_CHANGES
        else f"{name}: {_shown(before[name])} → {_shown(after[name])}"
        for name in after
        if _shown(before[name]) != _shown(after[name])
    ]
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        intake=intake,
        ip_address=ip_address,
        detail="\n".join(changes) or "Saved with no changes",
    )
    return changes
