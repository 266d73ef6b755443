"""An unfinished intake, kept in the database between steps (imported by intake.models).

Each step's answers are stored as the browser sent them (the raw form data, as Django's
form wizards keep it) and validated again by the step's form whenever they are read, so
nothing is converted back and forth. The owning browser holds a random key in its session;
only the hash is stored, and a resume on another device replaces it, so the old browser's
copy stops accepting changes.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone, translation


def patient_language():
    """The active language as one of settings.LANGUAGES' codes ("es" for "es-mx"), else
    the default: what an intake or a draft records as the patient's language."""
    codes = [code for code, _name in settings.LANGUAGES]
    active = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    for code in (active, active.split("-")[0]):
        if code in codes:
            return code
    return settings.LANGUAGE_CODE


class DraftQuerySet(models.QuerySet):
    def current(self, *, now=None):
        """Drafts still within the retention period (INTAKE_DRAFT_RETENTION_HOURS)."""
        return self.filter(saved_at__gt=draft_cutoff(now=now))

    def expired(self, *, now=None):
        return self.filter(saved_at__lte=draft_cutoff(now=now))


def draft_cutoff(*, now=None):
    now = now or timezone.now()
    return now - datetime.timedelta(hours=settings.INTAKE_DRAFT_RETENTION_HOURS)


class Draft(models.Model):
    # The reference the intake will carry once sent, so the audit rows of the draft
    # (saved, link sent, resumed) and of the intake name the same record.
    reference = models.CharField(max_length=12, unique=True, editable=False)
    # The check page's idempotency key (see Intake.submission_key).
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    owner_hash = models.CharField(max_length=64, editable=False)
    step_data = models.JSONField(default=dict, help_text="Raw form data by step slug.")
    # Copied from step 1 when it is saved: where a resume link goes and what it asks for.
    email = models.EmailField(blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The last change; the draft (and any link to it) expires a retention period later.
    saved_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The single-use "finish later" link: only its SHA-256 hash, cleared when used,
    # replaced by a newer link, or ended by too many wrong dates of birth.
    link_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    link_sent_at = models.DateTimeField(null=True, blank=True)
    link_tries = models.PositiveSmallIntegerField(default=0)
    # The language of the pages the draft was last saved from: its finish-later e-mail's.
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default="en", editable=False
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["saved_at"]

    def __str__(self):
        return f"Draft {self.reference}"

    @property
    def expires_at(self):
        return self.saved_at + datetime.timedelta(hours=settings.INTAKE_DRAFT_RETENTION_HOURS)
