"""The submit service's outcomes, without HTTP: what counts against the rate limit,
when an intake is saved and when the confirmation e-mail goes."""

import uuid

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import DatabaseError

from intake import services
from intake.models import Draft, Intake
from intake.submit import Outcome, draft_submit
from tests.intake.drafting import filled_session

pytestmark = pytest.mark.django_db


def submit(session, key=None, client_id="203.0.113.9"):
    draft = Draft.objects.filter(pk=session.get("intake", {}).get("draft")).first()
    return draft_submit(
        session=session,
        submission_key=key or draft.submission_key,
        client_id=client_id,
        site_url="https://clinic.test/",
    )


def test_a_complete_draft_is_saved_once_mailed_once_and_the_draft_goes(
    clinic_content, mailoutbox, django_capture_on_commit_callbacks
):
    session, draft = filled_session()
    # The e-mail is queued when the save commits (the test settings run tasks at once).
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(session, draft.submission_key)
    assert result.outcome is Outcome.SAVED
    assert result.intake.reference == draft.reference  # the draft's audit rows name it
    assert not Draft.objects.exists()
    assert len(mailoutbox) == 1 and result.token in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = submit(session, draft.submission_key)
    assert again.outcome is Outcome.REPLAY and again.token == result.token
    assert Intake.objects.count() == 1 and len(mailoutbox) == 1


def test_a_replay_goes_to_the_guide_only_in_the_session_that_sent_it(clinic_content):
    session, draft = filled_session()
    key = draft.submission_key
    assert submit(session, key).outcome is Outcome.SAVED
    # The session keeps a hash of its draft's key, not the key (nor the guide token).
    stored = str(session.load())
    assert str(key) not in stored and services.guide_token_for(key) not in stored
    assert submit(session, key).outcome is Outcome.REPLAY
    stranger = submit(SessionStore(), key)
    assert stranger.outcome is Outcome.ALREADY_SENT
    assert stranger.token == "" and stranger.intake is None
    assert Intake.objects.count() == 1


def test_a_draft_begun_before_keys_were_noted_still_replays_to_its_guide(clinic_content):
    from intake.drafts import KEYS_SESSION_KEY

    session, draft = filled_session()
    session.pop(KEYS_SESSION_KEY)  # as a session from before the release holds it
    session.save()
    first = submit(session, draft.submission_key)
    again = submit(session, draft.submission_key)
    assert (first.outcome, again.outcome) == (Outcome.SAVED, Outcome.REPLAY)
    assert again.token == first.token


def test_a_missing_step_is_named_and_nothing_counts(clinic_content, mailoutbox, settings):
    settings.INTAKE_RATE_LIMIT = 1
    session, draft = filled_session(["about-you", "your-scars"])
    result = submit(session, draft.submission_key)
    assert result.outcome is Outcome.STEP_NEEDS_ANSWER and result.step.slug == "your-skin"
    assert services.submission_slot_take(client_id="203.0.113.9")  # the slot was not taken
    assert not Intake.objects.exists() and mailoutbox == []


def test_only_saved_intakes_count_against_the_limit(clinic_content, settings, mailoutbox):
    settings.INTAKE_RATE_LIMIT = 1
    first, draft = filled_session()
    assert submit(first, draft.submission_key).outcome is Outcome.SAVED
    submit(first, draft.submission_key)  # a replay gives its slot back
    second, other = filled_session()
    assert submit(second, other.submission_key).outcome is Outcome.RATE_LIMITED
    assert Draft.objects.filter(pk=other.pk).exists()  # kept for a later try
    assert submit(second, other.submission_key, client_id="198.51.100.1").outcome is Outcome.SAVED


def test_another_draft_and_a_lost_session(clinic_content):
    session, _ = filled_session()
    assert submit(session, uuid.uuid4()).outcome is Outcome.ANOTHER_DRAFT
    assert submit(SessionStore(), uuid.uuid4()).outcome is Outcome.SESSION_LOST


def test_a_database_failure_saves_nothing_keeps_the_draft_and_the_slot(
    clinic_content, monkeypatch, settings
):
    settings.INTAKE_RATE_LIMIT = 1

    def down(**kwargs):
        raise DatabaseError("down")

    session, draft = filled_session()
    monkeypatch.setattr(services, "_intake_create", down)
    with pytest.raises(DatabaseError):
        submit(session, draft.submission_key)
    monkeypatch.undo()
    assert Draft.objects.filter(pk=draft.pk).exists()
    assert submit(session, draft.submission_key).outcome is Outcome.SAVED


def test_a_mail_failure_never_undoes_the_intake(
    clinic_content, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.clinic.test_tasks import FailingSMTP

    settings.EMAIL_BACKEND = "tests.clinic.test_tasks.FailingSMTP"
    monkeypatch.setattr(FailingSMTP, "failures", 99)  # every attempt fails
    session, draft = filled_session()
    with django_capture_on_commit_callbacks(execute=True):
        result = submit(session, draft.submission_key)
    assert result.outcome is Outcome.SAVED
    assert Intake.objects.get().confirmation_sent_at is None


def test_the_sent_draft_goes_in_one_statement_and_its_photos_stay_with_the_intake(
    clinic_content, django_assert_num_queries
):
    from intake.photos.models import IntakePhoto
    from intake.services import draft_delete_moved

    session, draft = filled_session()
    IntakePhoto.objects.create(draft_id=draft.pk, view="front", file_name="a.jpg")
    result = submit(session, draft.submission_key)
    assert result.outcome is Outcome.SAVED and not Draft.objects.exists()
    assert IntakePhoto.objects.get().intake == result.intake
    _, other = filled_session()
    with django_assert_num_queries(1):
        draft_delete_moved(other)
    assert not Draft.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_photo_that_arrives_during_the_submit_is_not_lost(clinic_content, monkeypatch):
    """The draft's delete does not cascade: a photo not moved to the intake makes the
    database refuse the commit, so the draft, its photo and its answers all stay."""
    from intake import services
    from intake.photos.models import IntakePhoto

    session, draft = filled_session()
    monkeypatch.setattr(services, "photos_move_to_intake", lambda **kwargs: None)
    IntakePhoto.objects.create(draft_id=draft.pk, view="front", file_name="late.jpg")
    with pytest.raises(DatabaseError):
        submit(session, draft.submission_key)
    assert not Intake.objects.exists()
    assert IntakePhoto.objects.get().draft_id == Draft.objects.get().pk == draft.pk


def test_the_one_statement_delete_names_the_drafts_table():
    assert Draft._meta.db_table == "intake_draft"  # intake/services.py draft_delete_moved
