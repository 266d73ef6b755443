"""Integration tokens in the admin: the clinic manager creates one (and sees it once, on the
page after saving), sees when each was last used, and revokes it. Tokens are never deleted,
so the audit log's names always lead to a row."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from fhir import services
from fhir.models import IntegrationToken


@admin.register(IntegrationToken)
class IntegrationTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "scope", "created_at", "created_by", "last_used_at", "state")
    list_filter = ("scope",)
    search_fields = ("name",)
    list_select_related = ("created_by",)
    actions = ("revoke",)
    fieldsets = ((None, {"fields": ("name", "scope")}),)
    readonly_fields = ("created_at", "created_by", "last_used_at", "revoked_at")

    @admin.display(description="state")
    def state(self, obj):
        return f"Revoked {obj.revoked_at:%Y-%m-%d %H:%M}" if obj.is_revoked else "Active"

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.fieldsets
        return (
            (None, {"fields": ("name", "scope")}),
            ("Use", {"fields": ("created_at", "created_by", "last_used_at", "revoked_at")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # A token's name is what the audit log recorded: it cannot change afterwards.
        return ("name", "scope", *self.readonly_fields)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing on a token changes after creation but its revocation
        row, token = services.integration_token_create(
            name=obj.name, scope=obj.scope, created_by=request.user
        )
        obj.pk, obj.token_hash, obj.created_at = row.pk, row.token_hash, row.created_at
        obj.created_by = row.created_by
        request._fhir_new_token = token

    def response_add(self, request, obj, post_url_continue=None):
        token = getattr(request, "_fhir_new_token", None)
        if token is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Copy the token now",
            "token_row": obj,
            "token": token,
        }
        return TemplateResponse(request, "admin/fhir/integrationtoken/created.html", context)

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request, queryset):
        count = services.integration_tokens_revoke(queryset=queryset)
        self.message_user(request, f"Revoked {count} token(s).", messages.SUCCESS)
