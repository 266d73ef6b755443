"""What a clinical sign-off covers, as plain data (docs/clinical-rules.md, "Ground rules").

A sign-off covers the words it signed. Each signable thing (a page's clinical text,
a fit row, a caution with its per-treatment severities) has an *entry*: a small
JSON-able dict of exactly the fields the dermatologist approves. Its SHA-256 is
stored when it is signed; when the entry's hash no longer matches, the thing is
"changed since sign-off". The whole rule book is the same idea one level up: its
snapshot's hash is the version saved with each intake.

Kept free of models so the models, the admin and the tests can all use it;
`pages_sign_as_shown` signs the pages whose entries still hash to what a reviewer was
shown (education.services gives it each language's stamp).
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

# The fields of a caution the dermatologist signs (its key names the row). The
# trigger summary is a note for staff, not a rule, so it is left out.
CAUTION_SIGNED_FIELDS = (
    "title", "patient_wording", "not_sure_wording", "public_wording", "question",
    "clinician_note",
)  # fmt: skip


class SignOffState(models.TextChoices):
    SIGNED = "signed", "Signed off"
    CHANGED = "changed", "Changed since sign-off"
    PENDING = "pending", "Pending clinical review"


def digest(data) -> str:
    """SHA-256 of `data` as canonical JSON: the same content always gives the same hash."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign_off_state(*, signed: bool, signed_sha256: str, entry) -> SignOffState:
    """`signed`: a sign-off was ever recorded. Without the hash of what it covered
    (a page signed before hashes were kept) it cannot vouch for the words now."""
    if not signed:
        return SignOffState.PENDING
    if signed_sha256 and digest(entry) == signed_sha256:
        return SignOffState.SIGNED
    return SignOffState.CHANGED


def fit_entry(*, level: str, reason: str) -> dict:
    return {"level": level, "reason": reason}


def _english(row, name):
    # The English words, whatever language is active: a field with a Spanish version
    # (education/translation.py) keeps its English in the `_en` column.
    if hasattr(row, f"{name}_en"):
        return getattr(row, f"{name}_en") or ""
    return getattr(row, name)


def caution_entry(caution, severities: dict) -> dict:
    """`severities` maps treatment key to severity."""
    entry = {name: _english(caution, name) for name in CAUTION_SIGNED_FIELDS}
    entry["severity"] = dict(sorted(severities.items()))
    return entry


@dataclass(frozen=True)
class RuleBookSnapshot:
    """The rule book as signed: `data` is JSON-able; `digest` is its version."""

    data: dict

    @property
    def digest(self) -> str:
        return digest(self.data)


@dataclass(frozen=True)
class Change:
    """One line of "what changed since the last sign-off"."""

    what: str
    before: str = ""
    after: str = ""


def _text(value, names=None) -> str:
    if isinstance(value, dict):
        names = names or {}
        pairs = sorted((names.get(key, key), item) for key, item in value.items())
        return ", ".join(f"{name}: {item}" for name, item in pairs) or "none"
    return "" if value is None else str(value)


def _names(snapshot, section):
    return {row["key"]: row["name"] for row in snapshot.get(section, [])}


def rulebook_diff(old: dict | None, new: dict) -> list[Change]:
    """What changed from the `old` snapshot (None: nothing signed yet) to `new`,
    in words a dermatologist reads: fit levels and reasons, caution wordings and
    per-treatment severities, treatments added, removed or (un)published."""
    if old is None:
        return []
    changes = []
    treatments = {**_names(old, "treatments"), **_names(new, "treatments")}
    scars = {**_names(old, "scar_types"), **_names(new, "scar_types")}
    old_treatments = {row["key"]: row for row in old.get("treatments", [])}
    for row in new.get("treatments", []):
        before = old_treatments.pop(row["key"], None)
        if before is None:
            changes.append(Change(f"Treatment added: {row['name']}"))
        elif before.get("published") != row.get("published"):
            state = "published" if row.get("published") else "no longer published"
            changes.append(Change(f"Treatment {state}: {row['name']}"))
    changes += [Change(f"Treatment removed: {row['name']}") for row in old_treatments.values()]

    old_fits, new_fits = old.get("fits", {}), new.get("fits", {})
    for pair in sorted({*old_fits, *new_fits}):
        treatment_key, scar_key = pair.split(":", 1)
        label = f"{treatments.get(treatment_key, treatment_key)} × {scars.get(scar_key, scar_key)}"
        before, after = old_fits.get(pair), new_fits.get(pair)
        if before is None:
            changes.append(Change(f"Fit added: {label}", after=_text(after["level"])))
        elif after is None:
            changes.append(Change(f"Fit removed: {label}", before=_text(before["level"])))
        else:
            for name in ("level", "reason"):
                if before.get(name) != after.get(name):
                    changes.append(Change(f"{label}: {name}", before[name], after[name]))

    old_cautions, new_cautions = old.get("cautions", {}), new.get("cautions", {})
    for key in sorted({*old_cautions, *new_cautions}):
        before, after = old_cautions.get(key), new_cautions.get(key)
        if before is None:
            changes.append(Change(f"Caution added: {after['title']}"))
            continue
        if after is None:
            changes.append(Change(f"Caution removed: {before['title']}"))
            continue
        for name in sorted({*before, *after}):
            if before.get(name) != after.get(name):
                what = f"Caution “{after['title']}”: {name.replace('_', ' ')}"
                changes.append(
                    Change(
                        what,
                        _text(before.get(name), treatments),
                        _text(after.get(name), treatments),
                    )
                )
    return changes


@dataclass
class SignedPages:
    signed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # edited since the confirmation page
    refused: list = field(default_factory=list)  # (page, messages): it does not validate


def pages_sign_as_shown(*, pages, shown, entry, stamp):
    """Signs each page whose words are still those the reviewer was shown: `shown` maps
    a page's pk to the digest of the entry on the confirmation page. A page edited (or
    deleted) since is not signed: a signature covers only words the reviewer read. A
    page that does not validate is not signed either, and says why; the others are."""
    if len({type(page) for page in pages}) > 1:
        raise ValueError("Sign one model's pages at a time: `shown` is keyed by pk.")
    result = SignedPages()
    for page in pages:
        # Locked and read again, so an editor's save cannot slip between check and stamp.
        current = type(page)._default_manager.select_for_update().filter(pk=page.pk).first()
        if current is None or shown.get(page.pk) != digest(entry(current)):
            result.changed.append(page)
            continue
        try:
            stamp(current)
        except ValidationError as invalid:
            result.refused.append((current, invalid.messages))
            continue
        result.signed.append(current)
    return result
