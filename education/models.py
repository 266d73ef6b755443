"""Patient education content: scar types, treatments, their fit, and cautions.

Every row records who created and last changed it. Pages carry a draft/published
status and medical-review dates; the fit table and the cautions carry a clinical
approval, because DOMAIN.md §1 makes sign-off part of the data.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from education.levels import Distensible, FitLevel, PageStatus, ScarKind, Severity
from education.readability import page_text, reading_grade

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


class ReviewedPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PageStatus.PUBLISHED)

    def overdue_for_review(self, *, today):
        return self.filter(next_review_due__lt=today)


class ReviewedPage(TimeStampedModel):
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

    objects = ReviewedPageQuerySet.as_manager()

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

    def patient_text_parts(self):
        raise NotImplementedError

    @property
    def reading_grade(self):
        return reading_grade(page_text(self.patient_text_parts()))


class ScarType(ReviewedPage):
    key = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Stable key used by the intake's matching rules (DOMAIN.md §2). "
        "Do not change it.",
    )
    slug = models.SlugField(max_length=80, unique=True, help_text="The page's web address.")
    name = models.CharField(max_length=120)
    clinical_name = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=ScarKind)
    distensible = models.CharField("flattens when stretched", max_length=20, choices=Distensible)
    summary = models.CharField(
        max_length=200, help_text="One sentence for cards and search results."
    )
    description = models.TextField(help_text="What it is. Leave a blank line between paragraphs.")
    how_to_recognise = models.TextField("how to recognise it")
    you_said = models.CharField(
        "echo of the patient's answer",
        max_length=300,
        help_text="Opens each reason on the patient's reading list, e.g. "
        "'You said some scars are wide, soft dips (rolling scars).'",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "scar type"
        permissions = [("review_scartype", "Can mark scar type pages medically reviewed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PageStatus.values), name="scartype_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ScarKind.values), name="scartype_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("education:scar_detail", kwargs={"slug": self.slug})

    def patient_text_parts(self):
        return [self.name, self.summary, self.description, self.how_to_recognise]


class Treatment(ReviewedPage):
    key = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Stable key used by the intake's matching rules (DOMAIN.md §3). "
        "Do not change it.",
    )
    slug = models.SlugField(max_length=80, unique=True, help_text="The page's web address.")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    summary = models.CharField(
        "one-line summary", max_length=200, help_text="Shown on cards and in search results."
    )
    what_it_is = models.TextField("what it is")
    how_it_works = models.TextField("how it works")
    visit = models.TextField("what a visit is like")
    sessions_min = models.PositiveSmallIntegerField("fewest sessions")
    sessions_max = models.PositiveSmallIntegerField("most sessions")
    sessions_text = models.TextField("sessions and spacing")
    downtime_min_days = models.PositiveSmallIntegerField("downtime from (days)")
    downtime_max_days = models.PositiveSmallIntegerField("downtime up to (days)")
    downtime_text = models.TextField("downtime in words")
    results_show = models.TextField("when results show")
    results_last = models.TextField("how long results last")
    side_effects = models.TextField("common side effects", help_text="One per line.")
    rare_risks = models.TextField("rare risks", help_text="One per line.")
    approval_note = models.TextField("approval status", help_text="FDA status in plain words.")
    limits = models.TextField("limits", help_text="What it does not do; scars it suits less.")
    questions = models.TextField("questions to ask", help_text="One per line.")
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name="related treatments"
    )

    class Meta:
        ordering = ["order", "name"]
        permissions = [("review_treatment", "Can mark treatment pages medically reviewed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PageStatus.values), name="treatment_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(sessions_min__lte=models.F("sessions_max")),
                name="treatment_sessions_range",
            ),
            models.CheckConstraint(
                condition=models.Q(downtime_min_days__lte=models.F("downtime_max_days")),
                name="treatment_downtime_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("education:treatment_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if None not in (self.sessions_min, self.sessions_max) and (
            self.sessions_min > self.sessions_max
        ):
            errors["sessions_max"] = "The most sessions cannot be fewer than the fewest."
        if None not in (self.downtime_min_days, self.downtime_max_days) and (
            self.downtime_min_days > self.downtime_max_days
        ):
            errors["downtime_max_days"] = (
                "The longest downtime cannot be shorter than the shortest."
            )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def side_effect_list(self):
        return self._lines(self.side_effects)

    @property
    def rare_risk_list(self):
        return self._lines(self.rare_risks)

    @property
    def question_list(self):
        return self._lines(self.questions)

    @property
    def sessions_range(self):
        if self.sessions_min == self.sessions_max:
            return str(self.sessions_min)
        return f"{self.sessions_min} to {self.sessions_max}"

    @property
    def downtime_range(self):
        if self.downtime_max_days == 0:
            return "Usually none"
        if self.downtime_min_days == self.downtime_max_days:
            return f"About {self.downtime_max_days} days"
        return f"{self.downtime_min_days} to {self.downtime_max_days} days"

    def patient_text_parts(self):
        return [
            self.name,
            self.summary,
            self.what_it_is,
            self.how_it_works,
            self.visit,
            self.sessions_text,
            self.downtime_text,
            self.results_show,
            self.results_last,
            self.side_effects,
            self.rare_risks,
            self.approval_note,
            self.limits,
            self.questions,
        ]


class ClinicalApproval(models.Model):
    """DOMAIN.md §1: the matrix and caution texts are used only as signed off."""

    approved_by = models.CharField(
        "clinically approved by",
        max_length=200,
        blank=True,
        help_text="Empty until the clinic's dermatologist approves it; staff then see "
        "'pending clinical review'.",
    )
    approved_on = models.DateField("approved on", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_approved(self):
        return bool(self.approved_by and self.approved_on)


class TreatmentFit(TimeStampedModel, ClinicalApproval):
    """How well one treatment suits one scar type, with the patient-facing reason."""

    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="fits")
    scar_type = models.ForeignKey(ScarType, on_delete=models.CASCADE, related_name="fits")
    level = models.CharField(max_length=20, choices=FitLevel)
    reason = models.TextField(
        help_text="One or two plain sentences. The reading list puts the scar type's "
        "'echo' sentence before it, and the treatment page shows it on its own."
    )

    class Meta:
        ordering = ["treatment__order", "scar_type__order"]
        verbose_name = "treatment fit"
        constraints = [
            models.UniqueConstraint(fields=["treatment", "scar_type"], name="fit_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(level__in=FitLevel.values), name="fit_level_valid"
            ),
        ]

    def __str__(self):
        return f"{self.treatment} × {self.scar_type}: {self.get_level_display()}"

    @property
    def is_suggested(self):
        return FitLevel(self.level).is_suggested


class Caution(TimeStampedModel, ClinicalApproval):
    """One caution (docs/clinical-rules.md): wording for patients and notes for clinicians."""

    key = models.SlugField(
        max_length=60, unique=True, help_text="Stable key used by the intake's rules."
    )
    title = models.CharField(max_length=160)
    trigger_summary = models.CharField(
        "raised by", max_length=300, help_text="Which answers raise it (for staff)."
    )
    patient_wording = models.TextField(
        help_text="Shown to the patient. Calm; never 'you can't'; never advise stopping a medicine."
    )
    not_sure_wording = models.TextField(
        "wording when the patient was not sure",
        blank=True,
        help_text="Shown instead of the patient wording when only a 'Not sure' answer raised "
        "it (the caution then counts as 'discuss'). Leave blank if its questions have no "
        "'Not sure'.",
    )
    clinician_note = models.TextField(help_text="Shown only in the review workspace.")
    question = models.CharField(
        "question to ask",
        max_length=200,
        blank=True,
        help_text="Added to the patient's 'Questions you may want to ask'. Blank: a standard "
        "question for this caution is used.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    treatments = models.ManyToManyField(
        Treatment, through="CautionEffect", related_name="cautions", blank=True
    )

    class Meta:
        ordering = ["order", "key"]

    def __str__(self):
        return self.title


class CautionEffect(models.Model):
    caution = models.ForeignKey(Caution, on_delete=models.CASCADE, related_name="effects")
    treatment = models.ForeignKey(
        Treatment, on_delete=models.CASCADE, related_name="caution_effects"
    )
    severity = models.CharField(max_length=20, choices=Severity)

    class Meta:
        ordering = ["caution__order", "treatment__order"]
        verbose_name = "treatment affected"
        verbose_name_plural = "treatments affected"
        constraints = [
            models.UniqueConstraint(fields=["caution", "treatment"], name="effect_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(severity__in=Severity.values), name="effect_severity_valid"
            ),
        ]

    def __str__(self):
        return f"{self.caution.key} → {self.treatment.key}: {self.severity}"
