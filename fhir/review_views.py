"""“Download for the health record (FHIR JSON)” on the dermatologist's intake page: the
intake's FHIR Bundle as a file, audited like every look at an intake."""

import json

from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from clinic.access import staff_view
from clinic.client_ip import client_ip
from fhir import codes, selectors
from fhir.intake_record import intake_bundle
from intake import services
from intake.models import AuditAction, Intake
from intake.review.views import REVIEW_PERMISSION


@staff_view(REVIEW_PERMISSION)
@require_GET
def intake_download(request, reference):
    with transaction.atomic():
        try:
            intake = selectors.intake_for_export(reference=reference)
        except Intake.DoesNotExist as missing:
            raise Http404("No such intake") from missing
        services.audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            intake=intake,
            ip_address=client_ip(request),
            detail="Downloaded for the health record (FHIR JSON)",
        )
    bundle = intake_bundle(intake, now=timezone.now())
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=2), content_type=codes.CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{intake.reference}-fhir.json"'
    return response
