"""Fixtures shared by every test module."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import (
    DermatologistFactory,
    EditorFactory,
    ManagerFactory,
    TOTPDeviceFactory,
)


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request under /es/ leaves Spanish active on the thread (LocaleMiddleware does not
    # undo it); code a later test calls directly must start in the default language.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Page caching and rate limits live in the cache; one test must not see another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clinic_content(db):
    """The clinic's real seed content, loaded as `make run` loads it."""
    from education.services import clinic_content_load

    return clinic_content_load()


# Role users. The test settings turn the second step off; `two_factor_on` turns it
# back on, and `sign_in_verified` signs a person in past it, as a code would.
@pytest.fixture
def two_factor_on(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def dermatologist(db):
    return DermatologistFactory(username="drlee", first_name="Dana", last_name="Lee")


@pytest.fixture
def editor(db):
    return EditorFactory(username="sam")


@pytest.fixture
def manager(db):
    return ManagerFactory(username="boss")


@pytest.fixture
def verified_device(db):
    """verified_device(user): the person's confirmed authenticator app."""
    return lambda user: TOTPDeviceFactory(user=user)


@pytest.fixture
def sign_in_verified(verified_device):
    """sign_in_verified(client, user): a session past the password and the code."""

    def sign_in(client, user):
        device = verified_device(user)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return sign_in
