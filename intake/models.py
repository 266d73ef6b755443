"""A submitted intake, stored in typed fields so staff can filter and the database
enforces types; questions with many answers are related rows (IntakeChoice)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from education.levels import Severity
from intake import choices


class IntakeStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    REVIEWED = "reviewed", "Reviewed"


# The review queue's order: new first, then in review, then reviewed. An index on
# this expression lets the queue read its first page without sorting every row.
STATUS_ORDER = models.Case(
    models.When(status=IntakeStatus.NEW, then=models.Value(0)),
    models.When(status=IntakeStatus.IN_REVIEW, then=models.Value(1)),
    default=models.Value(2),
    output_field=models.IntegerField(),
)


class IntakeQuerySet(models.QuerySet):
    def with_guide_token_hash(self, token_hash, *, now=None):
        now = now or timezone.now()
        return self.filter(guide_token_hash=token_hash, guide_expires_at__gt=now)


class Intake(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    # Idempotency: the check page carries this key; a replayed or concurrent POST
    # with the same key hits the unique constraint and returns the first intake.
    submission_key = models.UUIDField(unique=True, editable=False)
    # Cleared by purge_intakes once the link has expired, so it can never work again.
    guide_token_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    guide_expires_at = models.DateTimeField()
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(
        max_length=12, choices=IntakeStatus, default=IntakeStatus.NEW, db_index=True
    )
    # When the mail server took the confirmation e-mail; None if it failed, so the
    # guide page does not claim it was sent and the clinic can see to follow up.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # A: about you
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True)

    # B: your scars
    scar_duration = models.CharField(max_length=20, choices=choices.ScarDuration, blank=True)
    stretch_test = models.CharField(max_length=20, choices=choices.StretchTest, blank=True)
    visibility = models.CharField(max_length=30, choices=choices.Visibility, blank=True)
    bother = models.CharField(max_length=20, choices=choices.Bother, blank=True)
    active_acne = models.CharField(max_length=10, choices=choices.ActiveAcne)
    sore_or_infection_now = models.CharField(max_length=3, choices=choices.YesNo)

    # C: your skin
    sun_reaction = models.CharField(max_length=10, choices=choices.SunReaction)
    skin_colour = models.CharField(max_length=20, choices=choices.SkinColour, blank=True)
    keloid_self = models.CharField(max_length=10, choices=choices.YesNoNotSure)
    keloid_family = models.CharField(max_length=10, choices=choices.YesNoNotSure)
    dark_marks_last = models.CharField(max_length=10, choices=choices.YesNoNotSure, blank=True)
    skin_type = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Self-reported Fitzpatrick type I–VI (internal)."
    )
    skin_type_confirm_in_clinic = models.BooleanField(default=False)

    # D: health and medicines
    pregnancy = models.CharField(max_length=20, choices=choices.Pregnancy)
    isotretinoin = models.CharField(max_length=30, choices=choices.Isotretinoin)
    bleeding_disorder = models.CharField(max_length=10, choices=choices.YesNoNotSure)
    health_other = models.TextField("other health condition", max_length=2000, blank=True)
    cold_sores = models.CharField(max_length=10, choices=choices.YesNoNotSure)
    allergy_other = models.TextField("other allergy", max_length=2000, blank=True)
    smokes = models.CharField(max_length=3, choices=choices.YesNo)
    other_medicines = models.TextField(max_length=2000, blank=True)
    slow_healing = models.CharField(max_length=10, choices=choices.YesNoNotSure)

    # E: past treatments
    past_treatment_details = models.TextField(max_length=2000, blank=True)

    # F: goals and limits
    time_off = models.CharField(max_length=20, choices=choices.TimeOff)
    visits_possible = models.CharField(max_length=20, choices=choices.VisitsPossible)
    event_date = models.DateField(null=True, blank=True)
    anything_else = models.TextField(max_length=2000, blank=True)

    # G: consent
    consent_true = models.BooleanField(default=False)
    consent_not_diagnosis = models.BooleanField(default=False)
    consent_storage = models.BooleanField(default=False)

    # What the rules said when it was submitted (DOMAIN.md §7: save the output and
    # the rule version), so the guide and the review show exactly that.
    match_result = models.JSONField(default=dict)
    rule_version = models.CharField(max_length=80)
    # Optimistic lock for the review workspace: two dermatologists saving at once
    # must not overwrite each other silently.
    version = models.PositiveIntegerField(default=0)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        permissions = [("review_intake", "Can review patient intakes")]
        indexes = [models.Index(STATUS_ORDER, "submitted_at", "id", name="intake_queue_order")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=IntakeStatus.values), name="intake_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(consent_true=True)
                & models.Q(consent_not_diagnosis=True)
                & models.Q(consent_storage=True),
                name="intake_consent_given",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.first_name} {self.last_name})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class IntakeQuestion(models.TextChoices):
    """Questions with many answers (DOMAIN.md §6), stored one row per answer."""

    SCAR_LOCATIONS = "scar_locations", "B1 Where are your scars?"
    SCAR_LOOKS = "scar_looks", "B3 Which look like yours?"
    RECENT_SUN = "recent_sun", "C3 Recent sun"
    BLOOD_THINNERS = "blood_thinners", "D3 Medicines that raise bruising"
    HEALTH_CONDITIONS = "health_conditions", "D5 Health conditions"
    IMPLANTS = "implants", "D7 Implants"
    ALLERGIES = "allergies", "D8 Allergies"
    PAST_TREATMENTS = "past_treatments", "E1 Past scar treatments"
    PAST_PROBLEMS = "past_problems", "E2 Problems after a skin treatment"
    GOALS = "goals", "F1 Goals"


MULTI_CHOICES = {
    IntakeQuestion.SCAR_LOCATIONS: choices.ScarLocation,
    IntakeQuestion.SCAR_LOOKS: choices.ScarLook,
    IntakeQuestion.RECENT_SUN: choices.RecentSun,
    IntakeQuestion.BLOOD_THINNERS: choices.BloodThinner,
    IntakeQuestion.HEALTH_CONDITIONS: choices.HealthCondition,
    IntakeQuestion.IMPLANTS: choices.Implant,
    IntakeQuestion.ALLERGIES: choices.Allergy,
    IntakeQuestion.PAST_TREATMENTS: choices.PastTreatment,
    IntakeQuestion.PAST_PROBLEMS: choices.PastProblem,
    IntakeQuestion.GOALS: choices.Goal,
}


class IntakeChoice(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="choice_rows")
    question = models.CharField(max_length=30, choices=IntakeQuestion)
    value = models.CharField(max_length=40)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "question", "value"], name="intakechoice_unique_answer"
            ),
            models.CheckConstraint(
                condition=models.Q(question__in=IntakeQuestion.values),
                name="intakechoice_question_valid",
            ),
        ]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self):
        return f"{self.question}: {self.value}"


class GuideOpen(models.Model):
    """A patient opened a page from their reading list (for the dermatologist)."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="guide_opens")
    page = models.CharField(max_length=80, help_text="Treatment or scar-type slug, or a page key.")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opened_at"]
        indexes = [models.Index(fields=["intake", "page"])]

    def __str__(self):
        return f"{self.intake.reference} opened {self.page}"


def guide_url(token):
    return reverse("intake:guide", kwargs={"token": token})


class IntakeCaution(models.Model):
    """A caution the answers raised (DOMAIN.md §5), as a row so the queue can filter
    and badge by it without reading the stored match."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="caution_rows")
    key = models.CharField(max_length=60, choices=choices.CautionKey)
    title = models.CharField(max_length=160)
    highest_severity = models.CharField(max_length=20, choices=Severity, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "key"], name="intakecaution_unique_key")
        ]
        indexes = [models.Index(fields=["key"])]

    def __str__(self):
        return f"{self.intake_id}: {self.key}"


class GoodmanBaronGrade(models.IntegerChoices):
    """DOMAIN.md §2: the dermatologist grades; the app never does."""

    MACULAR = 1, "1 – Macular"
    MILD = 2, "2 – Mild"
    MODERATE = 3, "3 – Moderate"
    SEVERE = 4, "4 – Severe"


class Assessment(models.Model):
    """The dermatologist's assessment of one intake, edited in the review workspace."""

    intake = models.OneToOneField(Intake, on_delete=models.CASCADE, related_name="assessment")
    scar_types_seen = models.ManyToManyField(
        "education.ScarType", blank=True, related_name="+", verbose_name="scar types seen"
    )
    grade = models.PositiveSmallIntegerField(
        "Goodman and Baron grade", choices=GoodmanBaronGrade, null=True, blank=True
    )
    notes = models.TextField(max_length=5000, blank=True)
    plan = models.TextField(max_length=5000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade__isnull=True) | models.Q(grade__gte=1, grade__lte=4),
                name="assessment_grade_range",
            )
        ]

    def __str__(self):
        return f"Assessment of {self.intake.reference}"


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    PRINT = "print", "Printed"
    CHANGE = "change", "Changed"
    HISTORY = "history", "Viewed access history"


class AuditEvent(models.Model):
    """Who looked at or changed an intake, when and from where. Append-only: the
    app and the admin never change a row, and on PostgreSQL a trigger refuses
    UPDATE and DELETE. It outlives the intake (no cascading delete) and names
    the intake by reference as well as by id."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "auth.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150)
    action = models.CharField(max_length=10, choices=AuditAction)
    intake = models.ForeignKey(
        Intake,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="audit_events",
    )
    intake_reference = models.CharField(max_length=12, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.TextField(blank=True, help_text="For changes: which fields, old → new.")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["intake", "-at"])]

    def __str__(self):
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.intake_reference}"
        )
