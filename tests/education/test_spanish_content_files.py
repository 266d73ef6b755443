"""The Spanish content files match the English ones entry for entry, are fully written
(no empty or English leftovers) and read easily (Fernández-Huerta)."""

import json
import re
from pathlib import Path

import pytest

from education.readability import page_text, spanish_reading_ease

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"
SPANISH = CONTENT / "es"

# Patient-facing text fields per file; numbers, slugs, kinds, severities, order and the
# staff-only clinician note stay out of the Spanish files.
SCAR_FIELDS = {"name", "clinical_name", "summary", "description", "how_to_recognise", "you_said"}
CAUTION_FIELDS = {"title", "trigger_summary", "patient_wording", "public_wording", "question"}
ENGLISH_WORDS = re.compile(r"\b(the|and|your|you|with|this|that|is|are|of|to)\b", re.IGNORECASE)
PAGE_EASE_MINIMUM = 70.0
CAUTIONS_JOINED_MINIMUM = 70.0
SHORT_CAUTION_MINIMUM = 55.0


def _load(name, spanish=False):
    return json.loads(((SPANISH if spanish else CONTENT) / name).read_text(encoding="utf-8"))


def _check_text(where, text):
    assert text and text.strip(), f"{where}: empty"
    leftover = ENGLISH_WORDS.findall(text)
    assert not leftover, f"{where}: English words {leftover}"


def _check_entries(english, spanish, identity, fields_for):
    spanish_by_id = {tuple(e[k] for k in identity): e for e in spanish}
    assert len(spanish_by_id) == len(spanish), "duplicate Spanish entries"
    assert set(spanish_by_id) == {tuple(e[k] for k in identity) for e in english}
    for entry in english:
        ident = tuple(entry[k] for k in identity)
        translated = spanish_by_id[ident]
        fields = fields_for(entry)
        assert set(translated) - set(identity) == fields, ident
        for field in fields:
            _check_text(f"{ident}.{field}", translated[field])
            # One-per-line lists and paragraphs keep their line structure.
            assert translated[field].count("\n") == entry[field].count("\n"), (ident, field)


def test_scar_types_match_english():
    _check_entries(
        _load("scar_types.json"), _load("scar_types.json", True), ("key",), lambda e: SCAR_FIELDS
    )


def test_cautions_match_english_without_staff_fields():
    def fields(entry):
        return CAUTION_FIELDS | ({"not_sure_wording"} if "not_sure_wording" in entry else set())

    _check_entries(_load("cautions.json"), _load("cautions.json", True), ("key",), fields)


def test_fits_match_english():
    _check_entries(
        _load("fits.json"),
        _load("fits.json", True),
        ("treatment", "scar_type"),
        lambda e: {"reason"},
    )


def test_costs_have_the_same_keys():
    english, spanish = _load("costs.json"), _load("costs.json", True)
    assert set(spanish) == set(english)
    for key, text in spanish.items():
        _check_text(key, text)


def test_synonyms_are_spanish_words_for_terms_the_pages_use():
    synonyms = _load("synonyms.json", True)
    words = [row["word"] for row in synonyms]
    assert len(words) == len(set(words))
    assert {"isotretinoína", "roacután", "láser", "rellenos", "precio", "costo", "hielo"} <= (
        set(words) | {row["means"] for row in synonyms}
    )
    pages = " ".join(
        json.dumps(_load(name, True), ensure_ascii=False).lower()
        for name in ("scar_types.json", "cautions.json", "fits.json", "costs.json")
    )
    # Treatment names live in es-content's treatments.json, so its words count too.
    treatments = SPANISH / "treatments.json"
    if treatments.exists():
        pages += treatments.read_text(encoding="utf-8").lower()
    for row in synonyms:
        assert set(row) == {"word", "means"}
        # Each meaning must be findable: at least one of its words is on a Spanish page.
        assert any(word in pages for word in row["means"].split()), row


@pytest.mark.parametrize("entry", _load("scar_types.json", True), ids=lambda e: e["key"])
def test_scar_pages_read_easily(entry):
    text = page_text(entry[field] for field in sorted(SCAR_FIELDS))
    ease = spanish_reading_ease(text)
    assert ease >= PAGE_EASE_MINIMUM, (entry["key"], ease)


def test_caution_wordings_read_easily():
    cautions = _load("cautions.json", True)
    joined = page_text(c["patient_wording"] for c in cautions)
    assert spanish_reading_ease(joined) >= CAUTIONS_JOINED_MINIMUM
    # Short texts score noisily, so each one alone has a lower floor.
    for caution in cautions:
        ease = spanish_reading_ease(caution["patient_wording"])
        assert ease >= SHORT_CAUTION_MINIMUM, (caution["key"], ease)
