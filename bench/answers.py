"""The bench's patient: one complete, valid set of intake answers, as a browser posts
them step by step, and as intake_submit receives them (typed by the step forms).

The bench's own data, so tooling never imports the test package. A new question in
intake/questions.py fails `bench_steps()` until it has an answer here.
"""

from intake.questions import QUESTIONS  # importable before Django is set up

BENCH_ANSWERS = {
    "first_name": "Amara",
    "last_name": "Okafor",
    "date_of_birth": "1988-09-03",
    "email": "amara.bench@example.org",
    "phone": "+1 555 010 0199",
    "scar_locations": ["cheeks"],
    "scar_duration": "one_to_five_years",
    "scar_looks": ["rolling", "boxcar"],
    "stretch_test": "yes",
    "visibility": "easy_face_to_face",
    "bother": "quite_a_bit",
    "active_acne": "none",
    "sore_or_infection_now": "no",
    "sun_reaction": "type_4",
    "skin_colour": "medium_brown",
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
    "signature_name": "Amara Okafor",
}


def bench_steps():
    """{step slug: the fields that step's form posts}."""
    missing = {q.key for q in QUESTIONS} - set(BENCH_ANSWERS)
    if missing:
        raise LookupError(f"bench/answers.py has no answer for {sorted(missing)}")
    slugs = dict.fromkeys(q.step for q in QUESTIONS)  # the steps, in the form's order
    return {
        slug: {q.key: BENCH_ANSWERS[q.key] for q in QUESTIONS if q.step == slug} for slug in slugs
    }


def validated_answers():
    """The answers as intake_submit receives them (needs Django set up)."""
    from intake.steps import STEPS

    answers = {}
    for step in STEPS:
        form = step.form_class(data=bench_steps()[step.slug])
        if not form.is_valid():
            raise ValueError(f"bench answers invalid at {step.slug}: {form.errors.as_json()}")
        answers.update(form.cleaned_data)
    return answers
