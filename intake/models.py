"""A submitted intake, stored in typed fields so staff can filter and the database
enforces types; questions with many answers are related rows (IntakeChoice)."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from education.levels import Severity
from intake import choices
from intake.questions import MULTI_QUESTIONS, QUESTIONS, Kind


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


# Intakes sent before the consent step had a typed-name signature and the Notice of
# Privacy Practices (migrations 0012 and 0013) carry neither; every later one must.
SIGNED_CONSENT_FROM = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
_CONSENT_BOXES = models.Q(consent_true=True, consent_not_diagnosis=True, consent_storage=True)
_SIGNED = models.Q(signed_on__isnull=False, consent_privacy_notice=True) & ~models.Q(
    signature_name=""
)
_UNSIGNED_BEFORE_SIGNATURES = models.Q(
    signed_on__isnull=True, signature_name="", submitted_at__lt=SIGNED_CONSENT_FROM
)
CONSENT_GIVEN = _CONSENT_BOXES & (_SIGNED | _UNSIGNED_BEFORE_SIGNATURES)


# The patients' languages as the staff pages name them: always in English (settings.LANGUAGES
# names each language in itself, "Español", for the language switcher).
LANGUAGE_NAMES_FOR_STAFF = {"en": "English", "es": "Spanish"}


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
    # The day the patient signed with their typed name (signature_name): the day it was sent.
    signed_on = models.DateField(null=True, blank=True, editable=False)
    # Which Notice of Privacy Practices (clinic.PrivacyNotice.version) the patient
    # acknowledged with consent_privacy_notice; blank when none was published.
    privacy_notice_version = models.CharField(max_length=20, blank=True, editable=False)
    # The patient's consent to the clinic keeping the photos they sent (the photo step's
    # box), recorded with the intake: photos are kept only with it.
    photo_consent = models.BooleanField(default=False, editable=False)
    # The language the patient filled the form in (issue #15): their e-mails' language and
    # the review page's badge. Answers are stored as choice keys whatever it is.
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default="en", editable=False
    )

    # The answer columns (one per question that is not multi-answer) are added from the
    # question registry below the class: see answer_column.
    skin_type = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Self-reported Fitzpatrick type I–VI (internal)."
    )
    skin_type_confirm_in_clinic = models.BooleanField(default=False)

    # What the rules said when it was submitted (save the output and
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
        indexes = [
            models.Index(STATUS_ORDER, "submitted_at", "id", name="intake_queue_order"),
            # The queue's first block (upcoming consultations, soonest first) and its
            # "consultation within 3 days" filter read this range; most rows have no date.
            models.Index(
                "consultation_on",
                STATUS_ORDER,
                "submitted_at",
                "id",
                name="intake_consultation_order",
                condition=models.Q(consultation_on__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=IntakeStatus.values), name="intake_status_valid"
            ),
            models.CheckConstraint(condition=CONSENT_GIVEN, name="intake_consent_given"),
        ]

    def __str__(self):
        return f"{self.reference} ({self.first_name} {self.last_name})"

    @property
    def staff_language_name(self):
        """The patient's language in English, for the review pages' badge."""
        return LANGUAGE_NAMES_FOR_STAFF.get(self.language, self.language)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


def answer_column(question):
    """The Intake column for one registry question; the registry is the one source of its
    length, choices and whether it may be blank."""
    label, optional = question.staff_label, not question.required
    if question.kind == Kind.SINGLE:
        return models.CharField(
            label, max_length=question.max_length, choices=question.choices, blank=optional
        )
    if question.kind == Kind.TEXT:
        return models.TextField(label, max_length=question.max_length, blank=True)
    if question.kind == Kind.EMAIL:
        return models.EmailField(label, max_length=question.max_length, blank=optional)
    if question.kind == Kind.SIGNATURE:
        return models.CharField(label, max_length=question.max_length)
    if question.kind in (Kind.NAME, Kind.PHONE):
        return models.CharField(label, max_length=question.max_length, blank=optional)
    if question.kind == Kind.DATE:
        return models.DateField(label, null=optional, blank=optional)
    if question.kind == Kind.CONSENT:
        return models.BooleanField(label, default=False)
    raise ValueError(f"No column for {question.key} ({question.kind})")


for _question in QUESTIONS:
    if not _question.multi:
        Intake.add_to_class(_question.key, answer_column(_question))


# Questions with many answers, stored one row per answer, labelled for staff.
IntakeQuestion = models.TextChoices(
    "IntakeQuestion",
    [(question.key.upper(), (question.key, question.staff_label)) for question in MULTI_QUESTIONS],
)
MULTI_CHOICES = {IntakeQuestion(question.key): question.choices for question in MULTI_QUESTIONS}


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
    """A caution the answers raised (docs/clinical-rules.md), as a row so the queue can filter
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
    """The dermatologist grades; the app never does."""

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
    PHOTO = "photo", "Viewed a photo"
    # Listed in a queue search's results, with the cautions the queue shows.
    SEARCH = "search", "Found in a queue search"
    # A patient's unfinished draft (intake_reference is the draft's reference).
    DRAFT_SAVE = "draft_save", "Draft saved to finish later"
    LINK_SEND = "link_send", "Finish-later link sent"
    RESUME = "resume", "Draft reopened by link"
    RESUME_FAIL = "dob_wrong", "Draft link: wrong date of birth"


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


from intake.draft_models import Draft  # noqa: E402, F401 - the draft lives in its own module
from intake.photos.models import IntakePhoto  # noqa: E402, F401 - a model of this app
