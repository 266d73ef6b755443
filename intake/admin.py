"""Intakes are read only in the review workspace, where every view is audited, so
they are not in the admin. The audit log is: read-only, and for superusers only."""

from django.contrib import admin

from intake.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_username", "action", "intake_reference", "ip_address")
    list_filter = ("action",)
    search_fields = ("intake_reference", "actor_username")
    date_hierarchy = "at"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
