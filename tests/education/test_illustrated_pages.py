"""The scar drawings on the scar guide, each scar page and step 2, and the compare bars."""

import re

import pytest

from education.illustrations import SCAR_ILLUSTRATIONS

pytestmark = pytest.mark.django_db


def images(html):
    return re.findall(r"<img\b[^>]*>", html)


def attribute(tag, name):
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found and found.group(1)


def test_scar_guide_shows_both_drawings_of_every_scar_type_with_words(client, clinic_content):
    html = client.get("/learn/").content.decode()
    by_src = {attribute(tag, "src"): tag for tag in images(html)}
    for item in SCAR_ILLUSTRATIONS.values():
        for path, words in ((item.surface, item.look_for), (item.section, item.section_alt)):
            tag = by_src[f"/static/{path}"]
            assert attribute(tag, "alt") == words.replace("'", "&#x27;")
            # Sizes given, so the page does not jump as drawings load (CLS 0).
            assert attribute(tag, "width") == "240"
            assert attribute(tag, "height") == "150"
    assert html.count("<figcaption>In the mirror</figcaption>") == len(SCAR_ILLUSTRATIONS)


@pytest.mark.parametrize(("slug", "key"), [("ice-pick", "ice_pick"), ("brown-marks", "pih")])
def test_scar_page_shows_its_own_drawings_first(client, clinic_content, slug, key):
    html = client.get(f"/learn/scars/{slug}/").content.decode()
    sources = [attribute(tag, "src") for tag in images(html)]
    item = SCAR_ILLUSTRATIONS[key]
    assert sources == [f"/static/{item.surface}", f"/static/{item.section}"]
    # Near the top of the page: loaded at once, not lazily.
    assert "loading=" not in "".join(images(html))


def test_step_two_puts_a_decorative_drawing_inside_each_scar_choice(client):
    html = client.get("/intake/your-scars/").content.decode()
    fieldset = html[html.index('id="div_id_scar_looks"') :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    labels = re.findall(r'<label for="(id_scar_looks_\d+)"[^>]*>(.*?)</label>', fieldset, re.S)
    assert len(labels) == 8
    for (input_id, label), key in zip(labels, SCAR_ILLUSTRATIONS, strict=False):
        assert f'id="{input_id}"' in fieldset
        tag = images(label)[0]
        assert attribute(tag, "src") == f"/static/{SCAR_ILLUSTRATIONS[key].surface}"
        # The label's words already describe the scar: the drawing adds nothing to read.
        assert attribute(tag, "alt") == ""
    not_sure = labels[-1][1]
    assert images(not_sure) == []
    assert "Not sure" in not_sure
    # The hint comes before the choices.
    assert fieldset.index("Choose all that apply") < fieldset.index('type="checkbox"')


def test_step_two_keeps_ticked_scar_choices_and_links_the_error(client):
    from tests.intake.answers import VALID_STEPS

    client.post("/intake/about-you/", VALID_STEPS["about-you"])
    response = client.post(
        "/intake/your-scars/",
        # An answer the form refuses ("not sure" beside a type is fine): the ticks stay.
        {**VALID_STEPS["your-scars"], "scar_looks": ["rolling", "not_sure", "made_up"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_scar_looks_0"' in html
    assert re.search(r'value="rolling"[^>]*checked', html)
    assert re.search(r'value="not_sure"[^>]*checked', html)


def test_compare_draws_sessions_and_downtime_as_bars_with_words(client, clinic_content):
    html = client.get("/learn/compare/").content.decode()
    assert html.count('class="range-chart-fill"') == 2 * 7  # 7 published treatments
    # Words for every bar; the drawing itself is hidden from screen readers.
    assert "Fractional lasers</a>: 1 to 5 sessions" in html
    assert "Fractional lasers</a>: 1 to 10 days" in html
    assert html.count('<svg class="range-chart-bar"') == 14
    assert all('aria-hidden="true"' in svg for svg in re.findall(r"<svg[^>]*>", html))
    assert "style=" not in html
    # The table stays for wide screens; phones get one card per treatment.
    assert html.count('class="card h-100"') == 7
    assert "<caption" in html


def test_cards_and_review_boxes_come_from_one_include_each():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "education/templates/education"
    pages = {name: (folder / name).read_text() for name in (
        "scar_guide.html", "treatment_list.html", "treatment_detail.html",
        "scartype_detail.html", "compare.html",
    )}  # fmt: skip
    for name, text in pages.items():
        assert "card-body" not in text, f"{name} has its own copy of a card"
        assert "review-meta" not in text, f"{name} has its own copy of the review box"
    assert 'include "education/includes/scar_card.html"' in pages["scar_guide.html"]
    for name in ("scar_guide.html", "treatment_list.html"):
        assert 'include "education/includes/treatment_card.html"' in pages[name]
    for name in ("treatment_detail.html", "scartype_detail.html"):
        assert 'include "education/includes/review_info.html"' in pages[name]


def test_explainer_shows_how_it_works_as_a_drawing_with_words(client, clinic_content):
    from education.illustrations import TREATMENT_ILLUSTRATIONS

    html = client.get("/learn/treatments/tca-cross/").content.decode()
    drawing = TREATMENT_ILLUSTRATIONS["tca_cross"]
    (tag,) = [tag for tag in images(html) if drawing.file in tag]
    assert attribute(tag, "alt") == drawing.alt
    assert html.index("How it works</h3>") < html.index(drawing.file)
