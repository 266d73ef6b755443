"""The staff member's own notification settings (intake/notifications.py says what
is sent). Managers change anyone's in the admin."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from clinic.access import staff_view
from clinic.models import StaffNotificationPreference

# Only people who review intakes are e-mailed about them.
NOTIFIED_PERMISSION = "intake.review_intake"


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = StaffNotificationPreference
        fields = ["digest_enabled"]


def notification_preference_for(user):
    """The person's saved preference, or an unsaved one with the defaults."""
    return StaffNotificationPreference.objects.filter(user=user).first() or (
        StaffNotificationPreference(user=user)
    )


@staff_view(NOTIFIED_PERMISSION)
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    preference = notification_preference_for(request.user)
    # An unticked box posts nothing, so bind on the method, not on POST's contents.
    data = request.POST if request.method == "POST" else None
    form = NotificationPreferenceForm(data, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "on" if preference.digest_enabled else "off"
        messages.success(request, f"Saved. Digests of new intakes are {state}.")
        return redirect("notification_settings")
    return render(
        request,
        "registration/notification_settings.html",
        {"form": form, "digest_minutes": _minutes_text()},
    )


def _minutes_text():
    minutes = settings.STAFF_DIGEST_MINUTES
    if minutes % 60 == 0:
        hours = minutes // 60
        return "hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"
