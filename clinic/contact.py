"""The clinic's phone number, from one place (``CLINIC_PHONE``).

Every "call the clinic" on a page, an e-mail or a form message shows it, through
``clinic_phone()``: the context processor, the ``{% clinic_phone %}`` tag (for e-mails,
which render without a request) and the under-18 message all call this. Without the
setting (development) it shows an obvious placeholder; the deploy check
(``clinic/checks.py``) warns before production runs without it.
"""

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# Marked only: the constant stays English (tests compare with it), clinic_phone() translates it.
PHONE_PLACEHOLDER = gettext_noop("(clinic phone not set)")


def clinic_phone_configured() -> bool:
    return bool((settings.CLINIC_PHONE or "").strip())


def clinic_phone() -> str:
    return (settings.CLINIC_PHONE or "").strip() or gettext(PHONE_PLACEHOLDER)


def call_the_clinic() -> str:
    """The words for "call the clinic", with the number: "call the clinic at 555 0100", in
    the active language (pages put it in a sentence: "If it keeps happening, please …")."""
    return gettext("call the clinic at %(phone)s") % {"phone": clinic_phone()}
