"""Writes of the FHIR app: integration tokens (create, revoke, use), the API's rate limit and
the audit rows of what a token or a download read (docs/fhir.md)."""

import hashlib
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from fhir.models import IntegrationToken, TokenScope
from fhir.outcomes import FhirError
from intake.models import AuditAction, AuditEvent

logger = logging.getLogger(__name__)

# Every token starts with this, so clinic.redact can find one in any text and a person who
# finds one can tell what it is.
TOKEN_PREFIX = "fhirtok_"  # noqa: S105 - a prefix, not a secret


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def integration_token_create(*, name: str, scope: str = TokenScope.READ, created_by=None):
    """Returns (token row, the token itself). The token is shown once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = IntegrationToken(
        name=name, scope=scope, token_hash=token_hash(token), created_by=created_by
    )
    row.full_clean()
    row.save()
    return row, token


def integration_tokens_revoke(*, queryset) -> int:
    """Revokes every token of ``queryset`` not yet revoked; returns how many."""
    return queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def _bearer(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _limited(key: str, limit: int) -> bool:
    """One more request under ``key`` in this window; True when past ``limit``. Counted as
    the intake's submission limit is (atomic add, then increment); open if the cache is down."""
    try:
        cache.add(key, 0, timeout=settings.FHIR_RATE_LIMIT_WINDOW_SECONDS)
        return cache.incr(key) > limit
    except Exception:  # noqa: BLE001 - a cache outage must not stop the health record feed
        logger.warning("FHIR rate limit: cache unavailable; allowing the request")
        return False


def _too_many():
    return FhirError(
        429,
        "throttled",
        "Too many requests. Wait a minute, then try again.",
        {"Retry-After": str(settings.FHIR_RATE_LIMIT_WINDOW_SECONDS)},
    )


UNAUTHORIZED_HEADERS = {"WWW-Authenticate": 'Bearer realm="fhir"'}


def integration_token_authenticate(request, *, client_id: str) -> IntegrationToken:
    """The token of the request's ``Authorization: Bearer`` header, with its use recorded,
    or FhirError: 401 for no token, an unknown one or a revoked one, 429 past the rate limit
    (per token, and per address for failed attempts)."""
    failures_key = f"fhir:failures:{hashlib.sha256(client_id.encode()).hexdigest()}"
    if (cache.get(failures_key) or 0) >= settings.FHIR_RATE_LIMIT_FAILURES:
        raise _too_many()
    presented = _bearer(request)
    row = None
    if presented and len(presented) <= 200:
        row = IntegrationToken.objects.filter(token_hash=token_hash(presented)).first()
    if row is None or row.is_revoked:
        _limited(failures_key, settings.FHIR_RATE_LIMIT_FAILURES)
        if presented is None:
            message = "Send an integration token: Authorization: Bearer <token>."
        elif row is None:
            message = "This token is not known. Check it was copied whole."
        else:
            message = "This token was revoked. Ask the clinic manager for a new one."
        headers = dict(UNAUTHORIZED_HEADERS)
        if presented is not None:
            headers["WWW-Authenticate"] += ', error="invalid_token"'
        raise FhirError(401, "login", message, headers)
    if _limited(f"fhir:token:{row.pk}", settings.FHIR_RATE_LIMIT):
        raise _too_many()
    now = timezone.now()
    IntegrationToken.objects.filter(pk=row.pk).update(last_used_at=now)
    row.last_used_at = now
    return row


def require_scope(token: IntegrationToken, scope: str) -> None:
    if token.scope != TokenScope.READ and token.scope != scope:
        raise FhirError(403, "forbidden", "This token may not read this resource type.")


def audit_token_reads(*, token, intakes, ip_address, detail) -> None:
    """One audit row per intake the token read, named by the token (there is no user)."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=None,
            actor_username=token.audit_name,
            action=AuditAction.VIEW,
            intake=intake,
            intake_reference=intake.reference,
            ip_address=ip_address,
            detail=detail,
        )
        for intake in intakes
    )
