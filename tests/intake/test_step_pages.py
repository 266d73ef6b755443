"""The words around the intake's forms: the header's start link and the button's label."""

import re

import pytest

from tests.intake.answers import VALID_STEPS

pytestmark = pytest.mark.django_db


def header(html):
    return re.search(r"<header.*?</header>", html, re.S).group(0)


def test_start_page_header_does_not_link_to_itself(client):
    html = header(client.get("/intake/").content.decode())
    assert 'href="/intake/"' not in html
    assert re.search(r'<span[^>]*aria-current="page"[^>]*>Start your intake</span>', html)


@pytest.mark.parametrize("url", ["/", "/learn/", "/intake/about-you/"])
def test_header_links_to_the_start_from_other_pages(client, url):
    html = header(client.get(url).content.decode())
    assert re.search(r'<a[^>]*href="/intake/"[^>]*>Start your intake</a>', html)


def test_last_step_says_continue_on_a_first_pass(client):
    for slug, answers in list(VALID_STEPS.items())[:-1]:
        client.post(f"/intake/{slug}/", answers)
    html = client.get("/intake/consent/").content.decode()
    button = re.search(r'<button type="submit".*?</button>', html, re.S).group(0)
    assert "Continue" in button
    assert "Save and go back" not in html


def test_last_step_says_save_and_go_back_only_when_returning_to_check(client):
    for slug, answers in VALID_STEPS.items():
        client.post(f"/intake/{slug}/", answers)
    html = client.get("/intake/consent/?return=check").content.decode()
    button = re.search(r'<button type="submit".*?</button>', html, re.S).group(0)
    assert "Save and go back to your answers" in button
    assert "Continue" not in button
