"""Django's ModelBackend, with a user's permissions in one query instead of two.

Every staff page checks a permission (clinic.access.staff_view), and ModelBackend
reads the user's own permissions and their groups' permissions in two queries: about
two fifths of the signed-in floor's time went there (docs/benchmarks.md). Here both
come from one query; the answers are the same (tests/clinic/test_auth_backends.py).
Nothing is kept beyond the request (the per-user cache Django uses too), so a change
of group or permission applies at the next request, as before.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class OneQueryModelBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                permissions = Permission.objects.all()
            else:
                permissions = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = (
                permissions.values_list("content_type__app_label", "codename").order_by().distinct()
            )
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
