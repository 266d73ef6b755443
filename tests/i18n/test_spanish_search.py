"""Search under /es/ looks in the Spanish text (and Spanish full-text rules on PostgreSQL)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query,found",
    [
        ("relleno", "Rellenos dérmicos (ácido hialurónico)"),
        ("rellenos", "Rellenos dérmicos (ácido hialurónico)"),
        ("ondulada", "Cicatrices onduladas"),
        ("laser", "Láseres fraccionados"),  # typed without the accent
    ],
)
def test_a_spanish_search_finds_the_spanish_page(client, clinic_content, query, found):
    response = client.get("/es/learn/search/", {"q": query})
    names = [
        page.name for page in [*response.context["treatments"], *response.context["scar_types"]]
    ]
    assert found in names, names


def test_an_english_search_still_finds_the_english_page(client, clinic_content):
    response = client.get("/learn/search/", {"q": "filler"})
    assert "Dermal fillers (hyaluronic acid)" in [t.name for t in response.context["treatments"]]
    spanish = client.get("/es/learn/search/", {"q": "relleno"})
    assert "Rellenos dérmicos" in spanish.content.decode()
