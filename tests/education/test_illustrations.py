"""The scar drawings: one registry entry per scar key, two small, self-contained SVG files
each, and words a patient can read."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings

from education.illustrations import (
    HEIGHT,
    SCAR_ILLUSTRATIONS,
    TREATMENT_ILLUSTRATIONS,
    WIDTH,
    illustration_for,
)
from education.readability import GRADE_LIMIT, page_text, reading_grade
from intake.choices import ScarLook

STATIC = Path(settings.BASE_DIR) / "static"
SVG = "{http://www.w3.org/2000/svg}"
SCAR_KEYS = [item["key"] for item in json.loads(
    (Path(settings.BASE_DIR) / "education/content/scar_types.json").read_text()
)]  # fmt: skip


def parse(name):
    # Our own files from the repository, not input from anyone else.
    return ET.fromstring((STATIC / name).read_bytes())  # noqa: S314


SCAR_FILES = [path for item in SCAR_ILLUSTRATIONS.values() for path in (item.surface, item.section)]
TREATMENT_FILES = [item.file for item in TREATMENT_ILLUSTRATIONS.values()]
FILES = SCAR_FILES + TREATMENT_FILES
TREATMENT_KEYS = [item["key"] for item in json.loads(
    (Path(settings.BASE_DIR) / "education/content/treatments.json").read_text()
)]  # fmt: skip


def test_every_scar_type_and_every_step_two_choice_has_drawings():
    assert sorted(SCAR_ILLUSTRATIONS) == sorted(SCAR_KEYS)
    pictured = [choice for choice in ScarLook.values if illustration_for(choice)]
    assert pictured == [choice for choice in ScarLook.values if choice != ScarLook.NOT_SURE]
    assert illustration_for(ScarLook.NOT_SURE) is None


def test_every_treatment_has_a_how_it_works_drawing():
    assert sorted(TREATMENT_ILLUSTRATIONS) == sorted(TREATMENT_KEYS)


def test_the_folders_hold_only_the_registered_drawings():
    # The Spanish copies (illustrations/es/) are checked by test_illustrations_spanish.py.
    on_disk = sorted(
        str(path.relative_to(STATIC))
        for path in (STATIC / "illustrations").rglob("*.*")
        if "illustrations/es/" not in path.as_posix()
    )
    assert on_disk == sorted(FILES)


@pytest.mark.parametrize("name", FILES)
def test_drawing_is_a_small_self_contained_svg(name):
    raw = (STATIC / name).read_bytes()
    assert len(raw) < 10 * 1024, f"{name} is {len(raw)} bytes"
    root = parse(name)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text.strip()
    assert root.find(f"{SVG}desc").text.strip()
    text = raw.decode()
    # No raster, no script, no link or font to fetch: the file draws itself.
    for banned in ("<image", "<script", "<foreignObject", "href", "@import", "url(http", "data:"):
        assert banned not in text, f"{name} contains {banned}"
    assert re.findall(r"url\((?!#)", text) == []


@pytest.mark.parametrize(
    "name", [item.section for item in SCAR_ILLUSTRATIONS.values()] + TREATMENT_FILES
)
def test_side_views_label_the_skin_layers_the_same_way(name):
    labels = {node.text for node in parse(name).iter(f"{SVG}text")}
    assert {"Top layer", "Deeper layer", "Fat"} <= labels, name


def test_raised_scars_show_the_old_spot():
    for key in ("hypertrophic", "keloid"):
        root = parse(illustration_for(key).section)
        assert "Old spot" in {node.text for node in root.iter(f"{SVG}text")}


def test_text_alternatives_are_plain_words():
    words = [
        part for item in SCAR_ILLUSTRATIONS.values() for part in (item.look_for, item.section_alt)
    ]
    assert all(len(part) < 160 for part in words)
    assert reading_grade(page_text(words)) <= GRADE_LIMIT
