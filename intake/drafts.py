"""The patient's draft: which draft a browser owns, saving a step's raw form data,
reading the answers back through the step forms, and the single-use "finish later"
link that moves a draft to another device once the date of birth is confirmed (its
e-mail, and the limits on it, are in intake/finish_later.py).

The browser's session holds only {"draft": id, "owner": key} and the hashes of its
drafts' submission keys; the answers are in the Draft row (never in the cache).
Business rules live here so they are tested without HTTP; the views only map the
results to pages.
"""

import enum
import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import ngettext

from intake.draft_models import patient_language
from intake.draft_sql import StepDataWith
from intake.models import AuditAction, AuditEvent, Draft
from intake.steps import STEP_BY_SLUG, STEPS, as_form_data

logger = logging.getLogger(__name__)

SESSION_KEY = "intake"
RESUME_SESSION_KEY = "intake_resume"
# The hashes of the submission keys this browser's drafts had, kept after a draft is sent
# or left: a double click or a refresh of the submit here lands on the guide again. Anyone
# else holding a key (it is in the check page's HTML: an old browser after the draft
# moved, a copied page) must not reach the guide with it. Written when the browser comes
# to own a draft, a write that happens anyway, so a session that cannot be written after
# the submit still knows its key. A few, for a patient who sends more than one form.
KEYS_SESSION_KEY = "intake_keys"
KEYS_KEPT = 5
LINK_TRIES = 5  # wrong dates of birth that end a link
# In Draft.step_data beside the steps: a step's unchecked answers kept over a language
# switch ({"step": slug, "data": raw form data}). Not a step slug, so never an answer.
TYPED_KEY = "typed_before_switch"
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_reference():
    return "AS-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))


def secret_hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class Ownership(enum.Enum):
    NONE = "none"  # this browser has no draft (or it was sent or removed)
    OWNED = "owned"
    MOVED = "moved"  # reopened on another device: this copy is read-only and hidden


@dataclass(frozen=True)
class Held:
    draft: Draft | None
    ownership: Ownership


def draft_for_session(session):
    """The draft this browser may edit. A session with no draft key reads nothing
    from the database beyond the session itself."""
    held = session.get(SESSION_KEY)
    if not held:
        return Held(None, Ownership.NONE)
    if "answers" in held:
        return Held(_draft_from_legacy(session, held), Ownership.OWNED)
    draft = Draft.objects.current().filter(pk=held.get("draft")).first()
    if draft is None:
        return Held(None, Ownership.NONE)
    if draft.owner_hash != secret_hash(held.get("owner", "")):
        return Held(None, Ownership.MOVED)
    return Held(draft, Ownership.OWNED)


def _draft_from_legacy(session, held):
    """A draft begun before drafts moved to the database (answers kept, typed, in the
    session): moved into a Draft row with the same submission key, so an open check
    page still sends it."""
    draft = Draft(reference=new_reference(), owner_hash="")
    if "submission_key" in held:
        draft.submission_key = held["submission_key"]
    for slug, answers in held["answers"].items():
        if slug in STEP_BY_SLUG:
            draft.step_data[slug] = dict(as_form_data(answers).lists())
    _copy_contact(draft)
    _own(session, draft)
    draft.save()
    _hold(session, draft)
    return draft


def _own(session, draft):
    """Makes this browser the draft's only owner (call it, then save the draft)."""
    owner = secrets.token_urlsafe(32)
    draft.owner_hash = secret_hash(owner)
    session[SESSION_KEY] = {"draft": draft.pk, "owner": owner}
    draft_key_remember(session, draft.submission_key)
    session.modified = True
    return owner


def draft_key_remember(session, submission_key):
    """Notes in the session that this browser's draft has the key (see KEYS_SESSION_KEY)."""
    hashed = secret_hash(str(submission_key))
    known = [seen for seen in session.get(KEYS_SESSION_KEY, []) if seen != hashed]
    session[KEYS_SESSION_KEY] = [*known, hashed][-KEYS_KEPT:]
    session.modified = True


def draft_key_known(session, submission_key):
    """Whether one of this browser's drafts had the key (compared in constant time)."""
    wanted = secret_hash(str(submission_key))
    matches = [hmac.compare_digest(wanted, seen) for seen in session.get(KEYS_SESSION_KEY, [])]
    return any(matches)


def _hold(session, draft):
    """Names the just-created draft in the session and writes the session."""
    session[SESSION_KEY]["draft"] = draft.pk
    session.modified = True
    session.save()


def raw_step_data(form, data):
    """The POSTed values that belong to the form's fields (a widget may send several
    keys per field, such as day/month/year boxes), as lists: what a wizard stores."""
    names = tuple(form.fields)
    return {
        key: values
        for key, values in data.lists()
        if any(key == name or key.startswith(f"{name}_") for name in names)
    }


def bound_form(draft, step):
    """The step's form bound to the stored raw data (None when not answered)."""
    stored = (draft.step_data if draft else {}).get(step.slug)
    if stored is None:
        return None
    return step.form_class(data=MultiValueDict(stored))


def typed_form(draft, step):
    """The step's form showing what the patient typed there before switching language,
    or None when nothing was kept for this step. The values are shown as typed and not
    judged (an unbound form with them as its initial values): no error appears until the
    patient presses Continue."""
    typed = (draft.step_data if draft else {}).get(TYPED_KEY)
    if not typed or typed.get("step") != step.slug:
        return None
    return unchecked_form(step, MultiValueDict(typed["data"]))


def unchecked_form(step, data):
    """The step's form showing the raw `data` without validating it."""
    fields = step.form_class.base_fields
    initial = {
        name: field.widget.value_from_datadict(data, {}, name) for name, field in fields.items()
    }
    return step.form_class(initial=initial)


def first_missing_step(draft):
    stored = draft.step_data if draft else {}
    return next((step for step in STEPS if step.slug not in stored), None)


def step_values(draft, step):
    """The step's answers as values for display: cleaned when they still validate,
    otherwise as typed."""
    form = bound_form(draft, step)
    if form is None:
        return None
    if form.is_valid():
        return form.cleaned_data
    return {key: values if len(values) != 1 else values[0] for key, values in form.data.lists()}


def validated_answers(draft):
    """Every step's answers merged and validated again by the step forms.
    Returns (answers, first_step_that_no_longer_validates)."""
    merged = {}
    for step in STEPS:
        form = bound_form(draft, step)
        if form is None or not form.is_valid():
            return None, step
        merged.update(form.cleaned_data)
    return merged, None


class DraftMoved(Exception):
    """The draft was reopened on another device; this browser may not change it."""


def draft_step_save(*, session, step, form, data):
    """Stores a valid step's raw data in the browser's draft (making the draft on the
    first step). Raises DraftMoved when the draft now belongs to another device, and
    DatabaseError when it cannot be written (the caller shows the answers again).

    Saving into an existing draft is one UPDATE that sets just this step's key
    (intake/draft_sql.py) and checks the owner and the retention period in its WHERE:
    nothing is read first. The draft returned then has its fields read from the
    database only when one is used (Django's deferred fields)."""
    raw = raw_step_data(form, data)
    fields = {"saved_at": timezone.now(), "language": patient_language()}
    if step is STEPS[0]:  # the only step the contact comes from
        fields.update(_contact_of(form))
    saved = _draft_update(
        session,
        StepDataWith(step.slug, raw, typed_key=TYPED_KEY, drop_if_step=step.slug),
        **fields,
    )
    return saved or _draft_create(session, step_data={step.slug: raw}, **fields)


def draft_typed_keep(*, session, step, form, data):
    """Keeps what the patient typed on a step, unchecked, when they switch language
    there, so the same step in the other language shows it again (typed_form). It sits
    in the draft row beside the steps' data, never in the session or a cache; the step
    itself keeps its last sent answers (or stays unanswered) until it is sent. Raises
    DraftMoved and DatabaseError as draft_step_save does."""
    typed = {"step": step.slug, "data": raw_step_data(form, data)}
    now = timezone.now()
    saved = _draft_update(
        session, StepDataWith(TYPED_KEY, typed, typed_key=TYPED_KEY), saved_at=now
    )
    return saved or _draft_create(
        session, step_data={TYPED_KEY: typed}, saved_at=now, language=patient_language()
    )


def _draft_create(session, **fields):
    """A new draft with `fields`, owned by this browser and named in its session."""
    draft = Draft(reference=new_reference(), **fields)
    _own(session, draft)
    draft.save()
    _hold(session, draft)
    return draft


def _draft_update(session, step_data, **fields):
    """Writes `step_data` (an expression) and `fields` into the browser's current draft
    in one UPDATE. Returns the draft (fields deferred), or None when the browser has
    no current draft (never had one, sent it, or it expired): the caller makes one.
    Raises DraftMoved when the draft is current but owned by another device."""
    if "answers" in (session.get(SESSION_KEY) or {}):
        draft_for_session(session)  # a draft from before drafts were rows: moved into one
    held = session.get(SESSION_KEY) or {}
    pk = held.get("draft")
    if pk is None:
        return None
    current = Draft.objects.current().filter(pk=pk)
    owned = current.filter(owner_hash=secret_hash(held.get("owner", "")))
    if owned.update(step_data=step_data, **fields):
        return Draft.from_db(Draft.objects.db, ["id"], [pk])
    if current.exists():  # reopened on another device: this copy may not change it
        raise DraftMoved
    return None


def draft_loaded(draft):
    """The draft with every field read, in one query when it came back deferred from
    a step save (for pages that show several of its fields)."""
    if draft.get_deferred_fields():
        return Draft.objects.get(pk=draft.pk)
    return draft


def _contact_of(form):
    """The e-mail address and date of birth of a valid step 1, for the draft's row."""
    return {
        "email": form.cleaned_data.get("email") or "",
        "date_of_birth": form.cleaned_data.get("date_of_birth"),
    }


def _copy_contact(draft):
    """Keeps the e-mail address and date of birth of a valid step 1 on the row."""
    form = bound_form(draft, STEPS[0])
    if form is not None and form.is_valid():
        for name, value in _contact_of(form).items():
            setattr(draft, name, value)


def draft_forget(session):
    session.pop(SESSION_KEY, None)
    session.modified = True


def draft_audit(*, draft, action, ip_address=None, detail=""):
    """An audit row for something done to a draft by the patient (no staff actor)."""
    return AuditEvent.objects.create(
        actor=None,
        actor_username="patient",
        action=action,
        intake=None,
        intake_reference=draft.reference,
        ip_address=ip_address,
        detail=detail,
    )


# -- "Save and finish later" ------------------------------------------------------------


@transaction.atomic
def draft_link_issue(*, draft, ip_address=None, unless_sent_after=None):
    """A new single-use link for the draft (any older one stops working). Returns the
    token, which is stored only as a hash and never logged. With `unless_sent_after`
    (a time), returns None instead when a link was made after it: the check and the
    write are one UPDATE, so saves racing each other cannot each make a link."""
    token = secrets.token_urlsafe(32)
    link_hash, now = secret_hash(token), timezone.now()
    rows = Draft.objects.filter(pk=draft.pk)
    if unless_sent_after is not None:
        rows = rows.filter(Q(link_sent_at__isnull=True) | Q(link_sent_at__lte=unless_sent_after))
    if not rows.update(link_hash=link_hash, link_tries=0, link_sent_at=now):
        return None
    draft.link_hash, draft.link_tries, draft.link_sent_at = link_hash, 0, now
    draft_audit(draft=draft, action=AuditAction.DRAFT_SAVE, ip_address=ip_address)
    return token


def draft_for_link(token):
    """The current draft a link opens, or None (unknown, used, ended or expired)."""
    if not token:
        return None
    return Draft.objects.current().filter(link_hash=secret_hash(token)).first()


class ResumeResult(enum.Enum):
    RESUMED = "resumed"
    WRONG_DATE = "wrong_date"
    ENDED = "ended"  # too many wrong dates: the link no longer works
    GONE = "gone"


@dataclass(frozen=True)
class Resume:
    result: ResumeResult
    draft: Draft | None = None
    tries_left: int = 0


@transaction.atomic
def draft_resume(*, session, token, date_of_birth, ip_address=None):
    """Moves the draft a link opens to this browser when the date of birth matches
    step 1 (compared as dates). The link then stops working and the old browser's
    copy stops accepting changes; the draft gets a new submission key, so the key in
    the old browser's check page never sends it nor opens its guide. Five wrong dates
    end the link."""
    draft = draft_for_link(token)
    if draft is None:
        return Resume(ResumeResult.GONE)
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.link_hash != secret_hash(token):
        return Resume(ResumeResult.GONE)
    if draft.date_of_birth is None or date_of_birth != draft.date_of_birth:
        Draft.objects.filter(pk=draft.pk).update(link_tries=F("link_tries") + 1)
        tries = draft.link_tries + 1
        draft_audit(draft=draft, action=AuditAction.RESUME_FAIL, ip_address=ip_address)
        if tries >= LINK_TRIES:
            Draft.objects.filter(pk=draft.pk).update(link_hash=None)
            return Resume(ResumeResult.ENDED)
        return Resume(ResumeResult.WRONG_DATE, tries_left=LINK_TRIES - tries)
    draft.submission_key = uuid.uuid4()  # before _own, which notes it in this session
    _own(session, draft)
    draft.link_hash = None
    draft.link_tries = 0
    draft.save(update_fields=["owner_hash", "submission_key", "link_hash", "link_tries"])
    session.pop(RESUME_SESSION_KEY, None)
    draft_audit(draft=draft, action=AuditAction.RESUME, ip_address=ip_address)
    return Resume(ResumeResult.RESUMED, draft=draft)


def retention_words(hours):
    """How long a draft is kept, in words: "3 days (72 hours)", "36 hours"."""
    if hours % 24 == 0:
        days = hours // 24
        return ngettext(
            "%(days)d day (%(hours)d hours)", "%(days)d days (%(hours)d hours)", days
        ) % {
            "days": days,
            "hours": hours,
        }
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
