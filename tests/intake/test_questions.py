"""The question registry, the model, the step forms and the rules agree (intake/questions.py)."""

import dataclasses
import datetime

import pytest
from django.db import models
from django.utils.formats import date_format

from intake import rules, services
from intake.models import MULTI_CHOICES, Intake, IntakeQuestion
from intake.questions import BY_KEY, MULTI_QUESTIONS, QUESTIONS, RULE_QUESTIONS, Kind
from intake.steps import STEPS, answer_rows
from tests.intake.answers import VALID_ANSWERS, submitted_intake, validated_answers

SKIPPED_COLUMNS = {"skin_type", "skin_type_confirm_in_clinic"}  # worked out, not asked


def answer_columns():
    own = {"id", "reference", "submission_key", "guide_token_hash", "guide_expires_at"}
    own |= {"submitted_at", "status", "confirmation_sent_at", "match_result", "rule_version"}
    own |= {"version", "signed_on", "privacy_notice_version", "language"} | SKIPPED_COLUMNS
    own |= {"photo_consent"}  # the photo step's consent, recorded with the intake
    return {
        field.name: field
        for field in Intake._meta.concrete_fields
        if field.name not in own and not field.name.startswith("_")
    }


def test_every_non_multi_question_has_exactly_one_intake_column():
    assert set(answer_columns()) == {q.key for q in QUESTIONS if not q.multi}


@pytest.mark.parametrize("question", [q for q in QUESTIONS if not q.multi], ids=str)
def test_column_matches_the_registry(question):
    column = Intake._meta.get_field(question.key)
    assert column.verbose_name == question.staff_label
    if question.kind in (Kind.SINGLE, Kind.TEXT, Kind.NAME, Kind.PHONE, Kind.EMAIL):
        assert column.max_length == question.max_length
    if question.kind == Kind.SINGLE:
        assert [value for value, _ in column.choices] == question.choices.values
        # Every stored value fits its column.
        assert max(len(value) for value in question.choices.values) <= column.max_length
    if question.kind != Kind.CONSENT:
        assert column.blank is (not question.required)


def test_multi_questions_are_the_choice_rows_with_staff_labels():
    assert [(q.value, q.label) for q in IntakeQuestion] == [
        (q.key, q.staff_label) for q in MULTI_QUESTIONS
    ]
    assert {q.key: q.choices for q in MULTI_QUESTIONS} == MULTI_CHOICES


def test_the_step_forms_ask_every_question_once_in_registry_order():
    asked = [name for step in STEPS for name in step.form_class.base_fields]
    assert asked == [q.key for q in QUESTIONS]
    for step in STEPS:
        for name, field in step.form_class.base_fields.items():
            question = BY_KEY[name]
            assert question.step == step.slug
            assert field.label == question.wording
            assert field.required is question.required
            if question.choices:
                assert [value for value, _ in field.choices] == question.choices.values
            if question.kind in (Kind.TEXT, Kind.NAME, Kind.PHONE, Kind.EMAIL):
                assert field.max_length == question.max_length, name


def test_check_your_answers_labels_are_the_registry_wording():
    rows = [row for step in STEPS for row in answer_rows(step, VALID_ANSWERS.get)]
    assert [(row["name"], row["label"]) for row in rows] == [(q.key, q.wording) for q in QUESTIONS]


def test_rule_answers_are_the_questions_the_rules_read():
    names = [f.name for f in dataclasses.fields(rules.Answers)]
    assert names[0] == "age"
    assert set(names[1:]) == {q.key for q in RULE_QUESTIONS}
    answers = services.rule_answers(validated_answers(), today=datetime.date(2026, 1, 1))
    assert answers.age == 35
    assert answers.scar_looks == frozenset({"rolling", "boxcar"})


def test_not_sure_option_is_declared_where_the_choices_have_one():
    for question in QUESTIONS:
        if question.choices and "not_sure" in question.choices.values:
            assert question.not_sure == "not_sure", question.key
        else:
            assert question.not_sure is None, question.key


def saved_mismatches(intake, answers):
    """Questions whose saved value differs from what the patient gave."""
    wrong = []
    for question in QUESTIONS:
        given = answers.get(question.key)
        if question.multi:
            saved = sorted(
                intake.choice_rows.filter(question=question.key).values_list("value", flat=True)
            )
            given = sorted(given or [])
        else:
            saved = getattr(intake, question.key)
            given = "" if given is None and question.kind != Kind.DATE else given
        if saved != given:
            wrong.append(question.key)
    return wrong


# Answers that differ from every field's default, so a field left out is seen.
DISTINCT = {
    "health": {"health_other": "Asthma", "allergy_other": "Pollen", "other_medicines": "Iron",
               "health_conditions": ["other"], "allergies": ["other"]},
    "past-treatments": {"past_treatment_details": "Peel in 2022"},
    "goals": {"event_date": (datetime.date.today() + datetime.timedelta(days=60)).isoformat(),
              "anything_else": "Evening visits"},
}  # fmt: skip


@pytest.mark.django_db
def test_every_answer_is_saved_as_given(clinic_content):
    answers = validated_answers(DISTINCT)
    intake = Intake.objects.get(pk=submitted_intake(DISTINCT).pk)
    assert saved_mismatches(intake, answers) == []


@pytest.mark.django_db
def test_a_question_left_out_of_the_saved_fields_is_caught(clinic_content, monkeypatch):
    # The check above must fail if the submit forgets a column: prove it does.
    monkeypatch.setattr(
        services, "SINGLE_FIELDS", tuple(name for name in services.SINGLE_FIELDS if name != "phone")
    )
    answers = validated_answers(DISTINCT)
    intake = Intake.objects.get(pk=submitted_intake(DISTINCT).pk)
    assert saved_mismatches(intake, answers) == ["phone"]


def test_choice_classes_in_the_registry_are_text_choices():
    for question in QUESTIONS:
        if question.kind in (Kind.SINGLE, Kind.MULTI):
            assert issubclass(question.choices, models.TextChoices), question.key


def test_check_page_shows_the_booked_consultation_date():
    answers = {**VALID_ANSWERS, "consultation_on": "2027-01-15"}
    rows = [row for step in STEPS for row in answer_rows(step, answers.get)]
    (row,) = [row for row in rows if row["name"] == "consultation_on"]
    assert row["answers"] == [date_format(datetime.date(2027, 1, 15))]
