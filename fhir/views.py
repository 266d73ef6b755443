"""The read-only FHIR REST API for the clinic's integration engine (docs/fhir.md).

Authenticated by integration tokens (``Authorization: Bearer …``), never by a session: a
signed-in browser gets nothing here without a token. The views are CSRF-exempt only because
they never change anything on any method: every method but GET and HEAD answers 405, and
that way the refusal is a FHIR OperationOutcome rather than Django's CSRF page. Every intake
a token reads is written to the audit log under the token's name, in the same transaction
as the read.
"""

import functools

from django.db import transaction
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from clinic.client_ip import client_ip
from fhir import codes, search, selectors, services
from fhir.capability import capability_statement
from fhir.intake_record import questionnaire_response
from fhir.models import TokenScope
from fhir.outcomes import FhirError, fhir_response
from fhir.questionnaire import questionnaire
from intake.models import Intake
from intake.selectors import rulebook_load

READ_METHODS = ("GET", "HEAD")


def _check_method(request):
    if request.method not in READ_METHODS:
        raise FhirError(
            405, "not-supported", "This API is read-only: use GET.", {"Allow": "GET, HEAD"}
        )


def fhir_api(*, scope=None, public=False):
    """Token (unless ``public``), then method, then ``scope``; FhirError becomes an
    OperationOutcome. The view receives the token as ``request.fhir_token``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                if not public:
                    request.fhir_token = services.integration_token_authenticate(
                        request, client_id=client_ip(request) or "unknown"
                    )
                _check_method(request)
                if scope is not None:
                    services.require_scope(request.fhir_token, scope)
                return view(request, *args, **kwargs)
            except FhirError as error:
                return error.response()

        return csrf_exempt(never_cache(wrapped))

    return decorator


@fhir_api(public=True)
def metadata(request):
    return fhir_response(capability_statement(date=codes.instant(timezone.now())))


@fhir_api(scope=TokenScope.QUESTIONNAIRE)
def questionnaire_read(request, resource_id):
    if resource_id != codes.QUESTIONNAIRE_ID:
        raise_not_found("Questionnaire", resource_id)
    _, version = rulebook_load()
    return fhir_response(questionnaire(version=version))


def raise_not_found(resource_type, resource_id):
    raise FhirError(404, "not-found", f"{resource_type}/{resource_id} is not known here.")


def _audit(request, intakes, what):
    services.audit_token_reads(
        token=request.fhir_token,
        intakes=intakes,
        ip_address=client_ip(request),
        detail=f"Read through the FHIR API ({what})",
    )


@fhir_api(scope=TokenScope.READ)
def questionnaire_response_read(request, resource_id):
    with transaction.atomic():
        try:
            intake = selectors.intake_for_export(reference=resource_id)
        except Intake.DoesNotExist:
            raise_not_found("QuestionnaireResponse", resource_id)
        _audit(request, [intake], "read")
    return fhir_response(questionnaire_response(intake))


@fhir_api(scope=TokenScope.READ)
def questionnaire_response_search(request):
    wanted = search.parse_search(request.GET)
    total, rows = 0, []
    if wanted.status == "completed":  # every stored intake is a completed response
        since = {"after": wanted.after, "after_inclusive": wanted.after_inclusive}
        with transaction.atomic():
            total = selectors.intakes_updated(**since).count()
            rows = list(
                selectors.intakes_updated(**since, cursor=wanted.cursor)[: wanted.count + 1]
            )
            if rows:
                _audit(request, rows[: wanted.count], "search")
    page = rows[: wanted.count]
    next_url = None
    if len(rows) > wanted.count:
        cursor = search.encode_cursor(page[-1].submitted_at, page[-1].pk)
        next_url = search.page_link(
            request.build_absolute_uri(request.path), request.GET, _cursor=cursor
        )
    bundle = search.searchset(
        intakes=page,
        total=total,
        self_url=request.build_absolute_uri(),
        next_url=next_url,
        now=timezone.now(),
    )
    return fhir_response(bundle)


@fhir_api()
def unsupported_type(request, resource_type, resource_id=None):
    """Any other resource type: 404, as FHIR servers answer for a type they do not serve."""
    raise FhirError(
        404,
        "not-supported",
        f"{resource_type} is not served here. See /fhir/metadata for what is.",
    )
