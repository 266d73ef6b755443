"""Search that forgives (synonyms editors keep, misspellings, cost words) on both databases,
with a query count; and the cost lines and the "Cost and insurance" page."""

import pytest

from education.models import PageStatus, SearchSynonym, Treatment
from education.search import search_pages
from education.services import clinic_content_load

pytestmark = pytest.mark.django_db


def names(query):
    treatments, scar_types = search_pages(query)
    return [t.name for t in treatments], [s.name for s in scar_types]


def test_accutane_finds_the_pages_about_isotretinoin(clinic_content):
    treatments, _ = names("accutane")
    assert treatments
    assert treatments == names("isotretinoin")[0]


@pytest.mark.parametrize("query", ["lazer", "Lazers", "laser"])
def test_misspelt_laser_finds_lasers(clinic_content, query):
    assert "Fractional lasers" in names(query)[0]


def test_a_typo_with_no_synonym_still_finds_the_page(clinic_content):
    SearchSynonym.objects.filter(word__in=["lazer", "lazers"]).delete()
    assert "Fractional lasers" in names("lazer")[0]
    assert "Rolling scars" in names("rollng")[1]


@pytest.mark.parametrize("query", ["cost", "price", "insurance"])
def test_cost_words_find_what_the_pages_say_about_cost(clinic_content, query):
    assert len(names(query)[0]) >= 5


def test_an_unrelated_word_finds_nothing(clinic_content):
    assert names("zebra") == ([], [])


def test_an_editors_synonym_is_used_and_survives_a_reload(clinic_content):
    SearchSynonym.objects.create(word="dimples", means="rolling")
    assert "Rolling scars" in names("dimples")[1]
    accutane = SearchSynonym.objects.get(word="accutane")
    accutane.means = "isotretinoin retinoid"
    accutane.save()
    clinic_content_load()
    assert SearchSynonym.objects.get(word="accutane").means == "isotretinoin retinoid"
    assert SearchSynonym.objects.filter(word="dimples").exists()


def test_drafts_are_never_found(clinic_content):
    Treatment.objects.filter(name="Fractional lasers").update(status=PageStatus.DRAFT)
    assert "Fractional lasers" not in names("lazer")[0]


@pytest.mark.parametrize("query", ["accutane cost", "lazer"])
def test_search_queries_do_not_grow_with_the_pages(
    clinic_content, django_assert_max_num_queries, query
):
    # Synonyms, treatments, scar types, and on SQLite the names for close matches: a fixed
    # handful, whatever the number of pages.
    with django_assert_max_num_queries(4):
        search_pages(query)


def test_explainer_shows_its_cost_line(client, clinic_content):
    laser = Treatment.objects.get(key="fractional_laser")
    assert "written quote" in laser.cost_note
    html = client.get(laser.get_absolute_url()).content.decode()
    assert laser.cost_note in html
    assert 'href="/learn/cost/"' in html


def test_an_editors_cost_line_is_never_overwritten(clinic_content, editor):
    laser = Treatment.objects.get(key="fractional_laser")
    laser.cost_note = "From $400 a session; ask for a written quote."
    laser.updated_by = editor
    laser.save()
    clinic_content_load()
    laser.refresh_from_db()
    assert laser.cost_note == "From $400 a session; ask for a written quote."


def test_empty_cost_line_shows_ask_for_a_quote(client, clinic_content):
    Treatment.objects.filter(key="pdo_threads").update(cost_note="")
    treatment = Treatment.objects.get(key="pdo_threads")
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Ask the clinic for a written quote." in html


def test_cost_page_is_balanced_and_linked_from_the_footer(client):
    html = client.get("/learn/cost/").content.decode()
    assert "<h1>Cost and insurance</h1>" in html
    assert "not cover" in html and "written quote" in html and "adds up" in html
    assert "$" not in html  # the clinic gave no prices
    assert 'href="/learn/cost/"' in client.get("/").content.decode()
