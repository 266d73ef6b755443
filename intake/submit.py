"""The submit of a draft as one service: what the check page's POST does, as an
outcome the view maps to a page. So what counts against the rate limit, when an
intake is saved and when the confirmation e-mail goes are tested without HTTP."""

import enum
import logging
from dataclasses import dataclass

from django.db import DatabaseError

from intake import selectors, services
from intake import tasks as intake_tasks
from intake.drafts import (
    Ownership,
    draft_for_session,
    draft_forget,
    draft_key_known,
    draft_key_remember,
    validated_answers,
)
from intake.models import Intake
from intake.steps import Step

logger = logging.getLogger(__name__)


class Outcome(enum.Enum):
    SAVED = "saved"  # a new intake: go to its guide
    REPLAY = "replay"  # saved from this browser (a double click, a retry): the same guide
    ALREADY_SENT = "already_sent"  # saved, but not from this browser: no guide here
    STEP_NEEDS_ANSWER = "step"  # an answer no longer holds or is missing: show that step
    RATE_LIMITED = "rate_limited"
    ANOTHER_DRAFT = "another_draft"  # the key is not this browser's draft
    SESSION_LOST = "session_lost"  # this browser has no draft any more
    DRAFT_MOVED = "moved"  # the draft was reopened on another device


@dataclass(frozen=True)
class SubmitResult:
    outcome: Outcome
    token: str = ""
    intake: Intake | None = None
    step: Step | None = None


SENT_SESSION_KEY = "intake_sent"  # this browser sent an intake


def sent_here(session):
    """Whether this browser has sent an intake (the check page says so when it holds no draft)."""
    return bool(session.get(SENT_SESSION_KEY))


def draft_submit(*, session, submission_key, client_id, site_url):
    """Saves the browser's draft as an intake, once. `site_url` ("https://host/") goes
    in front of the guide link in the e-mail, which the worker sends. Raises
    DatabaseError when the intake may not be saved (nothing is lost: the draft stays
    until the intake exists)."""
    token = services.guide_token_for(submission_key)
    held = draft_for_session(session)
    draft = held.draft
    if draft is None or draft.submission_key != submission_key:
        # A replay after success (the draft is deleted with the save) goes to the guide,
        # in the browser whose draft had the key only: the key is no second guide link.
        if selectors.guide_for_token(token) is not None:
            if draft_key_known(session, submission_key):
                return SubmitResult(Outcome.REPLAY, token=token)
            return SubmitResult(Outcome.ALREADY_SENT)
        if held.ownership is Ownership.MOVED:
            return SubmitResult(Outcome.DRAFT_MOVED)
        if draft is None:
            return SubmitResult(Outcome.SESSION_LOST)
        return SubmitResult(Outcome.ANOTHER_DRAFT)
    answers, bad_step = validated_answers(draft)
    if answers is None:
        return SubmitResult(Outcome.STEP_NEEDS_ANSWER, step=bad_step)
    if not services.submission_slot_take(client_id=client_id):
        return SubmitResult(Outcome.RATE_LIMITED)
    try:
        intake, created = services.intake_submit(
            answers=answers, submission_key=submission_key, draft=draft
        )
    except DatabaseError:
        services.submission_slot_release(client_id=client_id)
        raise
    try:
        if created:
            # The worker sends the e-mails; the patient never waits for a mail server.
            intake_tasks.intake_submitted_queue(intake=intake, site_url=site_url)
        else:
            services.submission_slot_release(client_id=client_id)
        draft_key_remember(session, submission_key)  # for a draft begun before keys were noted
        draft_forget(session)
        # So the check page, reached again with Back, says the answers were sent instead
        # of showing an empty form to fill in again. A mark only: no key or token.
        session[SENT_SESSION_KEY] = True
        session.save()
    except DatabaseError:
        # Saved: from here on the patient goes to the guide whatever fails. A session
        # not cleared only sends a later POST of it to the same guide.
        logger.warning("intake %s: saved; the follow-up writes failed", intake.reference)
    return SubmitResult(Outcome.SAVED if created else Outcome.REPLAY, token=token, intake=intake)
