"""The "Save and finish later" e-mail: the draft's single-use link, within two limits.

The e-mail goes to whatever address step 1 holds, so without limits the button would
mail anyone, as often as it is pressed. A draft gets a new link at most once every
LINK_RESEND_MINUTES (pressing again meanwhile is told to look for the e-mail already
sent), and one client address gets INTAKE_LINK_EMAIL_LIMIT links per
INTAKE_LINK_EMAIL_WINDOW_SECONDS, counted by the same cache helper as the submit's limit.

The step view has saved the draft before any of this runs: a limit only holds back the
e-mail, never what the patient typed. Business rules here; intake/draft_views.py maps
the outcome to the page.
"""

import datetime
import enum
import math
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from intake import services
from intake.drafts import draft_audit, draft_link_issue
from intake.models import AuditAction
from intake.patient_mail import patient_email_send

LINK_RESEND_MINUTES = 5
LINK_SLOTS = "links"  # the cache helper's name for these slots (beside "submits")


class LinkOutcome(enum.Enum):
    SENT = "sent"
    NOT_SENT = "not_sent"  # the e-mail could not be queued
    SENT_RECENTLY = "sent_recently"  # this draft's link went minutes ago
    CLIENT_LIMITED = "client_limited"  # many links from this address in the window


@dataclass(frozen=True)
class LinkResult:
    outcome: LinkOutcome
    wait_minutes: int = 0  # when a held-back link may be asked for again


def finish_later(*, draft, client_id, link_for, ip_address=None, now=None):
    """E-mails a new link for the saved `draft` unless a limit holds it back.
    `link_for(token)` is the link's full address (the view knows the site's host)."""
    now = now or timezone.now()
    not_before = now - datetime.timedelta(minutes=LINK_RESEND_MINUTES)
    # A first look without a slot: pressing again is the usual case and costs nothing.
    if draft.link_sent_at and draft.link_sent_at > not_before:
        return _held(draft, LinkOutcome.SENT_RECENTLY, _resend_wait(draft, now), ip_address)
    slot = {"kind": LINK_SLOTS, "client_id": client_id}
    limit, window = settings.INTAKE_LINK_EMAIL_LIMIT, settings.INTAKE_LINK_EMAIL_WINDOW_SECONDS
    if not services.client_slot_take(**slot, limit=limit, window_seconds=window):
        return _held(draft, LinkOutcome.CLIENT_LIMITED, max(1, window // 60), ip_address)
    token = draft_link_issue(draft=draft, ip_address=ip_address, unless_sent_after=not_before)
    if token is None:  # a save of this draft racing this one made the link
        services.client_slot_release(**slot)
        return _held(draft, LinkOutcome.SENT_RECENTLY, LINK_RESEND_MINUTES, ip_address)
    if not draft_link_send(draft=draft, link=link_for(token), ip_address=ip_address):
        services.client_slot_release(**slot)  # only e-mails that go count
        return LinkResult(LinkOutcome.NOT_SENT)
    return LinkResult(LinkOutcome.SENT)


def _resend_wait(draft, now):
    left = draft.link_sent_at + datetime.timedelta(minutes=LINK_RESEND_MINUTES) - now
    return max(1, math.ceil(left.total_seconds() / 60))


# What the audit row of a save says when no link went (staff read it, in English).
HELD_DETAIL = {
    LinkOutcome.SENT_RECENTLY: "No new link: one was sent in the last few minutes.",
    LinkOutcome.CLIENT_LIMITED: "No link sent: too many from this address.",
}


def _held(draft, outcome, wait_minutes, ip_address):
    """The draft was saved and no e-mail went: recorded like a save that sends one."""
    draft_audit(
        draft=draft,
        action=AuditAction.DRAFT_SAVE,
        ip_address=ip_address,
        detail=HELD_DETAIL[outcome],
    )
    return LinkResult(outcome, wait_minutes=wait_minutes)


def masked_email(address):
    """n•••@example.com: enough for the patient to recognise, not to read aloud."""
    name, _, domain = address.partition("@")
    return f"{name[:1]}•••@{domain}"


def draft_link_send(*, draft, link, ip_address=None):
    """E-mails the finish-later link (no answers in it) and records that it went."""
    with translation.override(draft.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            "intake/email/resume_link.txt",
            {
                "link": link,
                "expires_at": draft.expires_at,
                "clinic_name": settings.CLINIC_NAME,
            },
        )
        subject = gettext("Finish your %(clinic)s form") % {"clinic": settings.CLINIC_NAME}
    sent = patient_email_send(
        subject=subject,
        body=body,
        to=draft.email,
        reference=draft.reference,
    )
    if sent:
        draft_audit(draft=draft, action=AuditAction.LINK_SEND, ip_address=ip_address)
    return sent
