"""Property tests: random valid answer sets, generated from the question registry, never
break the rules' promises (docs/clinical-rules.md, "What the rules promise")."""

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.choices import CautionKey
from intake.questions import RULE_QUESTIONS
from intake.rules import Answers, cautions_for, match
from tests.intake.seed_rules import seed_rulebook


def answer_strategy(question):
    """Any answer the step form accepts for this question."""
    values = question.choices.values
    if not question.multi:
        chosen = st.sampled_from(values)
        return chosen if question.required else st.none() | chosen
    lone = st.sampled_from(question.exclusive).map(lambda value: frozenset({value}))
    others = [value for value in values if value not in question.exclusive]
    several = st.frozensets(st.sampled_from(others), min_size=1)
    return lone | several if question.exclusive else several


answers_strategy = st.builds(
    Answers,
    age=st.integers(min_value=18, max_value=100),
    **{question.key: answer_strategy(question) for question in RULE_QUESTIONS},
)
RULES = seed_rulebook()
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# "Stop" (or quit, come off) only ever as "do not stop": no text tells a patient to stop or
# change a medicine.
STOP = re.compile(
    r"\b(stop|quit|discontinue|come off)\w*\b"
    r"|\bchange\w* (your|any|the|a) (medicine|medication|dose|pills?)\b",
    re.IGNORECASE,
)
NEGATED = re.compile(r"\b(do not|don't|never)\s+$", re.IGNORECASE)


def patient_texts(result):
    for caution in result.cautions:
        yield caution.patient_wording
    for item in (*result.suggestions, *result.other_options, *result.not_suggested):
        yield from item.reasons
    yield from result.notes
    yield from result.questions


@PROPERTY
@given(answers_strategy)
def test_no_contraindicated_treatment_is_ever_suggested(answers):
    result = match(answers, RULES)
    for item in (*result.suggestions, *result.other_options):
        for caution in result.cautions:
            assert caution.severity_for(item.treatment) != "contraindicated", (
                item.treatment,
                caution.key,
            )
    listed = {item.treatment for item in (*result.suggestions, *result.other_options)}
    assert not listed & {item.treatment for item in result.not_suggested}


@PROPERTY
@given(answers_strategy)
def test_every_suggestion_and_ruled_out_treatment_has_a_reason(answers):
    result = match(answers, RULES)
    for item in (*result.suggestions, *result.other_options, *result.not_suggested):
        assert item.reasons and all(reason.strip() for reason in item.reasons), item


@PROPERTY
@given(answers_strategy)
def test_every_fired_caution_is_in_the_result_with_its_wording(answers):
    result = match(answers, RULES)
    assert [c.key for c in result.cautions] == sorted(
        (hit.key for hit in cautions_for(answers)),
        key=[c.key for c in result.cautions].index,
    )
    assert {c.key for c in result.cautions} == {hit.key for hit in cautions_for(answers)}
    for caution in result.cautions:
        assert caution.patient_wording.strip(), caution.key
        if caution.not_sure:
            assert caution.highest_severity == "discuss"


@PROPERTY
@given(answers_strategy)
def test_urgent_cautions_always_come_first(answers):
    severities = [c.highest_severity for c in match(answers, RULES).cautions]
    urgent = [severity == "urgent" for severity in severities]
    assert urgent == sorted(urgent, reverse=True)


def tells_to_stop(text):
    return any(not NEGATED.search(text[: found.start()]) for found in STOP.finditer(text))


def test_the_stop_check_catches_advice_to_stop_and_lets_do_not_stop_through():
    assert tells_to_stop("Stop taking aspirin a week before.")
    assert tells_to_stop("You may need to come off isotretinoin.")
    assert tells_to_stop("Please change your medicine first.")
    assert not tells_to_stop("Do not stop any medicine unless its prescriber says so.")
    assert not tells_to_stop("How do raised scars change my options?")


@PROPERTY
@given(answers_strategy)
def test_no_text_tells_a_patient_to_stop_a_medicine(answers):
    for text in patient_texts(match(answers, RULES)):
        assert not tells_to_stop(text), text


@PROPERTY
@given(answers_strategy)
def test_the_same_answers_always_give_the_same_result(answers):
    first = match(answers, RULES)
    again = match(
        Answers(**{name: getattr(answers, name) for name in answers.__dataclass_fields__}), RULES
    )
    assert first == again
    stored = json.loads(json.dumps(first.to_dict()))
    assert stored == again.to_dict()
    assert type(first).from_dict(stored) == first


# "Not sure" is an answer, not silence: where a question offers it and a caution reads the
# question, "not sure" raises one of the cautions that read it (D7's raises the implant
# caution, with its own wording, not gold threads too). Three questions' "not sure" is
# handled by a rule of its own: C1 falls back to C2 for the skin type; B3 and F1 lead to
# the scar guide and the broad treatments (docs/clinical-rules.md, Matching 5).
NOT_SURE_HANDLED_ELSEWHERE = {"sun_reaction", "scar_looks", "goals"}
NOT_SURE_QUESTIONS = [
    question
    for question in RULE_QUESTIONS
    if question.not_sure
    and question.key not in NOT_SURE_HANDLED_ELSEWHERE
    and set(question.read_by) & set(CautionKey.values)
]


def test_the_not_sure_questions_are_the_ones_the_doc_lists():
    # A new question with "not sure" that a caution reads joins the property below by
    # itself; this pins the list to docs/clinical-rules.md's.
    assert sorted(question.domain_id for question in NOT_SURE_QUESTIONS) == sorted(
        ["C4", "C4", "C5", "D2", "D3", "D4", "D6", "D7", "D11"]
    )


@PROPERTY
@given(answers_strategy, st.sampled_from(NOT_SURE_QUESTIONS))
def test_a_not_sure_answer_raises_a_caution_that_reads_its_question(answers, question):
    value = frozenset({question.not_sure}) if question.multi else question.not_sure
    unsure = Answers(**{**vars(answers), question.key: value})
    raised = {hit.key for hit in cautions_for(unsure)}
    assert raised & set(question.read_by), question.key


CANNOT = re.compile(r"\byou (can't|can not|cannot)\b", re.IGNORECASE)


@PROPERTY
@given(answers_strategy)
def test_no_text_tells_a_patient_what_they_cannot_do(answers):
    # The house rule for patient texts (docs/clinical-rules.md, Ground rules): calm, and
    # never "you can't", even when echoing an answer back.
    for text in patient_texts(match(answers, RULES)):
        assert not CANNOT.search(text), text
