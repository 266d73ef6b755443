"""Every patient page reads at or below grade 8 (docs/clinical-rules.md), measured on the
text of <main> with each heading, list item, label and paragraph as a sentence."""

import html
import re

import pytest

from education.readability import GRADE_LIMIT, reading_grade
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key

pytestmark = pytest.mark.django_db

PATIENT_PAGES = [
    "/",
    "/privacy/",
    "/privacy/notice/",
    "/accessibility/",
    "/intake/",
    "/learn/",
    "/learn/treatments/",
    "/learn/compare/",
    "/learn/cost/",
    *[f"/intake/{slug}/" for slug in VALID_STEPS],
]


def main_text(content):
    page = content.decode()
    main = re.search(r"<main.*?</main>", page, re.S).group(0)
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    text = re.sub(r"</(p|li|h[1-6]|dt|dd|label|legend|button|caption|th|td)>", ". ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"(\s*\.\s*){2,}", ". ", re.sub(r"\s+", " ", text))


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_patient_page_reads_at_or_below_grade_eight(client, clinic_content, url):
    grade = reading_grade(main_text(client.get(url).content))
    assert 0 < grade <= GRADE_LIMIT, grade


def test_check_page_and_guide_read_at_or_below_grade_eight(client, clinic_content):
    fill_all_steps(client)
    assert reading_grade(main_text(client.get("/intake/check/").content)) <= GRADE_LIMIT
    response = client.post(
        "/intake/check/", {"submission_key": submission_key(client), "website": ""}
    )
    guide = client.get(response["Location"]).content
    assert reading_grade(main_text(guide)) <= GRADE_LIMIT


def test_pages_added_for_sending_twice_and_saving_later_read_at_or_below_grade_eight(
    client, clinic_content
):
    # Back to the check page after sending.
    fill_all_steps(client)
    client.post("/intake/check/", {"submission_key": submission_key(client), "website": ""})
    sent = client.get("/intake/check/").content
    assert b"You already sent your answers" in sent
    assert reading_grade(main_text(sent)) <= GRADE_LIMIT
    # A finish-later link that no longer works.
    dead = client.get("/intake/resume/" + "x" * 43 + "/").content
    assert reading_grade(main_text(dead)) <= GRADE_LIMIT
    # Step 1 saved for later without an email; "None" with an allergy typed in its box.
    no_email = {**VALID_STEPS["about-you"], "email": "", "phone": "+1 555 010 0100", "later": "1"}
    asked = client.post("/intake/about-you/", no_email).content
    assert b'href="#id_email"' in asked
    assert reading_grade(main_text(asked)) <= GRADE_LIMIT
    contradicts = {**VALID_STEPS["health"], "allergies": ["none"], "allergy_other": "Penicillin"}
    refused = client.post("/intake/health/", contradicts).content
    assert "wrote an allergy" in refused.decode()
    assert reading_grade(main_text(refused)) <= GRADE_LIMIT
