"""Saving a step into an existing draft is one UPDATE that sets that step's key in the
JSON column (intake/draft_sql.py): its effect on the stored data, its checks of owner
and retention, and the statement count, on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake import drafts
from intake.draft_sql import StepDataWith
from intake.models import Draft
from intake.steps import STEP_BY_SLUG
from tests.intake.answers import VALID_STEPS
from tests.intake.drafting import as_post, filled_session, save_step

pytestmark = pytest.mark.django_db

TYPED = drafts.TYPED_KEY


def stored(session):
    return Draft.objects.get(pk=session[drafts.SESSION_KEY]["draft"]).step_data


def test_a_step_saved_into_a_draft_is_one_statement():
    session, _ = filled_session(["about-you"])
    with CaptureQueriesContext(connection) as queries:
        save_step(session, "your-scars")
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    assert set(stored(session)) == {"about-you", "your-scars"}


def test_the_saved_step_keeps_the_other_steps_and_replaces_its_own():
    session, _ = filled_session(["about-you", "your-scars"])
    save_step(session, "your-scars", {"scar_duration": "over_5_years"})
    data = stored(session)
    assert data["your-scars"]["scar_duration"] == ["over_5_years"]
    assert data["about-you"]["last_name"] == [VALID_STEPS["about-you"]["last_name"]]


def test_step_one_keeps_the_contact_on_the_row_and_other_steps_leave_it():
    session, _ = filled_session(["about-you"])
    save_step(session, "about-you", {"email": "new.address@example.org"})
    save_step(session, "your-scars")
    draft = Draft.objects.get(pk=session[drafts.SESSION_KEY]["draft"])
    assert draft.email == "new.address@example.org"
    assert draft.date_of_birth is not None


def typed_keep(session, slug, overrides):
    step = STEP_BY_SLUG[slug]
    post = as_post({**VALID_STEPS[slug], **overrides})
    form = step.form_class(data=post)
    return drafts.draft_typed_keep(session=session, step=step, form=form, data=post)


def test_the_typed_copy_goes_when_its_step_is_sent_and_stays_for_another():
    session, _ = filled_session(["about-you"])
    typed_keep(session, "your-scars", {"scar_duration": "typed"})
    assert stored(session)[TYPED]["step"] == "your-scars"
    save_step(session, "about-you")  # another step: the copy for your-scars stays
    assert stored(session)[TYPED]["step"] == "your-scars"
    save_step(session, "your-scars")  # its own step sent: done with
    assert TYPED not in stored(session)


def test_a_draft_moved_to_another_device_is_not_changed():
    session, draft = filled_session(["about-you"])
    Draft.objects.filter(pk=draft.pk).update(owner_hash=drafts.secret_hash("another device"))
    with pytest.raises(drafts.DraftMoved):
        save_step(session, "your-scars")
    assert set(Draft.objects.get(pk=draft.pk).step_data) == {"about-you"}


def test_an_expired_draft_is_left_and_a_new_one_begun(settings):
    session, old = filled_session(["about-you"])
    hours = settings.INTAKE_DRAFT_RETENTION_HOURS + 1
    Draft.objects.filter(pk=old.pk).update(
        saved_at=timezone.now() - datetime.timedelta(hours=hours)
    )
    new = drafts.draft_loaded(save_step(session, "your-scars"))
    assert new.pk != old.pk and new.reference != old.reference
    assert set(new.step_data) == {"your-scars"}
    assert set(Draft.objects.get(pk=old.pk).step_data) == {"about-you"}


def test_a_draft_from_the_session_era_is_moved_into_a_row_then_saved():
    session = SessionStore()
    session[drafts.SESSION_KEY] = {"answers": {"about-you": {"first_name": "Amara"}}}
    save_step(session, "your-scars")
    data = stored(session)
    assert data["about-you"]["first_name"] == ["Amara"] and "your-scars" in data


# -- the expression itself, against a model of what it must do -------------------------

# Keys are step slugs; values are what a valid form posted: text decoded from UTF-8 (so
# no lone surrogates) without NUL (Django's form fields refuse it). PostgreSQL's jsonb
# can hold neither.
keys = st.sampled_from(list(VALID_STEPS)) | st.from_regex(r"[a-z0-9_-]{1,12}", fullmatch=True)
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
raw_values = st.dictionaries(texts, st.lists(texts, max_size=3), max_size=3)
typed_copies = st.none() | st.fixed_dictionaries({"step": keys, "data": raw_values})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.dictionaries(keys, raw_values, max_size=4),
    typed=typed_copies,
    key=keys,
    value=raw_values,
    drop=st.none() | keys,
)
def test_the_update_sets_one_key_and_drops_only_the_matching_typed_copy(
    start, typed, key, value, drop
):
    data = dict(start)
    if typed is not None:
        data[TYPED] = typed
    draft = Draft.objects.create(reference=drafts.new_reference(), owner_hash="", step_data=data)
    Draft.objects.filter(pk=draft.pk).update(
        step_data=StepDataWith(key, value, typed_key=TYPED, drop_if_step=drop)
    )
    expected = dict(data)
    if drop is not None and (expected.get(TYPED) or {}).get("step") == drop:
        del expected[TYPED]
    expected[key] = value
    draft.refresh_from_db()
    assert draft.step_data == expected


def test_keys_other_than_slugs_are_refused():
    with pytest.raises(ValueError):
        StepDataWith('a"b', {}, typed_key=TYPED)


def test_the_photo_step_keeps_a_step_saved_while_its_photos_were_made():
    from intake.photos.models import CONSENT_KEY, photo_step_save

    session, draft = filled_session(["about-you"])  # the copy the photo request read
    save_step(session, "your-scars")  # another tab, meanwhile
    photo_step_save(draft=draft, consent=True, remade={})
    data = stored(session)
    assert data[CONSENT_KEY] == {"photo_consent": ["on"]} and "your-scars" in data
