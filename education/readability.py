"""Reading grade of patient text (pure; no models).

Patient pages aim at a Flesch–Kincaid grade of 8 or lower (docs/clinical-rules.md). Short
texts score noisily, so callers pass a whole page's text.
"""

import re

import textstat
from textstat.textstat import textstatistics

GRADE_LIMIT = 8.0
# Spanish pages: Fernández-Huerta reading ease of at least 70 ("bastante fácil").
SPANISH_EASE_MINIMUM = 70.0

# A textstat instance of its own for Spanish: set_lang on the module-level one would
# change how every English text in the process is scored.
_spanish = textstatistics()
_spanish.set_lang("es")

_LIST_ITEM_END = re.compile(r"(?<![.!?:])\n")


def page_text(parts):
    """Joins a page's parts into one text; list items without a full stop get one,
    so textstat does not read a bullet list as one endless sentence."""
    cleaned = []
    for part in parts:
        if not part:
            continue
        text = str(part).strip()
        text = _LIST_ITEM_END.sub(". ", text)
        if text and text[-1] not in ".!?:":
            text += "."
        cleaned.append(text)
    return " ".join(cleaned)


def reading_grade(text):
    """Flesch–Kincaid grade level, rounded to one decimal; 0.0 for empty text."""
    if not text or not text.strip():
        return 0.0
    return round(textstat.flesch_kincaid_grade(text), 1)


def is_plain_enough(grade):
    return grade <= GRADE_LIMIT


def spanish_reading_ease(text):
    """Fernández-Huerta reading ease of a Spanish text (higher is easier), rounded to
    one decimal; 100.0 for empty text."""
    if not text or not text.strip():
        return 100.0
    return round(_spanish.fernandez_huerta(text), 1)


def is_easy_enough_in_spanish(ease):
    return ease >= SPANISH_EASE_MINIMUM
