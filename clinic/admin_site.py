"""The admin site: django-otp's OTPAdminSite, which lets in only a session with a
verified device, with the clinic's name in the header and the site's own sign-in
(password, then the second step) in place of the admin's login form."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite

from clinic.access import second_factor_missing, two_factor_url


class ClinicAdminSite(OTPAdminSite):
    def __init__(self, name="admin"):
        # "admin", not OTPAdminSite's "otpadmin": every admin URL name and template
        # keeps working, since this site replaces Django's default one.
        super().__init__(name)

    @property
    def site_header(self):
        return f"{settings.CLINIC_NAME} admin"

    @property
    def site_title(self):
        return f"{settings.CLINIC_NAME} admin"

    def has_permission(self, request):
        if settings.STAFF_REQUIRE_2FA:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def login(self, request, extra_context=None):
        """One sign-in for all staff, counted by django-axes: the site's login page,
        then the second step; the admin's own form (which would ask for both on one
        page) is never shown."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if second_factor_missing(request.user):
            return redirect(two_factor_url(next_url))
        if self.has_permission(request):
            return redirect(next_url)
        # Signed in and verified, but without staff status: the friendly 403.
        raise PermissionDenied
