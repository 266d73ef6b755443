"""The Spanish content files match the English ones entry for entry, are fully written
(no empty or English leftovers) and read easily (Fernández-Huerta)."""

import json
import re
from pathlib import Path

import pytest

from education.readability import SPANISH_EASE_MINIMUM, page_text, spanish_reading_ease

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"
SPANISH = CONTENT / "es"

# Patient-facing text fields per file; numbers, slugs, kinds, severities, order and the
# staff-only clinician note stay out of the Spanish files.
SCAR_FIELDS = {"name", "clinical_name", "summary", "description", "how_to_recognise", "you_said"}
CAUTION_FIELDS = {"title", "trigger_summary", "patient_wording", "public_wording", "question"}
ENGLISH_WORDS = re.compile(r"\b(the|and|your|you|with|this|that|is|are|of|to)\b", re.IGNORECASE)
# Treatment pages: identity, patient text, one-per-line lists, and the fields that are not
# words (numbers, status, order, related keys), which stay out of the Spanish file. An
# English field in none of these sets fails test_treatment_fields_are_all_accounted_for,
# so a field the English gains is not silently left untranslated.
TREATMENT_IDENTITY = ("key", "slug")
TREATMENT_FIELDS = {
    "name",
    "summary",
    "what_it_is",
    "how_it_works",
    "visit",
    "sessions_text",
    "downtime_text",
    "results_show",
    "results_last",
    "approval_note",
    "limits",
}
TREATMENT_LISTS = {"side_effects", "rare_risks", "questions"}
TREATMENT_NOT_WORDS = {
    "status",
    "order",
    "sessions_min",
    "sessions_max",
    "downtime_min_days",
    "downtime_max_days",
    "related",
}
# A wider net for the longer treatment pages: common English words that are not Spanish.
MORE_ENGLISH_WORDS = re.compile(
    r"\b(skin|scars?|filler|visits?|days|weeks|months|may|can|or|for|not|it|in|on|be|"
    r"have|will|from|by|most|people|doctor|treatment|laser)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d+")
LONG_FIELD_WORDS = 25
FDA_EXPLAINED = "FDA (la agencia de salud de EE. UU.)"
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
            if isinstance(entry[field], list):
                # One item per line, as in English: the same number of bullets.
                items = translated[field]
                assert isinstance(items, list), (ident, field)
                assert len(items) == len(entry[field]), (ident, field, len(items))
                for number, item in enumerate(items):
                    _check_text(f"{ident}.{field}[{number}]", item)
                continue
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


def _treatments():
    return _load("treatments.json"), _load("treatments.json", True)


def _treatment_text(entry, field):
    value = entry[field]
    return "\n".join(value) if isinstance(value, list) else value


def test_treatment_fields_are_all_accounted_for():
    english, _ = _treatments()
    known = set(TREATMENT_IDENTITY) | TREATMENT_FIELDS | TREATMENT_LISTS | TREATMENT_NOT_WORDS
    for entry in english:
        unknown = set(entry) - known
        assert not unknown, f"{entry['key']}: English fields {unknown} need a Spanish version"


def test_treatments_match_english():
    # Same entries, by key and by slug (the Spanish page lives at /es/ under the same slug);
    # paragraphs keep their breaks and lists their number of items.
    english, spanish = _treatments()
    _check_entries(english, spanish, TREATMENT_IDENTITY, _spanish_fields)


def _spanish_fields(entry):
    return (TREATMENT_FIELDS | TREATMENT_LISTS) & set(entry)


def test_treatments_have_no_english_left():
    _, spanish = _treatments()
    for entry in spanish:
        for field in sorted(_spanish_fields(entry) - {"name"}):
            text = _treatment_text(entry, field)
            leftover = MORE_ENGLISH_WORDS.findall(text)
            assert not leftover, f"{entry['key']}.{field}: English words {leftover}"


def test_treatments_keep_the_english_numbers():
    """Doses, days, months, ages and years are facts: each field keeps the same numbers."""
    english, spanish = _treatments()
    by_key = {e["key"]: e for e in spanish}
    for entry in english:
        for field in sorted(_spanish_fields(entry)):
            wanted = sorted(NUMBER.findall(_treatment_text(entry, field)))
            found = sorted(NUMBER.findall(_treatment_text(by_key[entry["key"]], field)))
            assert found == wanted, (entry["key"], field, wanted, found)


def test_treatment_questions_are_spanish_questions():
    _, spanish = _treatments()
    for entry in spanish:
        for question in entry["questions"]:
            assert question.startswith("¿") and question.endswith("?"), (entry["key"], question)


def test_treatments_explain_the_fda_and_keep_the_emergency_line():
    english, spanish = _treatments()
    by_key = {e["key"]: e for e in spanish}
    for entry in english:
        page = " ".join(_treatment_text(by_key[entry["key"]], f) for f in _spanish_fields(entry))
        if "FDA" in page:
            assert FDA_EXPLAINED in page, entry["key"]
        if "911" in entry["visit"]:
            assert "911" in by_key[entry["key"]]["visit"], entry["key"]
            assert "emergencia" in by_key[entry["key"]]["visit"], entry["key"]


@pytest.mark.parametrize("entry", _load("treatments.json", True), ids=lambda e: e["key"])
def test_treatment_pages_read_easily(entry):
    fields = sorted(_spanish_fields(entry))
    ease = spanish_reading_ease(page_text(_treatment_text(entry, f) for f in fields))
    assert ease >= SPANISH_EASE_MINIMUM, (entry["key"], ease)
    # Long fields are scored alone too, so one hard paragraph cannot hide in an easy page.
    for field in fields:
        text = page_text([_treatment_text(entry, field)])
        if len(text.split()) >= LONG_FIELD_WORDS:
            ease = spanish_reading_ease(text)
            assert ease >= SPANISH_EASE_MINIMUM, (entry["key"], field, ease)
