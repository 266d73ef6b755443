"""Reads for the intake: the rule book built from admin-edited rows, and guides."""

import hashlib

from django.db.models import Prefetch

from education.models import Caution, CautionEffect, ScarType, Treatment, TreatmentFit
from intake import rules
from intake.models import Intake

# DOMAIN.md §3.2 "Questions for any treatment", in our words.
GENERAL_QUESTIONS = (
    "How many sessions would I need, and over how many months?",
    "How much time off would I need after each visit?",
    "What result is realistic for my scars and my skin type?",
    "What are the risks for me?",
    "What does the whole course cost?",
    "What happens if I do nothing?",
)


def rulebook_load():
    """The rule book from the current rows: published treatments only, so a draft
    (subcision today) is never suggested. Returns (rulebook, version)."""
    treatments = list(Treatment.objects.published().order_by("order"))
    published_keys = {treatment.key for treatment in treatments}
    fits = list(
        TreatmentFit.objects.select_related("treatment", "scar_type").filter(
            treatment__key__in=published_keys
        )
    )
    cautions = list(
        Caution.objects.prefetch_related(
            Prefetch("effects", queryset=CautionEffect.objects.select_related("treatment"))
        )
    )
    book = rules.RuleBook(
        treatments=tuple(
            rules.TreatmentFacts(
                key=treatment.key,
                name=treatment.name,
                slug=treatment.slug,
                sessions_min=treatment.sessions_min,
                sessions_max=treatment.sessions_max,
                downtime_min_days=treatment.downtime_min_days,
                downtime_max_days=treatment.downtime_max_days,
                questions=tuple(treatment.question_list),
            )
            for treatment in treatments
        ),
        fits=tuple(
            rules.FitRow(
                treatment=fit.treatment.key,
                scar_type=fit.scar_type.key,
                level=fit.level,
                reason=fit.reason,
            )
            for fit in fits
        ),
        scar_types=tuple(
            rules.ScarTypeFacts(
                key=scar.key, name=scar.name, slug=scar.slug, you_said=scar.you_said
            )
            for scar in ScarType.objects.order_by("order")
        ),
        cautions=tuple(
            rules.CautionText(
                key=caution.key,
                title=caution.title,
                patient_wording=caution.patient_wording,
                clinician_note=caution.clinician_note,
                severity={
                    effect.treatment.key: effect.severity
                    for effect in caution.effects.all()
                    if effect.treatment.key in published_keys
                },
            )
            for caution in cautions
        ),
        general_questions=GENERAL_QUESTIONS,
    )
    return book, rule_version([*treatments, *fits, *cautions])


def rule_version(rows):
    """When the rule data last changed, stored with each intake (DOMAIN.md §7) so a
    later edit of the matrix or the cautions can be told apart."""
    latest = max((row.updated_at for row in rows), default=None)
    return latest.isoformat() if latest else "empty"


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def guide_for_token(token):
    """The intake a guide link opens, or None when the token is wrong or expired."""
    if not token or len(token) > 100:
        return None
    return Intake.objects.with_guide_token_hash(token_hash(token)).first()
