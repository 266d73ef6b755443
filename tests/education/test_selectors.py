"""Selectors shaped for the education pages."""

import pytest

from education import selectors
from education.levels import FitLevel
from tests.factories import (
    CautionEffectFactory,
    CautionFactory,
    ScarTypeFactory,
    TreatmentFactory,
    TreatmentFitFactory,
)

pytestmark = pytest.mark.django_db


def test_compare_table_says_shared_waits_once_and_keeps_specific_cautions_per_row():
    laser, filler = TreatmentFactory(key="laser"), TreatmentFactory(key="filler")
    pregnancy = CautionFactory(key="pregnant", order=1)
    smoking = CautionFactory(key="smoker", order=2)
    collagen = CautionFactory(key="collagen", order=3)
    for treatment in (laser, filler):
        CautionEffectFactory(caution=pregnancy, treatment=treatment, severity="usually_deferred")
        CautionEffectFactory(caution=smoking, treatment=treatment, severity="discuss")
    CautionEffectFactory(caution=collagen, treatment=filler, severity="contraindicated")
    rolling = ScarTypeFactory(key="rolling")
    TreatmentFitFactory(treatment=filler, scar_type=rolling, level=FitLevel.FIRST_CHOICE)
    TreatmentFitFactory(treatment=laser, scar_type=rolling, level=FitLevel.LIMITED)

    shared, rows = selectors.compare_table(list(selectors.treatments_for_compare()))

    assert shared == [pregnancy]  # smoking is only 'discuss': left to the explainers
    by_key = {row["treatment"].key: row for row in rows}
    assert [effect.caution for effect in by_key["filler"]["cautions"]] == [collagen]
    assert by_key["laser"]["cautions"] == []
    assert by_key["filler"]["suits"] == [rolling]
    assert by_key["laser"]["suits"] == []  # limited is not "often used for"


def test_compare_table_keeps_a_stronger_caution_in_its_row():
    """Keloids are 'discuss' for most treatments but 'contraindicated' for Bellafill:
    the line above the table must not fold them in, and Bellafill's row must say so."""
    laser, bellafill = TreatmentFactory(key="laser"), TreatmentFactory(key="bellafill")
    keloid = CautionFactory(key="keloid_tendency", order=1)
    pregnancy = CautionFactory(key="pregnant", order=2)
    CautionEffectFactory(caution=keloid, treatment=laser, severity="discuss")
    CautionEffectFactory(caution=keloid, treatment=bellafill, severity="contraindicated")
    CautionEffectFactory(caution=pregnancy, treatment=laser, severity="usually_deferred")
    CautionEffectFactory(caution=pregnancy, treatment=bellafill, severity="contraindicated")

    shared, rows = selectors.compare_table(list(selectors.treatments_for_compare()))

    assert shared == []
    by_key = {row["treatment"].key: row for row in rows}
    assert [e.caution for e in by_key["bellafill"]["cautions"]] == [keloid, pregnancy]
    assert [e.caution for e in by_key["laser"]["cautions"]] == [pregnancy]


def test_compare_page_with_the_clinic_content_keeps_bellafill_contraindications(
    client, clinic_content
):
    html = client.get("/learn/compare/").content.decode()
    bellafill_row = html[html.index("Bellafill</a>") :].split("</tr>")[0]
    assert "keloid" in bellafill_row.lower()


@pytest.mark.parametrize(("query", "found"), [("lasers", True), ("LASER", True), ("peel", False)])
def test_simple_search_forgives_plurals_and_case(query, found, settings):
    TreatmentFactory(name="Fractional laser", summary="Light makes tiny columns.")
    treatments, _ = selectors.search_pages(query)
    assert bool(treatments) is found
