"""Secrets that live in URL paths, replaced before anything is written to a log.

A personal guide link (/intake/guide/<token>/…) opens a patient's name and
cautions for weeks, so whoever reads a log, an error e-mail or an access log must
not be able to open it. Every log path (gunicorn's access and error logs, the
request log, Django's error reports) passes through `redact_secrets`.
"""

import re

REDACTED = "[redacted]"
# The guide route with or without its leading slash (Resolver404 messages drop
# it), under any prefix (a SCRIPT_NAME, a language); the token ends at the next
# slash, quote, space or the query string.
# Staff invitation and password reset links (clinic.invitation_views, Django's
# reset) enrol or take over an account until used, so their tokens go too, and so
# do a patient's "finish later" links (intake/resume/<token>/).
_SECRET_IN_PATH = re.compile(
    r"(intake/guide/|intake/resume/|accounts/invitation/|accounts/password-reset/[^/\s'\"?#<>]+/)"
    r"[^/\s'\"?#<>]+",
    re.IGNORECASE,
)


# FHIR integration tokens (fhir.services): an Authorization header's value, wherever a
# log format or an error report prints it, and any token by its prefix.
_BEARER = re.compile(r"(\bBearer\s+)[^\s'\",;]+", re.IGNORECASE)
_INTEGRATION_TOKEN = re.compile(r"fhirtok_[A-Za-z0-9_-]+")


def redact_secrets(text):
    """`text` with every guide token replaced; anything not a str is returned as is."""
    if not isinstance(text, str):
        return text
    text = _SECRET_IN_PATH.sub(rf"\g<1>{REDACTED}", text)
    text = _BEARER.sub(rf"\g<1>{REDACTED}", text)
    return _INTEGRATION_TOKEN.sub(REDACTED, text)
