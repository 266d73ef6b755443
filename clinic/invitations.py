"""Invitations for staff (services and selectors): issue a one-time link, find it
again from the token, and accept it by setting a password. Enrolling the
authenticator then happens in clinic.two_factor, for that session only."""

import datetime
import hashlib
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import StaffInvitation
from clinic.tasks import queue_email

logger = logging.getLogger(__name__)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_issue(*, user, created_by=None, now=None):
    """A new invitation for `user`; returns the token (shown once, stored hashed).
    Earlier unused invitations stop working: only the newest link opens."""
    now = now or timezone.now()
    StaffInvitation.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
    token = secrets.token_urlsafe(32)
    StaffInvitation.objects.create(
        user=user,
        token_hash=_hash(token),
        created_by=created_by,
        expires_at=now + datetime.timedelta(hours=settings.STAFF_INVITATION_TTL_HOURS),
    )
    logger.info("staff %s: invitation issued", user.get_username())
    return token


def invitation_url(token):
    return reverse("invitation", kwargs={"token": token})


def invitation_find(token, *, now=None):
    """The unused, unexpired invitation with this token, or None."""
    if not token or len(token) > 100:
        return None
    return (
        StaffInvitation.objects.usable(now=now or timezone.now())
        .select_related("user")
        .filter(token_hash=_hash(token), user__is_active=True)
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation, password, now=None):
    """Sets the password and uses the invitation up; False if it was used (or
    expired) meanwhile. One conditional UPDATE, so a link works once under any race."""
    now = now or timezone.now()
    if not StaffInvitation.objects.usable(now=now).filter(pk=invitation.pk).update(used_at=now):
        return False
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    # An authenticator set up but never confirmed may have been seen by whoever opened
    # an earlier link; the set-up after this acceptance shows a new secret.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    logger.info("staff %s: invitation accepted", user.get_username())
    return True


def invitation_send(*, user, link):
    """Queues the e-mail with the link to the person (the worker sends it, with
    retries). The link is a secret: its task row forgets it once tried."""
    body = render_to_string(
        "registration/invitation_email.txt",
        {
            "user": user,
            "link": link,
            "hours": settings.STAFF_INVITATION_TTL_HOURS,
            "clinic_name": settings.CLINIC_NAME,
        },
    )
    queue_email(
        to=user.email,
        subject=f"Your staff account at {settings.CLINIC_NAME}",
        body=body,
        kind="invitation",
        reference=user.get_username(),
        secret=True,
    )
    return True
