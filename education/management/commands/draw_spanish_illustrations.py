"""Writes the Spanish copies of the drawings (static/illustrations/es/) from the English.

Run after changing an English drawing; tests/education/test_illustrations_spanish.py fails
while a copy is out of date.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from education.illustrations import SPANISH_ROOT, spanish_svg

ENGLISH_FOLDERS = ("illustrations/scars", "illustrations/treatments")


def spanish_copies(static_root: Path):
    """(path of the Spanish copy, its text) for every English drawing."""
    for folder in ENGLISH_FOLDERS:
        for english in sorted((static_root / folder).glob("*.svg")):
            relative = english.relative_to(static_root / "illustrations")
            yield static_root / SPANISH_ROOT / relative, spanish_svg(english.read_text("utf-8"))


class Command(BaseCommand):
    help = "Writes the Spanish copies of the drawings from the English ones."

    def handle(self, *args, **options):
        static_root = Path(settings.BASE_DIR) / "static"
        for path, text in spanish_copies(static_root):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.stdout.write(str(path.relative_to(static_root)))
