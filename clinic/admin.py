"""Staff accounts in the admin, with "Send an invitation link": the way a manager
lets a new person (or one who lost their phone, once the old device is removed)
choose a password and enrol an authenticator."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic import task_admin  # noqa: F401 - registers the task queue and notification admins
from clinic.invitations import invitation_issue, invitation_send, invitation_url
from clinic.models import PrivacyNotice

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = ["send_invitation"]

    @admin.action(description="Send an invitation link by e-mail", permissions=["change"])
    def send_invitation(self, request, queryset):
        """The link goes to the person's own address only; it is never shown here,
        so whoever manages accounts cannot enrol a device in someone's name."""
        sent, skipped = [], []
        for user in queryset:
            if not user.email or not user.is_active:
                skipped.append(user.get_username())
                continue
            token = invitation_issue(user=user, created_by=request.user)
            link = request.build_absolute_uri(invitation_url(token))
            (sent if invitation_send(user=user, link=link) else skipped).append(user.get_username())
        if sent:
            self.message_user(request, f"Invitation sent to {', '.join(sent)}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"No invitation sent to {', '.join(skipped)}: an active account with an "
                "e-mail address is needed.",
                messages.WARNING,
            )


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """Only the clinic manager (a superuser) changes the notice patients acknowledge."""

    list_display = ["version", "published_on"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


class SeeAndRemoveOnly:
    """A second factor in the admin can be looked at and removed (a lost phone), never
    added or changed: an account manager who could add a recovery code or choose an
    authenticator's key in someone's name could sign in as them, and the audit log
    would name the dermatologist. New factors are only set up by the person, after
    an invitation (clinic.two_factor)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TOTPDeviceSeeAndRemoveAdmin(SeeAndRemoveOnly, TOTPDeviceAdmin):
    pass


class StaticDeviceSeeAndRemoveAdmin(SeeAndRemoveOnly, StaticDeviceAdmin):
    pass


for model, model_admin in (
    (TOTPDevice, TOTPDeviceSeeAndRemoveAdmin),
    (StaticDevice, StaticDeviceSeeAndRemoveAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
