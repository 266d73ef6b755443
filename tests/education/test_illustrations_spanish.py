"""The Spanish drawings are the English ones with their drawn words in Spanish."""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from education.illustrations import (
    DRAWN_WORDS_ES,
    illustration_for,
    spanish_svg,
    treatment_illustration_for,
)
from education.management.commands.draw_spanish_illustrations import spanish_copies

STATIC = Path(settings.BASE_DIR) / "static"


def test_every_spanish_copy_is_current():
    copies = list(spanish_copies(STATIC))
    assert len(copies) >= 22
    for path, text in copies:
        assert path.exists(), f"{path} is missing: run manage.py draw_spanish_illustrations"
        assert path.read_text("utf-8") == text, f"{path} is out of date"


def test_no_english_drawn_word_is_left_in_a_spanish_copy():
    for _path, text in spanish_copies(STATIC):
        for english in DRAWN_WORDS_ES:
            assert f">{english}</text>" not in text
        assert 'lang="es"' in text


def test_a_new_drawn_word_without_spanish_fails():
    with pytest.raises(KeyError):
        spanish_svg('<svg viewBox="0 0 1 1"><text x="1">Scar</text></svg>')


def test_pages_in_spanish_use_the_spanish_drawings():
    with translation.override("es"):
        assert illustration_for("rolling").section == "illustrations/es/scars/rolling-section.svg"
        assert treatment_illustration_for("ha_filler").file.startswith("illustrations/es/")
    with translation.override("en"):
        assert illustration_for("rolling").section == "illustrations/scars/rolling-section.svg"
