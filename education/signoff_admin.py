"""The "Clinical sign-off" screen (docs/clinical-rules.md): a dermatologist reads the fit
matrix and every caution on one page, sees what changed since the last sign-off, and
signs the rule book as a version with one POST.

It is the changelist of RuleBookVersion, so it sits on whatever admin site class the
project uses (the OTP one included) and goes through that site's admin_view."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from education import selectors
from education.models import RuleBookVersion
from education.services import RuleBookChanged, rulebook_sign_off

SIGN_OFF_PERMISSION = "education.sign_off_rulebook"


@admin.register(RuleBookVersion)
class ClinicalSignOffAdmin(admin.ModelAdmin):
    # Versions are written only by intakes and by the sign-off action below.
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
        context = {
            **self.admin_site.each_context(request),
            **selectors.signoff_overview(),
            "opts": self.opts,
            "title": "Clinical sign-off",
            "can_sign": can_sign,
        }
        return TemplateResponse(request, "admin/education/clinical_sign_off.html", context)

    def _sign(self, request):
        try:
            version = rulebook_sign_off(
                user=request.user, expected_digest=request.POST.get("digest", "")
            )
        except RuleBookChanged:
            self.message_user(
                request,
                "Not signed: the rules changed while you were reading. "
                "Check the changes below, then sign again.",
                messages.ERROR,
            )
        else:
            self.message_user(
                request, f"Signed off rule book version {version.short}.", messages.SUCCESS
            )
        return redirect(request.path)
