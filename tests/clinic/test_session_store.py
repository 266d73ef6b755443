"""clinic.sessions: Django's database sessions, in fewer statements, with the same
guarantees (unique keys, a lost row is an UpdateError, safe inside a transaction)."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from clinic import sessions
from clinic.sessions import SessionStore

pytestmark = pytest.mark.django_db(transaction=True)


def statements(run):
    with CaptureQueriesContext(connection) as captured:
        run()
    return [query["sql"].split()[0] for query in captured.captured_queries]


def test_the_site_uses_it(settings):
    assert settings.SESSION_ENGINE == "clinic.sessions"


def test_a_new_session_is_one_insert():
    store = SessionStore()
    store["intake"] = {"draft": 1}
    assert statements(store.save) == ["INSERT"]
    assert SessionStore(store.session_key)["intake"] == {"draft": 1}


def test_saving_what_was_just_written_writes_nothing_and_a_change_writes():
    store = SessionStore()
    store["intake"] = {"draft": 1}
    store.save()
    assert statements(store.save) == []
    store["intake"] = {"draft": 2}
    assert statements(store.save) == ["UPDATE"]
    assert SessionStore(store.session_key)["intake"] == {"draft": 2}


def test_a_key_already_taken_is_never_reused(monkeypatch):
    first = SessionStore()
    first["who"] = "first"
    first.save()
    keys = iter([first.session_key, "k" * 32])
    monkeypatch.setattr(sessions, "get_random_string", lambda *args: next(keys))
    second = SessionStore()
    second["who"] = "second"
    second.save()
    assert second.session_key == "k" * 32
    assert SessionStore(first.session_key)["who"] == "first"


def test_a_session_whose_row_is_gone_cannot_be_saved():
    store = SessionStore()
    store["who"] = "patient"
    store.save()
    Session.objects.all().delete()
    store["who"] = "changed"
    with pytest.raises(UpdateError):
        store.save()


def test_inside_a_transaction_a_refused_key_does_not_break_it(monkeypatch):
    first = SessionStore()
    first.save()
    keys = iter([first.session_key, "z" * 32])
    monkeypatch.setattr(sessions, "get_random_string", lambda *args: next(keys))
    with transaction.atomic():
        second = SessionStore()
        second.save()  # the clash is caught in a savepoint; the transaction goes on
        assert Session.objects.filter(session_key="z" * 32).exists()
    assert Session.objects.count() == 2
