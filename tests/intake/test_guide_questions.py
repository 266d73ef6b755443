"""The guide's questions: near-duplicates dropped, grouped (any treatment, your answers,
then each suggested treatment), and only published pages linked."""

import re

import pytest

from education.models import PageStatus, Treatment
from education.page_titles import PAGE_TITLES
from intake.guide_questions import is_near_duplicate, question_groups
from intake.selectors import GENERAL_QUESTIONS
from tests.intake.answers import fill_all_steps
from tests.intake.test_guide import guide_html, submit


@pytest.mark.parametrize(
    ("question", "earlier"),
    [
        ("How many visits will I likely need?", "How many sessions would I need?"),
        (
            "How many visits will I likely need, and how far apart?",
            "How many visits will I likely need?",
        ),
        ("what are the risks for me", "What are the risks for me?"),
    ],
)
def test_near_duplicates_are_caught(question, earlier):
    assert is_near_duplicate(question, earlier)


@pytest.mark.parametrize(
    ("question", "earlier"),
    [
        ("Which laser do you use, and what is it cleared for?", "Which device do you use?"),
        ("What are the risks for me?", "What does the whole course cost?"),
        ("How could smoking affect my healing?", "Could subcision help?"),
    ],
)
def test_different_questions_are_kept(question, earlier):
    assert not is_near_duplicate(question, earlier)


def test_groups_general_first_then_answers_then_each_treatment():
    stored = [
        *GENERAL_QUESTIONS,
        "Which laser do you use?",
        "How many visits will I likely need?",
        "Could subcision help?",
        "Which device do you use?",
    ]
    groups = question_groups(
        questions=stored,
        general=GENERAL_QUESTIONS,
        treatments=[
            ("Fractional lasers", "/l/", ["Which laser do you use?"]),
            (
                "RF microneedling",
                "/rf/",
                ["How many visits will I likely need?", "Which device do you use?"],
            ),
        ],
    )
    assert [g.title for g in groups] == [
        "For any treatment",
        "About your answers",
        "Fractional lasers",
        "RF microneedling",
    ]
    assert groups[1].questions == ["Could subcision help?"]
    # "How many visits…" repeats the general "How many sessions…" question: dropped.
    assert groups[3].questions == ["Which device do you use?"]
    shown = [q for g in groups for q in g.questions]
    assert len(shown) == len(set(shown))


@pytest.mark.django_db
def test_guide_questions_are_grouped_without_near_duplicates(client, clinic_content):
    html = guide_html(client, {"your-scars": {"scar_looks": ["rolling", "boxcar", "ice_pick"]}})
    section = html[html.index('id="questions-heading"') :].split("</section>")[0]
    assert "For any treatment" in section
    assert re.search(r"About <a href=\"/intake/guide/[^\"]+/open/treatment/", section)
    questions = re.findall(r"<li>(.*?)</li>", section)
    for index, question in enumerate(questions):
        for earlier in questions[:index]:
            assert not is_near_duplicate(question, earlier), (question, earlier)


@pytest.mark.django_db
def test_a_treatment_back_in_draft_is_named_but_never_linked(client, clinic_content):
    fill_all_steps(client, {"your-scars": {"scar_looks": ["rolling"]}})
    guide = submit(client)["Location"]
    linked = re.findall(r"/open/treatment/([-\w]+)/", client.get(guide).content.decode())
    assert linked
    Treatment.objects.filter(slug=linked[0]).update(status=PageStatus.DRAFT)
    html = client.get(guide).content.decode()
    assert f"/open/treatment/{linked[0]}/" not in html
    assert Treatment.objects.get(slug=linked[0]).name in html


@pytest.mark.django_db
def test_guide_uses_the_pages_own_titles(client, clinic_content):
    html = guide_html(client, {})
    assert f">{PAGE_TITLES['scar_guide']}</a>" in html
    assert f"<h1>{PAGE_TITLES['scar_guide']}</h1>" in client.get("/learn/").content.decode()
