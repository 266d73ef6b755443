"""Staff sessions end after a period of inactivity and when the browser closes.

Patients filling the intake keep Django's normal session (their answers must
survive a slow afternoon); only signed-in staff, who can open health records,
get the short idle limit.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError

LAST_SEEN_KEY = "staff_last_seen"


def signed_in_user(request):
    """The signed-in user, or None. Only staff have accounts (patients never sign
    in), and the checks below must not hang on the "staff status" flag: access to
    records comes from permissions, so a reviewer without that flag is still held
    to the idle limit and the second step. When the database (so the session and
    the user) cannot be read, None: the view then answers on its own terms, e.g.
    the health check's 503 or the intake's "not saved" page."""
    user = getattr(request, "user", None)
    try:
        if user is not None and user.is_authenticated:
            return user
    except DatabaseError:
        return None
    return None


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in_user(request) is not None:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                logout(request)
                minutes = max(1, settings.STAFF_IDLE_TIMEOUT_SECONDS // 60)
                messages.info(
                    request,
                    f"You were signed out after {minutes} minute{'s' if minutes != 1 else ''} "
                    "without activity.",
                )
                return redirect_to_login(request.get_full_path())
            # Writing the session on every click would cost an UPDATE per request;
            # a minute's precision is plenty for a 15-minute limit.
            if last_seen is None or now - last_seen >= 60:
                request.session[LAST_SEEN_KEY] = now
                # 0: the session cookie ends when the browser closes.
                request.session.set_expiry(0)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django has no setting for: a Permissions-Policy that denies powerful
    features nobody here needs, and Cross-Origin-Resource-Policy so no other site
    can embed our responses."""

    PERMISSIONS_POLICY = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=(), browsing-topics=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
