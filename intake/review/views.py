"""The dermatologist's review workspace. Only people with intake.review_intake
(the Dermatologists group, or superusers) get in; every look at an intake is
written to the audit log in the same transaction as the read or the change."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from clinic.access import staff_view
from clinic.client_ip import client_ip
from education.lookups import content_names
from intake import selectors, services
from intake.models import AuditAction, Intake
from intake.review import record
from intake.review import selectors as review_selectors
from intake.review import services as review_services
from intake.review.forms import AssessmentForm, QueueFilterForm
from intake.review.labels import opened_page_label
from intake.review.paging import queue_page
from intake.review.rows import queue_rows
from intake.rules import MatchResult

PAGE_SIZE = 25


# Every view: signed in, second factor, this permission, never cached.
REVIEW_PERMISSION = "intake.review_intake"


@staff_view(REVIEW_PERMISSION)
@require_GET
def queue(request):
    form = QueueFilterForm(data=request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    intakes = review_selectors.review_queue(
        status=filters.get("status"),
        caution=filters.get("caution"),
        q=filters.get("q"),
        consultation=filters.get("consultation"),
    )
    # No count of the whole queue: see intake/review/paging.py. A search's results are
    # shown only once their audit rows are written (the same transaction).
    with transaction.atomic():
        page = queue_page(intakes, request.GET.get("page"), PAGE_SIZE)
        if filters.get("q"):
            services.audit_found_in_search(
                actor=request.user, intakes=page.object_list, ip_address=client_ip(request)
            )
    context = {"form": form, "page": page, "intakes": page.object_list}
    return render(request, "review/queue.html", {**context, "rows": queue_rows(page.object_list)})


def _load(reference):
    try:
        return review_selectors.intake_for_review(reference)
    except Intake.DoesNotExist as missing:
        raise Http404("No such intake") from missing


def _load_audited(request, reference, action):
    """Loads an intake and records who looked, in one transaction: if the audit
    row cannot be written, the intake is not shown."""
    with transaction.atomic():
        intake = _load(reference)
        services.audit_record(
            actor=request.user, action=action, intake=intake, ip_address=client_ip(request)
        )
    return intake


def _labelled(other_pages):
    """Each opened page with its label (intake/review/labels.py), scar pages by their
    own titles (read once per content version: education/lookups.py)."""
    if not other_pages:
        return []
    names = {f"scar:{slug}": name for slug, name in content_names().scar_type_names.items()}
    return [{**row, "label": opened_page_label(row["page"], names=names)} for row in other_pages]


def _detail_context(intake, form):
    reading_list, other_pages = selectors.reading_list_with_opens(intake)
    other_pages = _labelled(other_pages)
    result = MatchResult.from_dict(intake.match_result)
    return {
        "intake": intake,
        "result": result,
        "cautions": record.cautions_for_review(result),
        "sections": record.answer_sections(intake),
        "reading_list": reading_list,
        "other_pages": other_pages,
        "form": form,
        "changes": intake.change_events,
        "photos": list(intake.photos.all()),
    }


@staff_view(REVIEW_PERMISSION)
@require_http_methods(["GET", "POST"])
def intake_detail(request, reference):
    if request.method == "POST":
        return _assess(request, reference)
    intake = _load_audited(request, reference, AuditAction.VIEW)
    return render(
        request,
        "review/intake_detail.html",
        _detail_context(intake, AssessmentForm.for_intake(intake)),
    )


def _assess(request, reference):
    form = AssessmentForm(data=request.POST)
    if not form.is_valid():
        # The answer shows the whole record again, so it is a view like any other.
        intake = _load_audited(request, reference, AuditAction.VIEW)
        return render(
            request, "review/intake_detail.html", _detail_context(intake, form), status=400
        )
    intake = _load(reference)
    data = form.cleaned_data
    try:
        review_services.intake_assess(
            intake=intake,
            actor=request.user,
            expected_version=data["version"],
            status=data["status"],
            grade=data["grade"],
            notes=data["notes"],
            plan=data["plan"],
            scar_types=list(data["scar_types_seen"]),
            consultation_on=data["consultation_on"],
            ip_address=client_ip(request),
        )
    except review_services.AssessmentConflict:
        current = _load_audited(request, reference, AuditAction.VIEW)
        messages.error(
            request,
            "Someone else saved this intake while you had it open. Nothing was "
            "overwritten. Their version is shown below; your text is kept in the form. "
            "Check it, then save again.",
        )
        # Keep what this person typed, but on top of the latest version number.
        data_copy = request.POST.copy()
        data_copy["version"] = str(current.version)
        retry_form = AssessmentForm(data=data_copy)
        retry_form.is_valid()
        return render(
            request,
            "review/intake_detail.html",
            _detail_context(current, retry_form),
            status=409,
        )
    messages.success(request, f"Saved the assessment of {intake.reference}.")
    return redirect("review:intake", reference=reference)


@staff_view(REVIEW_PERMISSION)
@require_GET
def intake_print(request, reference):
    intake = _load_audited(request, reference, AuditAction.PRINT)
    context = _detail_context(intake, AssessmentForm.for_intake(intake))
    # Photos go on paper only when asked for (?photos=1): a print leaves the clinic's hands.
    context["print_photos"] = request.GET.get("photos") == "1"
    return render(request, "review/intake_print.html", context)


@staff_view(REVIEW_PERMISSION)
@require_GET
def intake_history(request, reference):
    intake = _load_audited(request, reference, AuditAction.HISTORY)
    events = list(review_selectors.access_history(intake))
    return render(request, "review/intake_history.html", {"intake": intake, "events": events})
