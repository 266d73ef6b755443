"""Read-only queries shaped for each education page (each with a query-count test)."""

from django.db.models import Prefetch

from education import signoff
from education.levels import FitLevel, PageStatus, Severity
from education.models import (
    Caution,
    CautionEffect,
    RuleBookVersion,
    ScarType,
    Treatment,
    TreatmentFit,
)
from education.signoff import RuleBookSnapshot, caution_entry, fit_entry


def _published_fits():
    return Prefetch(
        "fits",
        queryset=TreatmentFit.objects.select_related("scar_type", "treatment").filter(
            scar_type__status="published", treatment__status="published"
        ),
    )


def _caution_effects():
    return Prefetch("caution_effects", queryset=CautionEffect.objects.select_related("caution"))


def published_scar_types():
    return ScarType.objects.published().prefetch_related(_published_fits())


def published_treatments():
    return Treatment.objects.published().prefetch_related(_published_fits())


def treatments_for_compare():
    return Treatment.objects.published().prefetch_related(_published_fits(), _caution_effects())


def treatment_pages(queryset):
    """Treatments with their fits, cautions and published related treatments."""
    return queryset.prefetch_related(
        _published_fits(),
        _caution_effects(),
        Prefetch("related", queryset=Treatment.objects.published(), to_attr="published_related"),
    )


def scar_type_pages(queryset):
    return queryset.prefetch_related(_published_fits())


def cautions_deferred_for_every_treatment(treatments):
    """Keys of the cautions that are 'usually deferred' for every one of `treatments`
    (prefetched effects). One treatment with another severity (contraindicated, or
    only discuss) keeps the caution out: that treatment's row must say so itself."""
    keys = None
    for treatment in treatments:
        deferred = {
            effect.caution.key
            for effect in treatment.caution_effects.all()
            if effect.severity == Severity.USUALLY_DEFERRED
        }
        keys = deferred if keys is None else keys & deferred
    return keys or set()


def fits_by_level(fits, *, key):
    """Groups prefetched fits by level, best first, dropping levels with no rows.

    `key` picks the object named in each row ("treatment" or "scar_type")."""
    groups = {}
    for fit in fits:
        groups.setdefault(fit.level, []).append(fit)
    ordered = sorted(groups.items(), key=lambda item: FitLevel(item[0]).rank)
    return [
        {
            "level": level,
            "label": FitLevel(level).label,
            "rows": sorted(rows, key=lambda fit: getattr(fit, key).order),
        }
        for level, rows in ordered
    ]


def suited_scar_types(treatment):
    """Scar types a treatment is often first for or can help, from prefetched fits."""
    return [fit.scar_type for fit in treatment.fits.all() if fit.is_suggested]


def suited_treatments(scar_type):
    """Treatments often first for or able to help a scar type, from prefetched fits."""
    return [fit.treatment for fit in scar_type.fits.all() if fit.is_suggested]


def treatment_cards(treatments):
    """Each treatment with the scar types it is often used for (its card's list)."""
    return [
        {
            "treatment": t,
            "suits": suited_scar_types(t),
            "in_english": getattr(t, "in_english", False),
        }
        for t in treatments
    ]


def scar_type_cards(scar_types):
    """Each scar type with the treatments often considered for it (its card's list)."""
    return [
        {
            "scar_type": s,
            "treatments": suited_treatments(s),
            "in_english": getattr(s, "in_english", False),
        }
        for s in scar_types
    ]


def cautions_by_severity(treatment):
    """The treatment's cautions, most serious first, from prefetched effects."""
    effects = list(treatment.caution_effects.all())
    return sorted(
        effects, key=lambda effect: (-Severity(effect.severity).rank, effect.caution.order)
    )


# Search lives in education/search.py; this name stays for the views and tests.
from education.search import search_pages  # noqa: E402, F401


def compare_table(treatments):
    """The compare page's rows. Cautions that usually mean waiting for every
    treatment (pregnancy, active acne…) are returned once, for a line above the
    table, instead of repeating in every row; a caution that is stronger for some
    treatment (contraindicated) stays in that treatment's row. 'Discuss' cautions are
    left to the explainers."""
    shared = cautions_deferred_for_every_treatment(treatments)
    shared_waits = {}
    for treatment in treatments:
        for effect in treatment.caution_effects.all():
            if effect.caution.key in shared:
                shared_waits[effect.caution.key] = effect.caution
    rows = [
        {
            "treatment": treatment,
            "suits": suited_scar_types(treatment),
            "cautions": [
                effect
                for effect in cautions_by_severity(treatment)
                if effect.severity != Severity.DISCUSS and effect.caution.key not in shared
            ],
        }
        for treatment in treatments
    ]
    return sorted(shared_waits.values(), key=lambda caution: caution.order), rows


def rulebook_snapshot() -> RuleBookSnapshot:
    """The rule book a dermatologist signs, read in five queries: every treatment
    (drafts too, marked, so publishing one changes the version), the scar types, the
    fit table and each caution with its per-treatment severities (docs/clinical-rules.md)."""
    treatments = list(Treatment.objects.order_by("order", "key").values("key", "name_en", "status"))
    scar_types = [
        {"key": row["key"], "name": row["name_en"]}
        for row in ScarType.objects.order_by("order", "key").values("key", "name_en")
    ]
    fits = {
        f"{row['treatment__key']}:{row['scar_type__key']}": fit_entry(
            level=row["level"], reason=row["reason_en"] or ""
        )
        for row in TreatmentFit.objects.order_by("treatment__order", "scar_type__order").values(
            "treatment__key", "scar_type__key", "level", "reason_en"
        )
    }
    severities = {}
    for caution_id, treatment_key, severity in CautionEffect.objects.values_list(
        "caution_id", "treatment__key", "severity"
    ):
        severities.setdefault(caution_id, {})[treatment_key] = severity
    cautions = {
        caution.key: caution_entry(caution, severities.get(caution.pk, {}))
        for caution in Caution.objects.order_by("order", "key")
    }
    return RuleBookSnapshot(
        {
            "treatments": [
                {
                    "key": row["key"],
                    "name": row["name_en"],
                    "published": row["status"] == PageStatus.PUBLISHED,
                }
                for row in treatments
            ],
            "scar_types": scar_types,
            "fits": fits,
            "cautions": cautions,
        }
    )


def rulebook_version_for(digest):
    """The stored version with this hash (and its signer), or None: an intake saved
    before versions were stored, whose rules were never signed off."""
    if not digest:
        return None
    return (
        RuleBookVersion.objects.select_related("signed_by")
        .defer("snapshot")
        .filter(digest=digest)
        .first()
    )


_SHORT_LEVELS = {
    FitLevel.FIRST_CHOICE: "First choice",
    FitLevel.CAN_HELP: "Can help",
    FitLevel.LIMITED: "Limited",
    FitLevel.NOT_USED: "Not used",
    FitLevel.SPECIALIST_ONLY: "Dermatologist decides",
}


def _level_label(entry):
    return _SHORT_LEVELS.get(entry["level"], entry["level"]) if entry else "—"


def signoff_overview():
    """Everything the "Clinical sign-off" screen shows, in a fixed number of queries:
    the fit matrix and every caution as the current snapshot has them, what changed
    since the last signed version, pages whose text is not (or no longer) signed off,
    and the recent sign-offs."""
    snapshot = rulebook_snapshot()
    data = snapshot.data
    last_signed = RuleBookVersion.objects.last_signed()
    signed = last_signed.snapshot if last_signed else {"fits": {}, "cautions": {}}
    current = rulebook_version_for(snapshot.digest)
    treatment_names = {row["key"]: row["name"] for row in data["treatments"]}
    matrix = [
        {
            "treatment": row,
            "cells": [
                {
                    "label": _level_label(data["fits"].get(f"{row['key']}:{scar['key']}")),
                    "was": _level_label(signed["fits"].get(f"{row['key']}:{scar['key']}")),
                    "changed": last_signed is not None
                    and data["fits"].get(f"{row['key']}:{scar['key']}")
                    != signed["fits"].get(f"{row['key']}:{scar['key']}"),
                }
                for scar in data["scar_types"]
            ],
        }
        for row in data["treatments"]
    ]
    cautions = [
        {
            "key": key,
            "entry": entry,
            "changed": last_signed is not None and signed["cautions"].get(key) != entry,
            "wordings": [
                (name.replace("_", " ").capitalize(), text)
                for name, text in entry.items()
                if name not in ("title", "severity")
            ],
            "severities": sorted(
                (
                    (treatment_names.get(treatment, treatment), Severity(severity).label)
                    for treatment, severity in entry["severity"].items()
                    if severity in Severity.values
                ),
                key=lambda pair: pair[0],
            ),
        }
        for key, entry in data["cautions"].items()
    ]
    pages = [
        page
        for model in (Treatment, ScarType)
        for page in model.objects.order_by("order", "name")
        if not page.is_medically_reviewed
    ]
    return {
        "snapshot": snapshot,
        "current": current,
        "is_signed": bool(current and current.is_signed),
        "last_signed": last_signed,
        "changes": signoff.rulebook_diff(last_signed.snapshot if last_signed else None, data),
        "scar_types": data["scar_types"],
        "matrix": matrix,
        "cautions": cautions,
        "pages": pages,
        "history": list(
            RuleBookVersion.objects.signed()
            .select_related("signed_by")
            .defer("snapshot")
            .order_by("-signed_at", "-pk")[:5]
        ),
    }
