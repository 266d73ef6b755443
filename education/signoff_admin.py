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


class SignOffScreenAdmin(admin.ModelAdmin):
    """A read-only changelist that is a sign-off screen: GET shows `screen_context()` in
    `screen_template`; POST (with `permission`) runs `sign(request)`. Rows are written
    only by the signing, never through the admin's forms."""

    permission = ""
    screen_template = ""
    screen_title = ""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.permission) or super().has_view_permission(request, obj)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_sign = request.user.has_perm(self.permission)
        if request.method == "POST":
            if not can_sign:
                raise PermissionDenied
            self.sign(request)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            **self.screen_context(),
            "opts": self.opts,
            "title": self.screen_title,
            "can_sign": can_sign,
        }
        return TemplateResponse(request, self.screen_template, context)


@admin.register(RuleBookVersion)
class ClinicalSignOffAdmin(SignOffScreenAdmin):
    permission = SIGN_OFF_PERMISSION
    screen_template = "admin/education/clinical_sign_off.html"
    screen_title = "Clinical sign-off"

    def screen_context(self):
        return selectors.signoff_overview()

    def sign(self, request):
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
