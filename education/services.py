"""The only code that writes education content: the seed loader and editor actions."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from education import bilingual
from education.levels import PageStatus
from education.models import (
    REVIEW_INTERVAL,
    Caution,
    CautionEffect,
    RuleBookVersion,
    ScarType,
    SearchSynonym,
    Treatment,
    TreatmentFit,
)
from education.signoff import digest, pages_sign_as_shown
from education.spanish_content import spanish_content_load

CONTENT_DIR = Path(__file__).resolve().parent / "content"

SCAR_FIELDS = [
    "slug", "name", "clinical_name", "kind", "distensible", "summary", "description",
    "how_to_recognise", "you_said", "order",
]  # fmt: skip
TREATMENT_TEXT_FIELDS = [
    "slug", "name", "order", "summary", "what_it_is", "how_it_works", "visit",
    "sessions_min", "sessions_max", "sessions_text", "downtime_min_days",
    "downtime_max_days", "downtime_text", "results_show", "results_last",
    "approval_note", "limits",
]  # fmt: skip
TREATMENT_LIST_FIELDS = ["side_effects", "rare_risks", "questions"]
CAUTION_FIELDS = [
    "title", "trigger_summary", "patient_wording", "public_wording", "clinician_note",
]  # fmt: skip
# Optional in the seed files: blank when a caution has none.
CAUTION_OPTIONAL_FIELDS = ["not_sure_wording", "question"]


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    # Kept rows whose seed text has changed since: the corrections an editor (or the
    # dermatologist) must carry over by hand, or take with --overwrite.
    behind: list[str] = field(default_factory=list)

    def count(self, bucket, model_name):
        target = getattr(self, bucket)
        target[model_name] = target.get(model_name, 0) + 1

    def lines(self):
        names = sorted({*self.created, *self.updated, *self.kept})
        return [
            f"{name}: {self.created.get(name, 0)} created, {self.updated.get(name, 0)} "
            f"updated, {self.kept.get(name, 0)} kept as edited"
            for name in names
        ] + [f"kept as edited, but the seed text differs: {row}" for row in self.behind]


def _read(directory, name):
    with open(Path(directory) / name, encoding="utf-8") as handle:
        return json.load(handle)


def _is_pristine(instance):
    # Rows the loader wrote have no editor; an admin save stamps updated_by. A row the
    # dermatologist signed off is theirs too: new seed text must not slip under a
    # signature, even unedited (the sign-off stamps rows without an editor).
    return instance.updated_by_id is None and not instance.signed_sha256


def _upsert(model, lookup, values, *, overwrite, report):
    """Creates the row if missing; refreshes it only if no editor has touched it
    (or when `overwrite` is asked for). Returns (instance, written)."""
    name = model._meta.verbose_name_plural
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        report.count("created", name)
        return instance, True
    if not overwrite and not _is_pristine(instance):
        report.count("kept", name)
        if any(
            getattr(instance, attribute) != value
            for attribute, value in values.items()
            if attribute not in _REVIEW_KEYS
        ):
            report.behind.append(f"{model._meta.verbose_name} {instance}")
        return instance, False
    changed = False
    for attribute, value in values.items():
        if getattr(instance, attribute) != value:
            setattr(instance, attribute, value)
            changed = True
    if overwrite and instance.updated_by_id is not None:
        instance.updated_by = None
        changed = True
    if changed:
        instance.full_clean()
        instance.save()
        report.count("updated", name)
    return instance, True


_REVIEW_KEYS = {
    "status", "reviewer_name", "reviewer_credentials", "signed_off", "last_reviewed",
    "next_review_due",
}  # fmt: skip


def _review_values(status, prepared_on):
    # Seeded pages name the clinic setting as reviewer (never an invented person)
    # and stay "not signed off" until the dermatologist marks them reviewed.
    return {
        "status": status,
        "reviewer_name": settings.CLINIC_CONTENT_REVIEWER,
        "reviewer_credentials": "",
        "signed_off": False,
        "last_reviewed": prepared_on,
        "next_review_due": prepared_on + REVIEW_INTERVAL,
    }


@transaction.atomic
def clinic_content_load(*, directory=CONTENT_DIR, overwrite=False, dry_run=False):
    """Loads the clinic's seed content, keyed by stable keys; safe to run again."""
    report = LoadReport()
    manifest = _read(directory, "manifest.json")
    prepared_on = datetime.date.fromisoformat(manifest["prepared_on"])
    # English first, under English: the plain field names then write the `_en` columns.
    with transaction.atomic(), translation.override("en"):
        scar_types, treatments = _load_all(
            directory, prepared_on, overwrite=overwrite, report=report
        )
        spanish_content_load(
            directory,
            prepared_on,
            scar_types=scar_types,
            treatments=treatments,
            overwrite=overwrite,
            report=report,
        )
        if dry_run:
            transaction.set_rollback(True)  # the report stays; the writes go
    return report


def _load_all(directory, prepared_on, *, overwrite, report):
    scar_types = {}
    for row in _read(directory, "scar_types.json"):
        values = {name: row[name] for name in SCAR_FIELDS}
        values.update(_review_values(PageStatus.PUBLISHED, prepared_on))
        scar_types[row["key"]], _ = _upsert(
            ScarType, {"key": row["key"]}, values, overwrite=overwrite, report=report
        )

    treatments = {}
    related = {}
    for row in _read(directory, "treatments.json"):
        values = {name: row[name] for name in TREATMENT_TEXT_FIELDS}
        values.update({name: "\n".join(row[name]) for name in TREATMENT_LIST_FIELDS})
        values.update(_review_values(row["status"], prepared_on))
        instance, written = _upsert(
            Treatment, {"key": row["key"]}, values, overwrite=overwrite, report=report
        )
        treatments[row["key"]] = instance
        if written:
            related[row["key"]] = row.get("related", [])
    for key, related_keys in related.items():
        treatments[key].related.set([treatments[other] for other in related_keys])
    _load_costs(directory, treatments, related, report)
    _load_synonyms(directory, report)

    for row in _read(directory, "fits.json"):
        _upsert(
            TreatmentFit,
            {"treatment": treatments[row["treatment"]], "scar_type": scar_types[row["scar_type"]]},
            {"level": row["level"], "reason": row["reason"]},
            overwrite=overwrite,
            report=report,
        )

    for order, row in enumerate(_read(directory, "cautions.json"), start=1):
        values = {name: row[name] for name in CAUTION_FIELDS}
        values |= {name: row.get(name, "") for name in CAUTION_OPTIONAL_FIELDS}
        values["order"] = order
        caution, written = _upsert(
            Caution, {"key": row["key"]}, values, overwrite=overwrite, report=report
        )
        if written:
            wanted = row["severity"]
            caution.effects.exclude(treatment__key__in=wanted).delete()
            for treatment_key, severity in wanted.items():
                CautionEffect.objects.update_or_create(
                    caution=caution,
                    treatment=treatments[treatment_key],
                    defaults={"severity": severity},
                )
    return scar_types, treatments


def _load_costs(directory, treatments, written, report):
    """Each explainer's cost line, only on rows no editor has touched and only when
    empty, so an editor's own line (or one they cleared on purpose) stays."""
    costs = _read(directory, "costs.json")
    for key, instance in treatments.items():
        if key in written and not instance.cost_note and costs.get(key):
            Treatment.objects.filter(pk=instance.pk).update(cost_note=costs[key])
            instance.cost_note = costs[key]


def _load_synonyms(directory, report):
    """Search synonyms: missing words are added; a word already there is the
    editors' (they may have changed or extended it) and is never changed."""
    name = SearchSynonym._meta.verbose_name_plural
    for row in _read(directory, "synonyms.json"):
        synonym, created = SearchSynonym.objects.get_or_create(
            word=row["word"], defaults={"means": row["means"]}
        )
        report.count("created" if created else "kept", name)


@transaction.atomic
def pages_publish(*, pages, user):
    """Publishes each page that passes validation; returns (published, refused)."""
    published, refused = [], []
    for page in pages:
        page.status = PageStatus.PUBLISHED
        page.updated_by = user
        try:
            page.full_clean()
        except Exception as error:  # noqa: BLE001 - report every refusal to the editor
            refused.append((page, error))
            continue
        page.save()
        published.append(page)
    return published, refused


@transaction.atomic
def pages_mark_reviewed(*, pages, user, shown, today=None):
    """Records a medical review today by `user`, with the next one due in a year, of
    each page still as shown (`shown`: pk to digest). Returns SignedPages."""
    today = today or timezone.localdate()
    reviewer = _person(user)

    def stamp(page):
        page.reviewer_name = reviewer
        # The review signs these words; an edit afterwards shows as changed.
        page.reviewer_credentials = ""
        page.signed_sha256 = page.sign_off_digest()
        page.signed_off = True
        page.last_reviewed = today
        page.next_review_due = today + REVIEW_INTERVAL
        page.updated_by = user
        page.full_clean()
        page.save()

    return pages_sign_as_shown(
        pages=pages, shown=shown, entry=lambda page: page.sign_off_entry(), stamp=stamp
    )


def _person(user):
    return user.get_full_name() or user.get_username()


def rulebook_version_record(*, snapshot):
    """The stored version for `snapshot`, created on first use. Keyed by content hash,
    so recording the same rules twice (or from two processes at once) is one row.
    Every submit calls this: the stored snapshot (some 30 KB of JSON) is not read back,
    only whether the row is there."""
    version, _ = RuleBookVersion.objects.defer("snapshot").get_or_create(
        digest=snapshot.digest, defaults={"snapshot": snapshot.data}
    )
    return version


class RuleBookChanged(Exception):
    """The rule book changed between the sign-off screen and the click."""


@transaction.atomic
def rulebook_sign_off(*, user, expected_digest, now=None):
    """Signs the current rule book as a version, and stamps every fit row and caution
    with the signer, the date and the hash of the words signed (docs/clinical-rules.md).

    `expected_digest` is the version the dermatologist was shown: if anyone changed
    a rule since, nothing is signed (they must read the new version first)."""
    from education.selectors import rulebook_snapshot

    now = now or timezone.now()
    snapshot = rulebook_snapshot()
    if snapshot.digest != expected_digest:
        raise RuleBookChanged
    version = rulebook_version_record(snapshot=snapshot)
    version = RuleBookVersion.objects.select_for_update().get(pk=version.pk)
    version.signed_by, version.signed_at = user, now
    version.save(update_fields=["signed_by", "signed_at"])
    approved_by, approved_on = _person(user), timezone.localdate(now)
    # Each row gets the hash of its words *in the signed snapshot*, so a row edited
    # while this runs shows as changed. bulk_update, not save(): a signature is not an
    # edit, so rows keep their editor stamps and cached pages (no approvals) stay.
    fits = list(TreatmentFit.objects.select_related("treatment", "scar_type"))
    cautions = list(Caution.objects.all())
    signed = {
        **{
            fit: snapshot.data["fits"].get(f"{fit.treatment.key}:{fit.scar_type.key}")
            for fit in fits
        },
        **{caution: snapshot.data["cautions"].get(caution.key) for caution in cautions},
    }
    for row, entry in signed.items():
        if entry is not None:  # a row added after the snapshot stays pending
            row.approved_by, row.approved_on = approved_by, approved_on
            row.signed_sha256 = digest(entry)
    fields = ["approved_by", "approved_on", "signed_sha256"]
    TreatmentFit.objects.bulk_update(fits, fields)
    Caution.objects.bulk_update(cautions, fields)
    return version


@transaction.atomic
def spanish_pages_publish(*, pages, user):
    """Publishes the Spanish version of each page that has Spanish text; returns
    (published, refused) with a reason for each refusal."""
    published, refused = [], []
    for page in pages:
        if not bilingual.has_spanish_text(page):
            refused.append((page, "It has no Spanish text yet."))
            continue
        if not page.reviewer_name_es.strip():
            refused.append((page, "A published Spanish page needs a medical reviewer."))
            continue
        page.status_es = PageStatus.PUBLISHED
        page.updated_by = user
        page.save(update_fields=["status_es", "updated_by", "updated_at"])
        published.append(page)
    return published, refused


@transaction.atomic
def spanish_pages_mark_reviewed(*, pages, user, shown, today=None):
    """A Spanish-speaking clinician's medical review of the Spanish words, today, of each
    page still as shown (as pages_mark_reviewed); the English sign-off is not touched
    (each language is signed for what it says). Returns SignedPages."""
    today = today or timezone.localdate()
    reviewer = _person(user)

    def stamp(page):
        page.reviewer_name_es = reviewer
        page.reviewer_credentials_es = ""
        page.signed_sha256_es = digest(bilingual.spanish_entry(page))
        page.signed_off_es = True
        page.last_reviewed_es = today
        page.next_review_due_es = today + REVIEW_INTERVAL
        page.updated_by = user
        page.save()

    return pages_sign_as_shown(pages=pages, shown=shown, entry=bilingual.spanish_entry, stamp=stamp)
