"""A scar photo for the dermatologist: the same per-view checks as every review page
(signed in, second factor, intake.review_intake, never cached), one audit row per view
in the transaction of the read, and headers that keep the browser from guessing,
storing or downloading it."""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from clinic.access import staff_view
from clinic.client_ip import client_ip
from intake import services
from intake.models import AuditAction
from intake.photos.models import IntakePhoto
from intake.review.views import REVIEW_PERMISSION


@staff_view(REVIEW_PERMISSION)
@require_GET
def intake_photo(request, reference, pk):
    with transaction.atomic():
        photo = (
            IntakePhoto.objects.select_related("intake")
            .filter(pk=pk, intake__reference=reference)
            .first()
        )
        if photo is None:
            raise Http404("No such photo")
        services.audit_record(
            actor=request.user,
            action=AuditAction.PHOTO,
            intake=photo.intake,
            ip_address=client_ip(request),
            detail=photo.view,
        )
        content = photo.read()
    response = HttpResponse(content, content_type="image/jpeg")
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{reference}-{photo.view}.jpg"'
    return response
