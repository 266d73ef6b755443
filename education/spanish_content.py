"""Loads the Spanish seed content (content/es/*.json) onto the rows the English made.

Rows are matched by their stable `key` (fits by their treatment and scar type), never by
position or name. The promise of load_clinic_content holds per language: Spanish text an
editor changed in the admin, or a Spanish page a clinician signed off, is never replaced
(unless --overwrite is asked for). Seeded Spanish pages name the clinic's reviewer setting
and are not signed off, like the English.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings

from education import bilingual
from education.levels import PageStatus
from education.model_bases import REVIEW_INTERVAL

SPANISH_DIR = "es"
LIST_FIELDS = ("side_effects", "rare_risks", "questions")


def _read(directory, name):
    path = Path(directory) / SPANISH_DIR / name
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _spanish_values(model, row):
    values = {}
    for name in bilingual.page_text_fields(model):
        if name not in row:
            continue
        value = row[name]
        values[f"{name}_es"] = "\n".join(value) if name in LIST_FIELDS else value
    return values


def _page_is_pristine(page):
    # Untouched since the loader wrote it: no Spanish yet, or exactly what was seeded,
    # and no Spanish sign-off (new seed text must not slip under a signature).
    if page.signed_sha256_es:
        return False
    return not bilingual.has_spanish_text(page) or (
        bilingual.spanish_seed_digest(page) == page.seeded_sha256_es
    )


def _load_pages(model, rows, pages, prepared_on, *, overwrite, report):
    name = f"{model._meta.verbose_name_plural} (Spanish)"
    for row in rows:
        page = pages.get(row["key"])
        if page is None:
            continue  # a Spanish row with no English page: nothing to attach it to
        values = _spanish_values(model, row)
        if not overwrite and not _page_is_pristine(page):
            report.count("kept", name)
            if any(bilingual.in_language(page, key[:-3], "es") != v for key, v in values.items()):
                report.behind.append(f"{model._meta.verbose_name} {page.key} (Spanish)")
            continue
        if all(getattr(page, attribute) == value for attribute, value in values.items()) and (
            page.seeded_sha256_es == bilingual.spanish_seed_digest(page)
        ):
            continue  # already as seeded
        for attribute, value in values.items():
            setattr(page, attribute, value)
        page.status_es = page.status if page.status == PageStatus.DRAFT else PageStatus.PUBLISHED
        page.reviewer_name_es = settings.CLINIC_CONTENT_REVIEWER_ES
        page.reviewer_credentials_es = ""
        page.signed_off_es = False
        page.last_reviewed_es = prepared_on
        page.next_review_due_es = prepared_on + REVIEW_INTERVAL
        page.seeded_sha256_es = bilingual.spanish_seed_digest(page)
        page.full_clean()
        # update_fields: the Spanish columns only, so a Spanish load never stamps an editor
        # or touches the English.
        page.save(update_fields=[*values, *_SPANISH_REVIEW_FIELDS])
        report.count("updated", name)


_SPANISH_REVIEW_FIELDS = (
    "status_es", "reviewer_name_es", "reviewer_credentials_es", "signed_off_es",
    "last_reviewed_es", "next_review_due_es", "seeded_sha256_es",
)  # fmt: skip


def _fill_empty(instance, values, *, overwrite, report, name):
    """Fits, cautions and cost lines: Spanish is written where it is empty (or on
    --overwrite), so an editor's Spanish wording stays."""
    current = {attribute: getattr(instance, attribute) for attribute in values}
    wanted = {
        attribute: value
        for attribute, value in values.items()
        if current[attribute] != value and (overwrite or not current[attribute])
    }
    if wanted:
        type(instance).objects.filter(pk=instance.pk).update(**wanted)
        report.count("updated", name)
    elif any(current[attribute] != value for attribute, value in values.items()):
        report.count("kept", name)


def spanish_content_load(directory, prepared_on: datetime.date, *, scar_types, treatments,
                         overwrite, report):  # fmt: skip
    """`scar_types` and `treatments` map keys to the rows the English load left."""
    from education.models import Caution, ScarType, SearchSynonym, Treatment, TreatmentFit

    rows = _read(directory, "scar_types.json")
    if rows:
        _load_pages(ScarType, rows, scar_types, prepared_on, overwrite=overwrite, report=report)
    rows = _read(directory, "treatments.json")
    if rows:
        _load_pages(Treatment, rows, treatments, prepared_on, overwrite=overwrite, report=report)
    for key, cost in (_read(directory, "costs.json") or {}).items():
        if key in treatments and cost and isinstance(cost, str):
            _fill_empty(
                treatments[key], {"cost_note_es": cost}, overwrite=overwrite, report=report,
                name="costs (Spanish)",
            )  # fmt: skip
    fits = {
        (fit.treatment.key, fit.scar_type.key): fit
        for fit in TreatmentFit.objects.select_related("treatment", "scar_type")
    }
    for row in _read(directory, "fits.json") or []:
        fit = fits.get((row["treatment"], row["scar_type"]))
        if fit is not None:
            _fill_empty(
                fit, {"reason_es": row["reason"]}, overwrite=overwrite, report=report,
                name="treatment fits (Spanish)",
            )  # fmt: skip
    cautions = {caution.key: caution for caution in Caution.objects.all()}
    for row in _read(directory, "cautions.json") or []:
        caution = cautions.get(row["key"])
        if caution is not None:
            _fill_empty(
                caution, _spanish_values(Caution, row), overwrite=overwrite, report=report,
                name="cautions (Spanish)",
            )  # fmt: skip
    for row in _read(directory, "synonyms.json") or []:
        _, created = SearchSynonym.objects.get_or_create(
            word=row["word"].strip().lower(), defaults={"means": row["means"]}
        )
        report.count("created" if created else "kept", "search synonyms (Spanish)")
