"""The Spanish sign-off of the rule book's patient wordings (docs/i18n.md).

A Spanish guide shows each fit reason and caution in Spanish (their `_es` columns). The
English rule book's sign-off covers the English words; these Spanish words are signed
separately, as one version, by a clinician with the `sign_off_spanish_wordings`
permission. The version is the hash of every Spanish wording: any later edit of one makes
the current Spanish "not signed off" again, and the Spanish guide says so.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from education.models import Caution, SpanishWordingVersion, TreatmentFit
from education.signoff import digest

CAUTION_WORDINGS = ("title", "patient_wording", "not_sure_wording", "public_wording", "question")


def spanish_wordings() -> dict:
    """Every Spanish patient wording of the rule book, keyed as the rule book keys them,
    in two queries."""
    fits = {
        f"{row['treatment__key']}:{row['scar_type__key']}": row["reason_es"] or ""
        for row in TreatmentFit.objects.order_by("treatment__key", "scar_type__key").values(
            "treatment__key", "scar_type__key", "reason_es"
        )
    }
    cautions = {
        row["key"]: {name: row[f"{name}_es"] or "" for name in CAUTION_WORDINGS}
        for row in Caution.objects.order_by("key").values(
            "key", *(f"{name}_es" for name in CAUTION_WORDINGS)
        )
    }
    return {"fits": fits, "cautions": cautions}


@dataclass(frozen=True)
class SpanishWordingState:
    digest: str
    signed: SpanishWordingVersion | None  # the version of the current words, if signed
    last_signed: SpanishWordingVersion | None

    @property
    def is_signed(self):
        return self.signed is not None


def spanish_wording_state() -> SpanishWordingState:
    current = digest(spanish_wordings())
    versions = SpanishWordingVersion.objects.select_related("signed_by")
    return SpanishWordingState(
        digest=current,
        signed=versions.filter(digest=current).first(),
        last_signed=versions.order_by("-signed_at", "-pk").first(),
    )


class SpanishWordingsChanged(Exception):
    """The Spanish wordings changed between the screen and the click."""


@transaction.atomic
def spanish_wordings_sign_off(*, user, expected_digest, now=None):
    wordings = spanish_wordings()
    current = digest(wordings)
    if current != expected_digest:
        raise SpanishWordingsChanged
    version, _ = SpanishWordingVersion.objects.get_or_create(
        digest=current,
        defaults={"snapshot": wordings, "signed_by": user, "signed_at": now or timezone.now()},
    )
    return version


def spanish_wordings_signed() -> bool:
    """Whether the Spanish wordings as they are now were signed off (three queries)."""
    return SpanishWordingVersion.objects.filter(digest=digest(spanish_wordings())).exists()
