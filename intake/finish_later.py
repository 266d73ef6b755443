"""The "Save and finish later" e-mail: the draft's single-use link, sent to the address
step 1 holds (no answers in it)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from intake.drafts import draft_audit
from intake.models import AuditAction
from intake.patient_mail import patient_email_send


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
