"""Helpers for drafts without HTTP: a database session and its draft, filled step by step."""

from django.contrib.sessions.backends.db import SessionStore
from django.http import QueryDict

from intake import drafts
from intake.steps import STEP_BY_SLUG
from tests.intake.answers import VALID_STEPS


def as_post(data):
    post = QueryDict(mutable=True)
    for name, value in data.items():
        if isinstance(value, list):
            post.setlist(name, value)
        else:
            post[name] = value
    return post


def save_step(session, slug, overrides=None):
    step = STEP_BY_SLUG[slug]
    post = as_post({**VALID_STEPS[slug], **(overrides or {})})
    form = step.form_class(data=post)
    assert form.is_valid(), form.errors
    return drafts.draft_step_save(session=session, step=step, form=form, data=post)


def filled_session(slugs=None, overrides=None):
    """A new session whose draft has the given steps (all by default)."""
    session = SessionStore()
    draft = None
    for slug in slugs or VALID_STEPS:
        draft = save_step(session, slug, (overrides or {}).get(slug))
    # A step save returns the draft with deferred fields; read them now, while it exists.
    return session, drafts.draft_loaded(draft)


def dob_post():
    """The date of birth as step 1 posts it (whatever boxes the field has)."""
    return {k: v for k, v in VALID_STEPS["about-you"].items() if k.startswith("date_of_birth")}


def wrong_dob_post():
    """Step 1's date of birth a year later."""
    return {key: value.replace("1990", "1991") for key, value in dob_post().items()}
