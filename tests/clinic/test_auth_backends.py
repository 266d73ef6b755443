"""clinic.auth_backends: the same permissions as Django's ModelBackend, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from clinic.auth_backends import OneQueryModelBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("role", ["dermatologist", "editor", "manager"])
def test_same_permissions_as_model_backend_for_each_role(request, role):
    user = request.getfixturevalue(role)
    user.user_permissions.add(Permission.objects.get(codename="view_group"))
    assert OneQueryModelBackend().get_all_permissions(fresh(user)) == (
        ModelBackend().get_all_permissions(fresh(user))
    )


def test_own_and_group_permissions_in_one_query(django_assert_num_queries):
    user = UserFactory()
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="view_permission"))
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="view_group"))
    user = fresh(user)
    with django_assert_num_queries(1):
        assert user.has_perm("auth.view_permission") and user.has_perm("auth.view_group")
        assert not user.has_perm("auth.delete_group")


def test_inactive_users_and_object_checks_get_nothing():
    user = UserFactory(is_superuser=True, is_active=False)
    assert OneQueryModelBackend().get_all_permissions(user) == set()
    active = UserFactory(is_superuser=True)
    assert OneQueryModelBackend().get_all_permissions(active, obj=object()) == set()
    assert "auth.delete_group" in OneQueryModelBackend().get_all_permissions(active)
