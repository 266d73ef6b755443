"""Integration tokens: how the clinic's integration engine reads the FHIR API (docs/fhir.md).

Only the SHA-256 of a token is stored. The clinic manager sees the token once, on the page
that follows its creation in the admin; after that nobody can read it back, only revoke it.
A token is 256 random bits, so a fast hash is enough (there is nothing to guess).
"""

from django.conf import settings
from django.db import models


class TokenScope(models.TextChoices):
    """What a token may read. Every scope is read-only: the API has no write at all."""

    READ = "read", "Read intakes and the questionnaire"
    QUESTIONNAIRE = "questionnaire", "Read the questionnaire only"


class IntegrationTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class IntegrationToken(models.Model):
    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="Who uses it, for example “EHR integration engine”. The audit log shows "
        "this name for every intake the token reads.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=20, choices=TokenScope, default=TokenScope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IntegrationTokenQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "integration token"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=TokenScope.values), name="integrationtoken_scope_valid"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def audit_name(self):
        """How the audit log names this token as the one who read an intake."""
        return f"{self.name} (integration token)"[:150]
