"""Who may open a staff page, decided at the view.

Every staff view carries `staff_view(permission)`: signed in, then a verified
second factor (when `STAFF_REQUIRE_2FA` is on, read on each request so a test or
an emergency switch takes effect at once), then the permission, and never cached.
The rule sits on the view, not on a URL prefix: Django routes on `path_info`, so a
prefix check on `request.path` could be stepped around (a forwarded SCRIPT_NAME
changes the one and not the other). tests/clinic/test_access.py walks every URL
pattern and proves each non-public one refuses a password-only session.
"""

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache


def second_factor_missing(user):
    """True when the person has given only a password but must give more."""
    return settings.STAFF_REQUIRE_2FA and not user.is_verified()


def two_factor_url(next_url):
    return f"{reverse('two_factor')}?{urlencode({'next': next_url})}"


def staff_view(permission=None):
    """Login, a verified device, `permission` (a "app.codename" string, a tuple of them
    of which any one will do, or None for pages every signed-in staff member may open)
    and never_cache, in that order."""
    permissions = (permission,) if isinstance(permission, str) else tuple(permission or ())

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if second_factor_missing(user):
                return redirect(two_factor_url(request.get_full_path()))
            if permissions and not any(user.has_perm(name) for name in permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return never_cache(wrapped)

    return decorator
