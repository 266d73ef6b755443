"""Patient pages speak US English and write every date one way ("March 27, 1994"): no UK
spellings, no ISO dates, no day-first dates."""

import re

import pytest

from education.models import ScarType, Treatment
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key

pytestmark = pytest.mark.django_db

UK_SPELLINGS = re.compile(
    r"\b(colour\w*|favour\w*|behaviour\w*|centre[sd]?|organis\w+|recognis\w+|realis(?:e|ed|es|ing|ation)\b|"
    r"minimis\w+|apologis\w+|specialis(?:e|ed|es|ing|ation)\b|optimis(?:e|ed|es|ing|ation)\b|licence|programme|tumour|labour|"
    r"honour|neighbour|odour|grey|judgement|whilst|amongst|learnt|spelt|fortnight|"
    r"anaesth\w+|oedema|haem\w+|paediatr\w+|tick(?:ed)? the box|e-mail\w*)\b",
    re.IGNORECASE,
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DAY_FIRST = re.compile(rf"\b\d{{1,2}} ({MONTHS})\b")


def visible_text(html):
    """The words a patient reads: the page's <main> and footer, without tags or
    attribute values (ids and keys such as skin_colour are not words on the page)."""
    body = html[html.index("<main") :]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def assert_us_english(url, html):
    text = visible_text(html)
    assert not UK_SPELLINGS.findall(text), (url, UK_SPELLINGS.findall(text))
    assert not ISO_DATE.findall(text), (url, ISO_DATE.findall(text))
    assert not DAY_FIRST.findall(text), (url, DAY_FIRST.findall(text))


def test_the_measure_can_fail():
    with pytest.raises(AssertionError):
        assert_us_english("x", "<main>Your skin colour</main>")
    with pytest.raises(AssertionError):
        assert_us_english("x", "<main>Born 1994-03-27</main>")
    with pytest.raises(AssertionError):
        assert_us_english("x", "<main>Until 25 November 2026</main>")


def test_public_pages(client, clinic_content):
    urls = ["/", "/learn/", "/learn/treatments/", "/learn/compare/", "/privacy/", "/accessibility/"]
    urls += [t.get_absolute_url() for t in Treatment.objects.published()]
    urls += [s.get_absolute_url() for s in ScarType.objects.published()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_us_english(url, response.content.decode())


def test_intake_steps_check_page_and_guide(client, clinic_content):
    assert_us_english("/intake/", client.get("/intake/").content.decode())
    for slug in VALID_STEPS:
        url = f"/intake/{slug}/"
        assert_us_english(url, client.get(url).content.decode())
        # The error state too: every message is patient text.
        assert_us_english(f"{url} (errors)", client.post(url, {}).content.decode())
    fill_all_steps(client)
    check = client.get("/intake/check/").content.decode()
    assert "April 12, 1990" in check  # the date of birth, in the site's one style
    assert_us_english("/intake/check/", check)
    guide = client.post("/intake/check/", {"submission_key": submission_key(client)})
    html = client.get(guide["Location"]).content.decode()
    assert_us_english("guide", html)
    assert re.search(rf"({MONTHS}) \d{{1,2}}, \d{{4}}", html)
