"""The review queue pages without counting every intake (intake/review/paging.py): one
row more than a page shows says whether there is a next page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.review.paging import page_number, queue_page
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "number"),
    [(None, 1), ("", 1), ("x", 1), ("0", 1), ("-3", 1), ("2", 2), ("40000", 40000),
     ("40001", 1), ("99999999999999999999", 1)],
)  # fmt: skip
def test_the_page_asked_for(text, number):
    assert page_number(text) == number


def test_an_edited_huge_page_number_shows_the_first_page(client, dermatologist):
    # It was a 500 (an offset past the database's integer), or a 503 on PostgreSQL.
    client.force_login(dermatologist)
    response = client.get("/review/?page=99999999999999999999")
    assert response.status_code == 200


def test_pages_of_a_list_know_their_neighbours_without_a_count():
    rows = list(range(7))
    first, last = queue_page(rows, "1", 3), queue_page(rows, "3", 3)
    assert (first.object_list, first.has_next, first.has_previous) == ([0, 1, 2], True, False)
    assert (last.object_list, last.has_next, last.has_previous) == ([6], False, True)
    assert (last.start_index, last.end_index) == (7, 7)
    exact = queue_page(list(range(6)), "2", 3)
    assert exact.has_next is False  # a full last page has no empty page after it
    assert queue_page(rows, "9", 3).number == 1  # past the end: the first page
    assert queue_page([], "1", 3).start_index == 0


@pytest.fixture
def thirty_intakes(clinic_content):
    return [submitted_intake() for _ in range(30)]


def test_the_queues_second_page_and_its_links(client, thirty_intakes, dermatologist):
    client.force_login(dermatologist)
    html = client.get("/review/", {"page": "2"}).content.decode()
    assert html.count('href="/review/AS-') == 5
    assert "Showing intakes 26 to 30." in html and "Page 2<" in html
    assert 'href="?page=1"' in html and 'href="?page=3"' not in html
    assert "Page 1<" in client.get("/review/", {"page": "40"}).content.decode()


def test_no_page_of_the_queue_counts_every_intake(client, thirty_intakes, dermatologist):
    client.force_login(dermatologist)
    client.get("/review/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/review/", {"page": "2"})
    counts = [q["sql"] for q in queries.captured_queries if re.search(r"COUNT\(", q["sql"], re.I)]
    # Only the upcoming consultations are counted (where the queue's second block starts).
    assert counts and all('"consultation_on" >=' in sql for sql in counts), counts
