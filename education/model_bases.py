"""Abstract bases for education content: change stamps, reviewed pages, clinical approval.

Split from models.py so each module stays short; models.py re-exports them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from education import bilingual
from education.levels import PageStatus
from education.readability import page_text, reading_grade
from education.signoff import SignOffState, digest, sign_off_state

REVIEW_INTERVAL = datetime.timedelta(days=365)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("created", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("last changed", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="last changed by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class SignedOff:
    """Rows whose words a dermatologist signs: each keeps the hash of the entry it
    signed (signed_sha256) and defines sign_off_entry() and has_sign_off()."""

    def sign_off_entry(self):
        raise NotImplementedError

    def has_sign_off(self):
        raise NotImplementedError

    @property
    def sign_off_state(self):
        return sign_off_state(
            signed=self.has_sign_off(),
            signed_sha256=self.signed_sha256,
            entry=self.sign_off_entry(),
        )


class ReviewedPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PageStatus.PUBLISHED)

    def overdue_for_review(self, *, today):
        return self.filter(next_review_due__lt=today)


class ReviewedPage(SignedOff, TimeStampedModel):
    """A patient page with draft/published status and medical-review dates."""

    status = models.CharField(
        max_length=10, choices=PageStatus, default=PageStatus.DRAFT, db_index=True
    )
    reviewer_name = models.CharField(
        "medical reviewer",
        max_length=200,
        blank=True,
        help_text="Who checked this page medically. Seeded pages name the clinic setting "
        "until the clinic's dermatologist signs them off.",
    )
    reviewer_credentials = models.CharField(
        "reviewer's credentials", max_length=200, blank=True, help_text="For example: MD, FAAD"
    )
    signed_off = models.BooleanField(
        "signed off by the clinic's dermatologist",
        default=False,
        help_text="Set by the 'Mark medically reviewed today' action.",
    )
    last_reviewed = models.DateField("last medical review", null=True, blank=True)
    next_review_due = models.DateField("next review due", null=True, blank=True)
    signed_sha256 = models.CharField(
        "hash of the clinical text signed off", max_length=64, blank=True, editable=False
    )

    # The Spanish page's own state and sign-off (education.bilingual): a Spanish-speaking
    # clinician signs the Spanish words; until the Spanish is published, Spanish visitors
    # see the English page with a note.
    status_es = models.CharField(
        "Spanish status", max_length=10, choices=PageStatus, default=PageStatus.DRAFT
    )
    reviewer_name_es = models.CharField(
        "Spanish medical reviewer",
        max_length=200,
        blank=True,
        help_text="Who checked the Spanish page medically.",
    )
    reviewer_credentials_es = models.CharField(
        "Spanish reviewer's credentials", max_length=200, blank=True
    )
    signed_off_es = models.BooleanField(
        "Spanish signed off",
        default=False,
        help_text="Set by the 'Mark the Spanish version medically reviewed today' action.",
    )
    last_reviewed_es = models.DateField("last Spanish review", null=True, blank=True)
    next_review_due_es = models.DateField("next Spanish review due", null=True, blank=True)
    signed_sha256_es = models.CharField(
        "hash of the Spanish text signed off", max_length=64, blank=True, editable=False
    )
    # The hash of the Spanish text load_clinic_content last wrote: Spanish text that no
    # longer matches it was edited in the admin, and the loader leaves it alone.
    seeded_sha256_es = models.CharField(max_length=64, blank=True, editable=False)

    objects = ReviewedPageQuerySet.as_manager()
    # The fields a medical review signs (docs/clinical-rules.md); editing any of them after the
    # sign-off puts the page back to "changed since sign-off".
    clinical_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def is_overdue_for_review(self, *, today=None):
        today = today or timezone.localdate()
        return self.next_review_due is not None and self.next_review_due < today

    def clean(self):
        super().clean()
        errors = {}
        reviewed, due = self.last_reviewed, self.next_review_due
        if reviewed and due and due <= reviewed:
            errors["next_review_due"] = "The next review must come after the last review."
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = "The last review cannot be in the future."
        if self.status == PageStatus.PUBLISHED:
            if not self.reviewer_name.strip():
                errors["reviewer_name"] = "A published page needs a medical reviewer."
            if not self.last_reviewed:
                errors.setdefault("last_reviewed", "A published page needs a review date.")
            if not self.next_review_due:
                errors.setdefault("next_review_due", "A published page needs a next review date.")
        if errors:
            raise ValidationError(errors)

    # The fields a patient reads, whose reading grade the admin shows.
    patient_text_fields: tuple[str, ...] = ()

    def patient_text_parts(self):
        # The English words (the reading grade is an English measure).
        return [bilingual.english(self, name) for name in self.patient_text_fields]

    def sign_off_entry(self):
        # The English words, whatever language the request is in (education.bilingual).
        return {name: bilingual.english(self, name) for name in self.clinical_fields}

    def sign_off_digest(self):
        return digest(self.sign_off_entry())

    def has_sign_off(self):
        return self.signed_off

    @property
    def is_medically_reviewed(self):
        """Only the words the dermatologist signed may say "medically reviewed"."""
        return self.sign_off_state == SignOffState.SIGNED

    @property
    def reading_grade(self):
        return reading_grade(page_text(self.patient_text_parts()))


class ClinicalApproval(SignedOff, models.Model):
    """docs/clinical-rules.md: the matrix and caution texts are used only as signed off.
    Set only by the clinical sign-off (education.services.rulebook_sign_off)."""

    approved_by = models.CharField(
        "clinically approved by",
        max_length=200,
        blank=True,
        help_text="Empty until the clinic's dermatologist signs the rule book off; staff "
        "then see 'pending clinical review'.",
    )
    approved_on = models.DateField("approved on", null=True, blank=True)
    signed_sha256 = models.CharField(
        "hash of the rule signed off", max_length=64, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def has_sign_off(self):
        return self.approved_on is not None

    @property
    def is_approved(self):
        return self.sign_off_state == SignOffState.SIGNED
