"""Reading grade of patient text (pure; no models).

Patient pages aim at a Flesch–Kincaid grade of 8 or lower (docs/clinical-rules.md). Short
texts score noisily, so callers pass a whole page's text.
"""

import re

import textstat

GRADE_LIMIT = 8.0

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
