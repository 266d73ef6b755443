"""Staff invitations: the one way a new authenticator is enrolled."""

from django.conf import settings
from django.db import models


class StaffInvitationQuerySet(models.QuerySet):
    def usable(self, *, now):
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class StaffInvitation(models.Model):
    """A one-time link at which a staff member sets a password and enrols an
    authenticator app. Only the SHA-256 of the link's token is kept, so a copy of
    the database opens no account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when made by the create_staff command.",
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = StaffInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "staff invitation"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.user} (until {self.expires_at:%Y-%m-%d %H:%M})"
