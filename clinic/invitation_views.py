"""The invitation link: the person sets a password, then enrols an authenticator
app (clinic.two_factor), then sees their recovery codes. Nothing else lets a
session enrol a device: a password alone never does."""

from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect, render, resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from clinic.access import two_factor_url
from clinic.forms import StaffSetPasswordForm
from clinic.invitations import invitation_accept, invitation_find
from clinic.two_factor import ENROLMENT_SESSION_KEY

INVITATION_SESSION_KEY = "staff_invitation_token"


@never_cache
@require_GET
def invitation(request, token):
    """The link itself. Like Django's password reset, it keeps the token in the
    session and moves to a URL without it, so the token is not sent on in a
    Referer and appears in one log line at most."""
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("invitation_password")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_password(request):
    invitation = invitation_find(request.session.get(INVITATION_SESSION_KEY))
    if invitation is None:
        return render(request, "registration/invitation_invalid.html", status=404)
    user = invitation.user
    form = StaffSetPasswordForm(user, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        if not invitation_accept(
            invitation=invitation, password=form.cleaned_data["new_password1"]
        ):
            return render(request, "registration/invitation_invalid.html", status=404)
        login(request, user, backend="clinic.auth_backends.OneQueryModelBackend")
        # After login(), which starts a new session: this session may enrol.
        request.session[ENROLMENT_SESSION_KEY] = user.pk
        return redirect(two_factor_url(resolve_url(settings.LOGIN_REDIRECT_URL)))
    return render(
        request,
        "registration/invitation_password.html",
        {"form": form, "invitee": user, "error_links": form.error_links()},
    )
