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


class StaffNotificationPreference(models.Model):
    """What one staff member is e-mailed. No row means the defaults (digests on).
    Urgent intakes are always e-mailed: they cannot wait for anyone's settings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    digest_enabled = models.BooleanField(
        "e-mail me a digest of new intakes",
        default=True,
        help_text="One e-mail per interval with the references of new intakes, and links.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "staff notification preference"

    def __str__(self):
        return f"{self.user}: digests {'on' if self.digest_enabled else 'off'}"


class StaffDigest(models.Model):
    """One digest window of new intakes (STAFF_DIGEST_MINUTES long, aligned to the
    clock). The first intake of a window creates the row and schedules its task for
    the window's end; the unique start means a window is mailed at most once."""

    window_start = models.DateTimeField(unique=True)
    window_end = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    intake_count = models.PositiveIntegerField(default=0)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "staff digest"
        ordering = ["-window_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gt=models.F("window_start")),
                name="staffdigest_window_forward",
            )
        ]

    def __str__(self):
        return f"Digest {self.window_start:%Y-%m-%d %H:%M}–{self.window_end:%H:%M}"


class PrivacyNoticeQuerySet(models.QuerySet):
    def current(self):
        """The notice patients read now: the one published last."""
        return self.order_by("-published_on", "-id").first()


class PrivacyNotice(models.Model):
    """The clinic's Notice of Privacy Practices. The manager (a superuser) edits it in the
    admin; each published version is its own row, so an intake can say which one the
    patient acknowledged."""

    version = models.CharField(max_length=20, unique=True, help_text="For example 2026-1.")
    published_on = models.DateField()
    body = models.TextField(
        help_text="Plain text. A blank line starts a new paragraph; a line starting with "
        "'## ' is a heading."
    )

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return f"Notice of Privacy Practices {self.version} ({self.published_on})"

    def blocks(self):
        """The body as headings and paragraphs, for the public page."""
        for block in self.body.replace("\r\n", "\n").split("\n\n"):
            block = block.strip()
            if block.startswith("## "):
                heading, _, block = block.partition("\n")
                yield {"heading": heading[3:].strip()}
                block = block.strip()
            if block:
                yield {"text": block}
