"""Rule book versions: each intake's `rule_version` names one of these snapshots.

A version is keyed by the hash of its snapshot, so the same rules always give the
same version, and a version once signed stays signed for exactly those words. It is
stored the first time an intake uses it (intake.selectors.rulebook_load) or when a
dermatologist signs it off, whichever comes first.
"""

from django.conf import settings
from django.db import models


class RuleBookVersionQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(signed_at__isnull=False)

    def last_signed(self):
        return self.signed().select_related("signed_by").order_by("-signed_at", "-pk").first()


class RuleBookVersion(models.Model):
    digest = models.CharField("version (SHA-256 of the snapshot)", max_length=64, unique=True)
    snapshot = models.JSONField(
        help_text="The fit table and the cautions exactly as this version had them."
    )
    first_seen_at = models.DateTimeField("first used or shown", auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signed off by",
        # A sign-off is a clinical record: the account cannot be deleted from under it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField("signed off at", null=True, blank=True)

    objects = RuleBookVersionQuerySet.as_manager()

    class Meta:
        app_label = "education"
        ordering = ["-first_seen_at", "-pk"]
        verbose_name = "clinical sign-off"
        verbose_name_plural = "clinical sign-off"
        permissions = [("sign_off_rulebook", "Can sign off the clinical rule book")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signed_by__isnull=True, signed_at__isnull=True)
                | models.Q(signed_by__isnull=False, signed_at__isnull=False),
                name="rulebookversion_signed_by_and_at",
            )
        ]

    def __str__(self):
        return f"Rule book {self.short}"

    @property
    def short(self):
        return self.digest[:12]

    @property
    def is_signed(self):
        return self.signed_at is not None

    @property
    def signer_name(self):
        if self.signed_by is None:
            return ""
        return self.signed_by.get_full_name() or self.signed_by.get_username()


class SpanishWordingVersion(models.Model):
    """The Spanish of the rule book's patient wordings (fit reasons, caution wordings), as
    a Spanish-speaking clinician signed it (education/spanish_signoff.py). The English rule
    book's sign-off covers the English words only; a Spanish guide says "checked" only
    once both are signed."""

    digest = models.CharField(
        "version (SHA-256 of the Spanish wordings)", max_length=64, unique=True
    )
    snapshot = models.JSONField(help_text="The Spanish wordings exactly as signed.")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="signed off by",
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField("signed off at")

    class Meta:
        app_label = "education"
        ordering = ["-signed_at", "-pk"]
        verbose_name = "Spanish wording sign-off"
        verbose_name_plural = "Spanish wording sign-off"
        permissions = [
            ("sign_off_spanish_wordings", "Can sign off the Spanish of the rule book's wordings")
        ]

    def __str__(self):
        return f"Spanish wordings {self.digest[:12]}"

    @property
    def signer_name(self):
        return self.signed_by.get_full_name() or self.signed_by.get_username()
