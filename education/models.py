"""Patient education content: scar types, treatments, their fit, and cautions.

Every row records who created and last changed it. Pages carry a draft/published
status and medical-review dates; the fit table and the cautions carry a clinical
approval, because sign-off is part of the data (docs/clinical-rules.md).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext

from education.charts import downtime_words
from education.levels import Distensible, FitLevel, PageStatus, ScarKind, Severity
from education.model_bases import (  # noqa: F401 - REVIEW_INTERVAL is imported from here
    REVIEW_INTERVAL,
    ClinicalApproval,
    ReviewedPage,
    TimeStampedModel,
)
from education.signoff import caution_entry, fit_entry


class ScarType(ReviewedPage):
    key = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Stable key used by the intake's matching rules (docs/clinical-rules.md). "
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

    clinical_fields = (
        "name", "clinical_name", "kind", "distensible", "summary", "description",
        "how_to_recognise", "you_said",
    )  # fmt: skip

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "scar type"
        permissions = [
            ("review_scartype", "Can mark scar type pages medically reviewed"),
            # Given to the clinicians who read Spanish (docs/i18n.md).
            ("review_scartype_es", "Can mark the Spanish of scar type pages medically reviewed"),
        ]
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

    patient_text_fields = ("name", "summary", "description", "how_to_recognise")


class Treatment(ReviewedPage):
    key = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Stable key used by the intake's matching rules (docs/clinical-rules.md). "
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
    # Not clinical text (not in clinical_fields): editing it does not undo a sign-off.
    cost_note = models.CharField(
        "cost",
        max_length=300,
        blank=True,
        help_text="What patients should know about cost: a range the clinic gives, or "
        "'Ask the clinic for a written quote.' Leave empty to show that line.",
    )
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name="related treatments"
    )

    clinical_fields = (
        "name", "summary", "what_it_is", "how_it_works", "visit", "sessions_min",
        "sessions_max", "sessions_text", "downtime_min_days", "downtime_max_days",
        "downtime_text", "results_show", "results_last", "side_effects", "rare_risks",
        "approval_note", "limits", "questions",
    )  # fmt: skip

    class Meta:
        ordering = ["order", "name"]
        permissions = [
            ("review_treatment", "Can mark treatment pages medically reviewed"),
            ("review_treatment_es", "Can mark the Spanish of treatment pages medically reviewed"),
        ]
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
        """ "3", "2 to 4", in the active language (the unit is the label's)."""
        if self.sessions_min == self.sessions_max:
            return str(self.sessions_min)
        return gettext("%(low)s to %(high)s") % {
            "low": self.sessions_min,
            "high": self.sessions_max,
        }

    @property
    def downtime_range(self):
        """ "Usually none", "About 3 days", "3 to 7 days", in the active language."""
        return downtime_words(self.downtime_min_days, self.downtime_max_days)

    patient_text_fields = (
        "name", "summary", "what_it_is", "how_it_works", "visit", "sessions_text",
        "downtime_text", "results_show", "results_last", "side_effects", "rare_risks",
        "approval_note", "limits", "questions",
    )  # fmt: skip


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

    def sign_off_entry(self):
        return fit_entry(level=self.level, reason=self.reason_en)


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
    public_wording = models.TextField(
        "public wording",
        blank=True,
        help_text="Shown on the public explainers' 'Talk to your dermatologist first' list, "
        "read by everyone: general 'If you…' wording, never 'You said…'.",
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

    def sign_off_entry(self):
        # Prefetch "effects__treatment" when listing many cautions.
        return caution_entry(
            self, {effect.treatment.key: effect.severity for effect in self.effects.all()}
        )


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


from education.rulebook import (  # noqa: E402, F401 - registered with this app
    RuleBookVersion,
    SpanishWordingVersion,
)


class SearchSynonym(TimeStampedModel):
    """A word patients type and the words the pages use for it ("accutane" ->
    "isotretinoin"), so search finds the page. Editors add rows in the admin;
    load_clinic_content only adds missing words, never changes a row."""

    word = models.CharField(
        max_length=60, unique=True, help_text="What a patient may type, in lowercase."
    )
    means = models.CharField(
        max_length=200,
        help_text="The word or words the pages use instead, separated by spaces.",
    )

    class Meta:
        ordering = ["word"]
        verbose_name = "search synonym"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(word=models.functions.Lower("word")),
                name="searchsynonym_word_lowercase",
            )
        ]

    def __str__(self):
        return f"{self.word} → {self.means}"

    def save(self, *args, **kwargs):
        self.word = self.word.strip().lower()
        self.means = " ".join(self.means.lower().split())
        super().save(*args, **kwargs)
