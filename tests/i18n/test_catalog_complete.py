"""Kept complete: a patient template with words outside {% translate %}, or a marked string
with no Spanish, fails here. Staff templates (review, registration, admin) stay English.

The scan reads each template with Django's own lexer: the text between tags, and the
human-read attributes (alt, title, aria-label, placeholder, content), must hold no words
unless they come from a variable or a translate tag.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PATIENT_TEMPLATE_DIRS = [
    ROOT / "templates",
    ROOT / "intake" / "templates" / "intake",
    ROOT / "intake" / "templates" / "photos",
    ROOT / "education" / "templates" / "education",
]
STAFF_PARTS = {"admin", "registration", "review"}
# Templates in the patient apps that only staff read (English, like the review workspace):
# the staff e-mails, the photos as the dermatologist sees them, and the rule book's
# status line, whose patient branch is translated and whose staff branch is not.
SKIP_NAMES = {"staff_digest.txt", "staff_urgent.txt", "review_photos.html"}
# Its staff branch is English on purpose; its patient branch's marked strings are checked.
STAFF_BRANCH = {"rulebook_status.html"}

WORD = re.compile(r"[A-Za-z]{2,}")
HOLE = "\x00"  # where a template variable or tag was
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
# Words that are the same in both languages, or not words for reading.
SAME_IN_BOTH = {"FDA", "PDO", "TCA", "CROSS", "RF", "Bellafill", "OK", "SPF", "px"}


class _Words(HTMLParser):
    """Text nodes and read-aloud attributes of the HTML left once tags are holes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.skip = [], 0

    def _check(self, text):
        words = [w for w in WORD.findall(text.replace(HOLE, " ")) if w not in SAME_IN_BOTH]
        if words:
            self.found.append((self.getpos()[0], " ".join(text.replace(HOLE, "…").split())[:80]))

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self.skip += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self._check(value)
        if tag == "meta" and attributes.get("name") == "description":
            self._check(attributes.get("content") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self._check(data)


def patient_templates():
    for directory in PATIENT_TEMPLATE_DIRS:
        for path in sorted(directory.rglob("*")):
            if path.suffix not in {".html", ".txt"} or path.name in SKIP_NAMES:
                continue
            if STAFF_PARTS & set(path.relative_to(ROOT).parts):
                continue
            yield path


def untranslated_words(source):
    """(line, text) of words a reader would see that no translate tag covers."""
    html = []
    depth = 0  # inside {% blocktranslate %} or {% comment %}, text is covered
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in {"blocktranslate", "blocktrans", "comment"}:
                depth += 1
            elif name in {"endblocktranslate", "endblocktrans", "endcomment"}:
                depth -= 1
            # A space, not a hole: a tag may sit inside an HTML tag (<td{% if %} lang=…>).
            html.append(" ")
        elif token.token_type == TokenType.VAR:
            html.append(HOLE)
        elif token.token_type == TokenType.TEXT:
            html.append(HOLE if depth else token.contents)
    parser = _Words()
    parser.feed("".join(html))
    parser.close()
    return parser.found


@pytest.mark.parametrize(
    "path", list(patient_templates()), ids=lambda path: str(path.relative_to(ROOT))
)
def test_a_patient_template_has_no_words_outside_a_translate_tag(path):
    if path.name in STAFF_BRANCH:
        pytest.skip("English staff branch")
    assert untranslated_words(path.read_text(encoding="utf-8")) == []


def test_the_scan_finds_an_unmarked_word():
    # The check itself can fail: plain words, an alt text and a heading are caught.
    assert untranslated_words("<h1>Your answers</h1>")
    assert untranslated_words('<img alt="A scar" src="{{ x }}">')
    assert not untranslated_words('{% load i18n %}<h1>{% translate "Your answers" %}</h1>')
    assert not untranslated_words("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}")


TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1(?:\s+context\s+(["'])(.+?)\3)?"""
)


def marked_strings():
    for path in patient_templates():
        for match in TRANSLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            yield path.relative_to(ROOT), match.group(2), match.group(4)


@pytest.mark.parametrize("where,msgid,context", list(marked_strings()))
def test_every_marked_string_has_spanish(where, msgid, context):
    catalog = translation.trans_real.translation("es")._catalog
    msgid = msgid.replace("%", "%%")  # as {% translate %} looks it up
    key = f"{context}\x04{msgid}" if context else msgid
    assert catalog.get(key), f"{where}: {msgid!r} has no Spanish"
