"""A complete, valid set of intake answers, step by step, as a browser posts them.

The steps and their questions come from the registry (intake/questions.py); VALID_ANSWERS
must name every question, so a new question fails here until it has a test answer.
"""

from intake.questions import QUESTIONS, Kind
from intake.steps import STEPS

VALID_ANSWERS = {
    "first_name": "Zoë",
    "last_name": "O'Brien-Nguyễn",
    "date_of_birth": "1990-04-12",
    "email": "zoe@example.org",
    "phone": "+1 555 123 4567",
    "scar_locations": ["cheeks", "forehead"],
    "scar_duration": "one_to_five_years",
    "scar_looks": ["rolling", "boxcar"],
    "stretch_test": "yes",
    "visibility": "easy_face_to_face",
    "bother": "quite_a_bit",
    "active_acne": "none",
    "sore_or_infection_now": "no",
    "sun_reaction": "type_3",
    "skin_colour": "light_brown",
    "recent_sun": ["none"],
    "keloid_self": "no",
    "keloid_family": "no",
    "dark_marks_last": "no",
    "pregnancy": "none",
    "isotretinoin": "never",
    "blood_thinners": ["none"],
    "bleeding_disorder": "no",
    "health_conditions": ["none"],
    "health_other": "",
    "cold_sores": "no",
    "implants": ["none"],
    "allergies": ["none"],
    "allergy_other": "",
    "smokes": "no",
    "other_medicines": "",
    "slow_healing": "no",
    "past_treatments": ["none"],
    "past_treatment_details": "",
    "past_problems": ["none"],
    "goals": ["smoother_texture"],
    "time_off": "up_to_a_week",
    "visits_possible": "series",
    "event_date": "",
    "consultation_on": "",
    "anything_else": "",
    "consent_true": "on",
    "consent_not_diagnosis": "on",
    "consent_storage": "on",
    "consent_privacy_notice": "on",
    "signature_name": "Zoë O'Brien-Nguyễn",
}
assert set(VALID_ANSWERS) == {q.key for q in QUESTIONS}, "every question needs a test answer"

VALID_STEPS = {
    step.slug: {q.key: VALID_ANSWERS[q.key] for q in QUESTIONS if q.step == step.slug}
    for step in STEPS
}
CONSENT_KEYS = tuple(q.key for q in QUESTIONS if q.kind == Kind.CONSENT)


def fill_all_steps(client, overrides=None):
    """Posts every step; `overrides` maps step slug to changed fields."""
    overrides = overrides or {}
    for slug, data in VALID_STEPS.items():
        response = client.post(f"/intake/{slug}/", {**data, **overrides.get(slug, {})})
        assert response.status_code == 302, (slug, response.content.decode()[:2000])


def submission_key(client):
    response = client.get("/intake/check/")
    return response.context["submit_form"].initial["submission_key"]


def validated_answers(overrides=None):
    """The answers as intake_submit receives them (typed by the step forms)."""

    overrides = overrides or {}
    answers = {}
    for step in STEPS:
        form = step.form_class(data={**VALID_STEPS[step.slug], **overrides.get(step.slug, {})})
        assert form.is_valid(), form.errors
        answers.update(form.cleaned_data)
    return answers


def submitted_intake(overrides=None, **fields):
    """A saved intake, as a patient's submission leaves it."""
    import uuid

    from intake import services

    intake, _ = services.intake_submit(
        answers=validated_answers(overrides), submission_key=uuid.uuid4()
    )
    if fields:
        for name, value in fields.items():
            setattr(intake, name, value)
        intake.save()
    return intake
