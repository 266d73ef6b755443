"""The medical review of patient pages in the admin: a confirmation page, then the signing.

The "Mark … medically reviewed today" actions do not sign at once: the list they run from
shows none of the words. As Django's own delete_selected does, the first POST shows a page
with what each selected page says now (the fields its sign-off covers) and, hidden, the
digest of exactly those words; the second POST (`post=yes`) signs only the pages whose
words still have that digest (education.services). A page an editor changed in between
is not signed, and the reviewer is told which one. English and Spanish share this code.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from education import bilingual
from education.services import pages_mark_reviewed, spanish_pages_mark_reviewed
from education.signoff import digest

TEMPLATE = "admin/education/review_confirmation.html"


@dataclass(frozen=True)
class PageSignOff:
    """One language's medical review of a page: the words it covers, who may sign
    (the ModelAdmin's `has_<permission>_permission`) and the service that signs."""

    action: str
    language: str
    permission: str
    entry: Callable
    service: Callable
    what: str  # "" or "the Spanish of ", in the messages and the title


ENGLISH_REVIEW = PageSignOff(
    action="mark_reviewed_today",
    language="en",
    permission="review",
    entry=lambda page: page.sign_off_entry(),
    service=pages_mark_reviewed,
    what="",
)
SPANISH_REVIEW = PageSignOff(
    action="mark_spanish_reviewed_today",
    language=bilingual.SPANISH,
    permission="review_spanish",
    entry=bilingual.spanish_entry,
    service=spanish_pages_mark_reviewed,
    what="the Spanish of ",
)


def shown_field(page):
    return f"shown_{page.pk}"


def entry_rows(page, entry):
    """(label, text) for each signed field, as a reader says it: a choice by its label."""
    rows = []
    for name, value in entry.items():
        field = type(page)._meta.get_field(name)
        if field.choices:
            value = dict(field.flatchoices).get(value, value)
        rows.append((capfirst(field.verbose_name), "" if value is None else str(value)))
    return rows


def _preview_url(modeladmin, page, language):
    with translation.override(language):
        return reverse(modeladmin.preview_url_name, kwargs={"pk": page.pk})


def review_action(modeladmin, request, queryset, sign_off):
    """The body of a "Mark … medically reviewed today" action (see the module's note)."""
    # The action list already leaves the action out without the permission; asked again
    # here so neither the confirmation nor the signing POST depends on that alone.
    if not getattr(modeladmin, f"has_{sign_off.permission}_permission")(request):
        raise PermissionDenied
    if request.POST.get("post") == "yes":
        shown = {page.pk: request.POST.get(shown_field(page), "") for page in queryset}
        result = sign_off.service(pages=list(queryset), user=request.user, shown=shown)
        if result.signed:
            modeladmin.message_user(
                request,
                f"Marked {sign_off.what}{len(result.signed)} page(s) as reviewed today by you.",
                messages.SUCCESS,
            )
        for page in result.changed:
            modeladmin.message_user(
                request,
                f"Not signed: {sign_off.what}{page}. It changed since you opened the "
                "confirmation; review it again.",
                messages.ERROR,
            )
        for page, problems in result.refused:
            modeladmin.message_user(
                request,
                f"Not signed: {sign_off.what}{page}. Fix it first: {' '.join(problems)}",
                messages.ERROR,
            )
        return None  # back to the list, as delete_selected does
    pages = []
    for page in queryset:
        entry = sign_off.entry(page)
        pages.append(
            {
                "page": page,
                "rows": entry_rows(page, entry),
                "digest": digest(entry),
                "shown_field": shown_field(page),
                "preview_url": _preview_url(modeladmin, page, sign_off.language),
            }
        )
    opts = modeladmin.opts
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Sign off {sign_off.what}the selected {opts.verbose_name_plural}",
        "subtitle": None,
        "opts": opts,
        "pages": pages,
        "action": sign_off.action,
        "language": sign_off.language,
        "in_spanish": sign_off.language == bilingual.SPANISH,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, TEMPLATE, context)
