"""Public education pages (cached) and staff-only draft previews (never cached)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView

from clinic.access import staff_view
from education import bilingual, selectors
from education.cache import cache_public_page
from education.charts import compare_charts
from education.models import ScarType, Treatment
from education.page_titles import PAGE_TITLES

# Same escapes as Django's json_script, for a JSON-LD block (a data block the
# browser never runs, so the CSP's script-src does not apply to it).
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES))  # noqa: S308


def medical_web_page(request, page, *, about):
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.name,
        "description": page.summary,
        "url": request.build_absolute_uri(page.get_absolute_url()),
        "audience": {"@type": "Patient"},
        "about": {"@type": about, "name": page.name},
    }
    # Search engines show these as a medical review: only once the dermatologist
    # has signed off the page's current words.
    review = bilingual.review_in(
        page, "en" if getattr(page, "in_english", False) else get_language()
    )
    if review.is_medically_reviewed:
        data["lastReviewed"] = review.last_reviewed
        data["reviewedBy"] = {"@type": "Organization", "name": review.reviewer_name}
    return json_ld(data)


@method_decorator(cache_public_page, name="dispatch")
class ScarGuideView(TemplateView):
    template_name = "education/scar_guide.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["scar_cards"] = selectors.scar_type_cards(_shown(selectors.published_scar_types()))
        context["treatment_cards"] = selectors.treatment_cards(
            _shown(selectors.published_treatments())
        )
        return context


@method_decorator(cache_public_page, name="dispatch")
class TreatmentListView(TemplateView):
    template_name = "education/treatment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["treatment_cards"] = selectors.treatment_cards(
            _shown(selectors.published_treatments())
        )
        return context


def _shown(pages):
    """The pages as the visitor's language shows them (education.bilingual)."""
    return bilingual.show_in_language(list(pages), get_language())


def _page_language_context(page):
    language = get_language()
    in_english = bool(getattr(page, "in_english", False))
    return {
        "content_in_english": in_english,
        "review": bilingual.review_in(page, "en" if in_english else language),
    }


def _treatment_context(request, treatment, *, preview=False):
    return {
        "treatment": treatment,
        "page": treatment,
        "canonical_path": treatment.get_absolute_url(),
        "fit_groups": selectors.fits_by_level(treatment.fits.all(), key="scar_type"),
        "caution_effects": selectors.cautions_by_severity(treatment),
        "related": _shown(treatment.published_related),
        "json_ld": medical_web_page(request, treatment, about="MedicalProcedure"),
        "preview": preview,
        **_page_language_context(treatment),
    }


def _scar_type_context(request, scar_type, *, preview=False):
    return {
        "scar_type": scar_type,
        "page": scar_type,
        "canonical_path": scar_type.get_absolute_url(),
        "fit_groups": selectors.fits_by_level(scar_type.fits.all(), key="treatment"),
        "json_ld": medical_web_page(request, scar_type, about="MedicalCondition"),
        "preview": preview,
        **_page_language_context(scar_type),
    }


# What each kind of page needs: its rows (with the prefetching its page uses), its
# template and its context. Public pages and staff previews share them.
PAGE_KINDS = {
    "treatment": (
        selectors.treatment_pages,
        Treatment,
        "education/treatment_detail.html",
        _treatment_context,
    ),
    "scar": (
        selectors.scar_type_pages,
        ScarType,
        "education/scartype_detail.html",
        _scar_type_context,
    ),
}


def _render_page(request, kind, *, preview=False, **lookup):
    pages, model, template, context = PAGE_KINDS[kind]
    queryset = model.objects.all() if preview else model.objects.published()
    try:
        page = pages(queryset).get(**lookup)
    except model.DoesNotExist as missing:
        raise Http404("No such page") from missing
    if not preview:
        _shown([page])  # a preview (/es/learn/preview/…) shows its language, draft or not
    return render(
        request,
        template,
        {**context(request, page, preview=preview), "preview_is_draft": _is_draft(page)},
    )


def _is_draft(page):
    status = page.status_es if get_language() == bilingual.SPANISH else page.status
    return status != "published"


@cache_public_page
def treatment_detail(request, slug):
    return _render_page(request, "treatment", slug=slug)


@cache_public_page
def scar_detail(request, slug):
    return _render_page(request, "scar", slug=slug)


# Editors preview what they write; the clinicians who sign a page read it here too
# (linked from the sign-off confirmation). A preview only shows, so any one will do.
def _preview_permissions(model_name):
    return tuple(
        f"education.{codename}"
        for codename in (f"change_{model_name}", f"review_{model_name}", f"review_{model_name}_es")
    )


@staff_view(_preview_permissions("treatment"))
def treatment_preview(request, pk):
    """A draft or published treatment page as patients would see it (staff only)."""
    return _render_page(request, "treatment", preview=True, pk=pk)


@staff_view(_preview_permissions("scartype"))
def scar_preview(request, pk):
    return _render_page(request, "scar", preview=True, pk=pk)


@method_decorator(cache_public_page, name="dispatch")
class CompareView(TemplateView):
    template_name = "education/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        treatments = _shown(selectors.treatments_for_compare())
        shared, rows = selectors.compare_table(treatments)
        context.update(shared_cautions=shared, rows=rows, charts=compare_charts(treatments))
        return context


class SearchView(TemplateView):
    template_name = "education/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        treatments, scar_types = (_shown(found) for found in selectors.search_pages(query))
        context.update(
            query=query,
            treatments=treatments,
            scar_types=scar_types,
            total=len(treatments) + len(scar_types),
        )
        return context


class CostView(TemplateView):
    """'Cost and insurance': plain words, the same for every visitor."""

    template_name = "education/cost.html"
    extra_context = {"page_title": PAGE_TITLES["cost"]}
