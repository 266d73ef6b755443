"""The "Spanish wording sign-off" screen: a Spanish-speaking clinician reads every fit
reason and caution wording in English and Spanish side by side and signs the Spanish as
one version (education/spanish_signoff.py). A changelist, like the clinical sign-off, so
it goes through the project's (OTP) admin site."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from education.models import Caution, SpanishWordingVersion, TreatmentFit
from education.spanish_signoff import (
    CAUTION_WORDINGS,
    SpanishWordingsChanged,
    spanish_wording_state,
    spanish_wordings_sign_off,
)

SIGN_OFF_PERMISSION = "education.sign_off_spanish_wordings"


def _rows():
    fits = [
        {
            "what": f"{fit.treatment.name_en} × {fit.scar_type.name_en}",
            "english": fit.reason_en or "",
            "spanish": fit.reason_es or "",
        }
        for fit in TreatmentFit.objects.select_related("treatment", "scar_type").order_by(
            "treatment__order", "scar_type__order"
        )
    ]
    cautions = [
        {
            "what": f"{caution.title_en}: {name.replace('_', ' ')}",
            "english": getattr(caution, f"{name}_en") or "",
            "spanish": getattr(caution, f"{name}_es") or "",
        }
        for caution in Caution.objects.order_by("order", "key")
        for name in CAUTION_WORDINGS
        if getattr(caution, f"{name}_en") or getattr(caution, f"{name}_es")
    ]
    return fits, cautions


@admin.register(SpanishWordingVersion)
class SpanishWordingSignOffAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(SIGN_OFF_PERMISSION) or super().has_view_permission(
            request, obj
        )

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_sign = request.user.has_perm(SIGN_OFF_PERMISSION)
        if request.method == "POST":
            if not can_sign:
                raise PermissionDenied
            return self._sign(request)
        fits, cautions = _rows()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Spanish wording sign-off",
            "state": spanish_wording_state(),
            "fits": fits,
            "cautions": cautions,
            "can_sign": can_sign,
        }
        return TemplateResponse(request, "admin/education/spanish_sign_off.html", context)

    def _sign(self, request):
        try:
            version = spanish_wordings_sign_off(
                user=request.user, expected_digest=request.POST.get("digest", "")
            )
        except SpanishWordingsChanged:
            self.message_user(
                request,
                "Not signed: a Spanish wording changed while you were reading. "
                "Read the page again, then sign.",
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                f"Signed off the Spanish wordings (version {version.digest[:12]}).",
                messages.SUCCESS,
            )
        return redirect(request.path)
