"""The intake's steps in order, and the answers kept server-side between them.

Answers live in the patient's server-side session (the database session store),
so Back, Change, a refresh or a lost connection never lose them, and nothing is
kept in the browser but the session cookie.
"""

import datetime
import time
import uuid
from dataclasses import dataclass

from django.utils.datastructures import MultiValueDict

from intake import forms
from intake.questions import questions_for

SESSION_KEY = "intake"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    intro: str = ""


STEPS = (
    Step(
        "about-you",
        "About you",
        forms.AboutYouForm,
        "We use these details to find your record and contact you about your visit.",
    ),
    Step(
        "your-scars",
        "Your scars",
        forms.YourScarsForm,
        "Look at your skin in a mirror in good light. Pick what fits best. It's fine to be unsure.",
    ),
    Step(
        "your-skin",
        "Your skin",
        forms.YourSkinForm,
        "Skin reacts to treatment in different ways. These questions help your dermatologist "
        "choose safe settings.",
    ),
    Step(
        "health",
        "Health and medicines",
        forms.HealthForm,
        "Some health conditions, medicines and allergies change which treatments fit, or when. "
        "Keep taking your medicines as prescribed.",
    ),
    Step("past-treatments", "Past treatments", forms.PastTreatmentsForm),
    Step(
        "goals",
        "Goals and limits",
        forms.GoalsForm,
        "Tell us what you hope for and what fits your life. Nothing here rules a treatment out.",
    ),
    Step("consent", "Consent", forms.ConsentForm),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_number(step):
    return STEPS.index(step) + 1


def next_step(step):
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(step):
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def shown_answer(question, value):
    """An answer as the patient saw it on the form: choice labels, not codes. A stored value
    a later version of the choices no longer has is shown as it is, never an error."""
    labels = question.label_of
    if isinstance(value, list | tuple):
        return [str(labels.get(item, item)) for item in value]
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if value in (None, ""):
        return []
    if isinstance(value, datetime.date):
        return [value.strftime("%B %-d, %Y")]
    return [str(labels.get(value, value))]


def answer_rows(step, value_of):
    """One row per question of `step`: its label and the shown answer, where
    `value_of(name)` gives the stored value (session draft or saved intake)."""
    return [
        {
            "name": question.key,
            "label": question.wording,
            "answers": shown_answer(question, value_of(question.key)),
        }
        for question in questions_for(step.slug)
    ]


def _to_session(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class IntakeDraft:
    """The patient's answers so far, step by step, in their session."""

    def __init__(self, session):
        self.session = session
        self.data = session.get(SESSION_KEY) or {"answers": {}}

    def _save(self):
        self.session[SESSION_KEY] = self.data
        self.session.modified = True

    def answers_for(self, step):
        return self.data["answers"].get(step.slug)

    def save_step(self, step, cleaned_data):
        self.data["answers"][step.slug] = {
            name: _to_session(value) for name, value in cleaned_data.items()
        }
        # When the draft last changed, so purge_intakes can remove abandoned ones.
        self.data["saved_at"] = int(time.time())
        self._save()

    def first_missing_step(self):
        return next((step for step in STEPS if self.answers_for(step) is None), None)

    def submission_key(self):
        """One key per draft: every POST of this draft's check page carries it."""
        if "submission_key" not in self.data:
            self.data["submission_key"] = str(uuid.uuid4())
            self._save()
        return self.data["submission_key"]

    def validated_answers(self):
        """Every step's answers merged and re-validated through the step forms, so
        values are typed again (dates as dates). Returns (answers, first_bad_step)."""
        merged = {}
        for step in STEPS:
            form = self.bound_form(step)
            if not form.is_valid():
                return None, step
            merged.update(form.cleaned_data)
        return merged, None

    def bound_form(self, step):
        """The step's form bound to the stored answers: validating it shows, in the
        form's own words, what no longer holds (a date now in the past…)."""
        return step.form_class(data=_as_form_data(self.answers_for(step) or {}))

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.session.modified = True


def _as_form_data(answers):
    data = MultiValueDict()
    for name, value in answers.items():
        if isinstance(value, list):
            data.setlist(name, value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data
