"""What writes a patient's intake: the submit (once per submission key, with its match and
rule version), recorded guide opens, the per-client limits (submissions, finish-later
e-mails), audit rows and the purge. The dermatologist's writes are in
intake/review/services.py."""

import datetime
import hashlib
import hmac
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from clinic.models import PrivacyNotice
from intake import rules
from intake.draft_models import patient_language
from intake.drafts import SESSION_KEY, new_reference
from intake.forms import age_on
from intake.models import (
    MULTI_CHOICES,
    AuditAction,
    AuditEvent,
    Draft,
    GuideOpen,
    Intake,
    IntakeCaution,
    IntakeChoice,
)
from intake.photos.models import photo_consent_given, photos_move_to_intake
from intake.questions import QUESTIONS, RULE_QUESTIONS, SINGLE_FIELDS, Kind
from intake.retention import delete_in_batches
from intake.selectors import rulebook_load, token_hash

logger = logging.getLogger(__name__)

BLANK_NOT_NULL = (Kind.SINGLE, Kind.TEXT, Kind.NAME, Kind.PHONE, Kind.EMAIL, Kind.SIGNATURE)


def guide_token_for(submission_key):
    """The guide link's secret: 256 bits derived from the (random, per-draft)
    submission key with the site secret, so a replayed or concurrent POST of the
    same draft arrives at the same guide without the token being stored."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"intake-guide:{submission_key}".encode(), hashlib.sha256
    ).digest()
    return digest.hex()


def rule_answers(answers, *, today):
    """The plain Answers the pure rules read, from the validated form answers: every
    registry question the rules read, multi answers as frozensets, optional blanks as None."""
    values = {}
    for question in RULE_QUESTIONS:
        value = answers.get(question.key)
        if question.multi:
            values[question.key] = frozenset(value or ())
        elif question.required:
            values[question.key] = answers[question.key]  # a missing one is a bug: fail loudly
        else:
            values[question.key] = value or None
    return rules.Answers(age=age_on(answers["date_of_birth"], today), **values)


def intake_submit(*, answers, submission_key, draft=None):
    """Saves one intake with its answers and match, exactly once per submission key.

    Returns (intake, created). A replay, a double click or a concurrent POST with
    the same key returns the intake the first one saved: the unique key refuses the
    second insert, and that one is looked up (a replay is rare, so the usual submit
    makes no look-up first). Database errors propagate so the caller can show "not
    saved" and keep the answers. A `draft` gives the intake its reference and is
    deleted in the same transaction: an intake and its draft never both exist."""
    try:
        return _intake_create(answers=answers, submission_key=submission_key, draft=draft), True
    except IntegrityError:
        existing = Intake.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False


@transaction.atomic
def _intake_create(*, answers, submission_key, draft=None):
    now = timezone.now()
    language = patient_language()
    book, version = rulebook_load()
    # What is stored (the match and its reasons, the caution titles) is worked out in
    # English whatever the patient's language: the dermatologist reads it in English, and
    # the guide translates the stored English wording when it is shown.
    with translation.override("en"):
        result = rules.match(rule_answers(answers, today=timezone.localdate()), book)
        match_result = result.to_dict()
    token = guide_token_for(submission_key)
    notice = PrivacyNotice.objects.only("version").current()  # its version, not its text
    intake = Intake(
        **{name: answers.get(name) for name in SINGLE_FIELDS},
        submission_key=submission_key,
        reference=draft.reference if draft else new_reference(),
        guide_token_hash=token_hash(token),
        guide_expires_at=now + datetime.timedelta(days=settings.INTAKE_GUIDE_TTL_DAYS),
        submitted_at=now,
        signed_on=timezone.localdate(),
        privacy_notice_version=notice.version if notice else "",
        skin_type=result.skin_type.type,
        skin_type_confirm_in_clinic=result.skin_type.confirm_in_clinic,
        match_result=match_result,
        language=language,
        rule_version=version,
        photo_consent=draft is not None and photo_consent_given(draft),
    )
    for question in QUESTIONS:
        # Optional text and choices are stored blank, not NULL (Django's convention).
        if getattr(intake, question.key, 0) is None and question.kind in BLANK_NOT_NULL:
            setattr(intake, question.key, "")
    # The database enforces the unique keys and check constraints; skipping their
    # look-ups here keeps the submit path short.
    intake.full_clean(
        exclude=["submission_key", "reference", "guide_token_hash"], validate_constraints=False
    )
    intake.save()
    IntakeChoice.objects.bulk_create(
        IntakeChoice(intake=intake, question=question, value=value)
        for question in MULTI_CHOICES
        for value in answers.get(question) or ()
    )
    IntakeCaution.objects.bulk_create(
        IntakeCaution(
            intake=intake,
            key=caution.key,
            title=caution.title,
            highest_severity=caution.highest_severity or "",
        )
        for caution in result.cautions
    )
    if draft is not None:
        photos_move_to_intake(draft=draft, intake=intake)
        draft_delete_moved(draft)
    return intake


def draft_delete_moved(draft):
    """Deletes the sent draft in one statement. Django's delete would first read the
    row and look for its photos to cascade to; they were just moved to the intake,
    and one that arrived since would make the database's foreign key refuse the
    commit (the patient sends again; nothing is lost), so no look-up is needed."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM intake_draft WHERE id = %s", [draft.pk])


def guide_open_record(*, intake, page):
    return GuideOpen.objects.create(intake=intake, page=page)


def _slots_key(kind, client_id):
    return f"intake:{kind}:{hashlib.sha256(client_id.encode()).hexdigest()}"


def client_slot_take(*, kind, client_id, limit, window_seconds):
    """Takes one of the client's `kind` slots for the window, or returns False when
    none is left. Counted in Django's cache (Redis in production) with an atomic
    add-then-increment, so concurrent requests can never take more slots than the
    limit (a read, then a later write, let 8 racing submits save 7 against a limit
    of 5). Fails open when the cache is down: a patient must be able to go on."""
    key = _slots_key(kind, client_id)
    try:
        cache.add(key, 0, timeout=window_seconds)
        taken = cache.incr(key)
        if taken > limit:
            cache.decr(key)
            return False
    except Exception:  # noqa: BLE001 - cache outage must not block patients
        logger.warning("intake rate limit (%s): cache unavailable; allowing it", kind)
    return True


def client_slot_release(*, kind, client_id):
    """Gives a slot back when what it was taken for did not happen."""
    try:
        cache.decr(_slots_key(kind, client_id))
    except ValueError:
        pass  # the window ended meanwhile: nothing left to give back
    except Exception:  # noqa: BLE001 - best effort; the window ends on its own
        logger.warning("intake rate limit (%s): cache unavailable; slot not released", kind)


def submission_slot_take(*, client_id):
    """One of the client's INTAKE_RATE_LIMIT new intakes per window."""
    return client_slot_take(
        kind="submits",
        client_id=client_id,
        limit=settings.INTAKE_RATE_LIMIT,
        window_seconds=settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS,
    )


def submission_slot_release(*, client_id):
    """Gives a slot back when nothing new was saved (a "not saved" page or a
    replay of a saved draft): only saved intakes count against the limit."""
    client_slot_release(kind="submits", client_id=client_id)


def audit_record(*, actor, action, intake, ip_address=None, detail=""):
    """Appends one audit row. Call it inside the transaction of what it records."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_username=actor.get_username(),
        action=action,
        intake=intake,
        intake_reference=intake.reference,
        ip_address=ip_address,
        detail=detail,
    )


def audit_found_in_search(*, actor, intakes, ip_address=None):
    """One audit row for each intake a queue search listed (one INSERT). A search by
    name shows who the patient is and the cautions their answers raised, so who found
    whom is recorded, on each intake's access history. The words searched for are not
    kept: they are often a name, and the audit log outlives the intake."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor,
            actor_username=actor.get_username(),
            action=AuditAction.SEARCH,
            intake_id=intake.pk,
            intake_reference=intake.reference,
            ip_address=ip_address,
        )
        for intake in intakes
    )


def _drafts_purge(*, cutoff, dry_run):
    """Deletes drafts (and with them their finish-later links) last changed before
    `cutoff`, in batches like every purge (intake/retention.py)."""
    expired = Draft.objects.filter(saved_at__lt=cutoff)
    return expired.count() if dry_run else delete_in_batches(expired)


@dataclass
class PurgeReport:
    drafts: int = 0
    intakes: int = 0
    guide_links: int = 0


@transaction.atomic
def intakes_purge(*, draft_hours, submitted_days=None, now=None, dry_run=False):
    """Removes what the clinic no longer needs: unfinished drafts older than
    `draft_hours`, submitted intakes older than `submitted_days` (None keeps them)
    and expired guide links. Audit rows stay: they outlive the intake."""
    now = now or timezone.now()
    report = PurgeReport()
    draft_cutoff = (now - datetime.timedelta(hours=draft_hours)).timestamp()
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        data = session.get_decoded()
        draft = data.get(SESSION_KEY)
        # Only drafts kept in the session before drafts moved to the database.
        if not draft or "answers" not in draft or draft.get("saved_at", 0) >= draft_cutoff:
            continue
        report.drafts += 1
        if dry_run:
            continue
        if "_auth_user_id" in data:
            data.pop(SESSION_KEY)
            Session.objects.save(session.session_key, data, session.expire_date)
        else:
            session.delete()
    report.drafts += _drafts_purge(
        cutoff=now - datetime.timedelta(hours=draft_hours), dry_run=dry_run
    )
    if submitted_days is not None:
        old = Intake.objects.filter(submitted_at__lt=now - datetime.timedelta(days=submitted_days))
        report.intakes = old.count()
        if not dry_run:
            delete_in_batches(old)
    expired = Intake.objects.filter(guide_expires_at__lt=now, guide_token_hash__isnull=False)
    report.guide_links = expired.count()
    if not dry_run:
        expired.update(guide_token_hash=None)
    return report
