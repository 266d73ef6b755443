"""The scar drawings: one entry per scar key, used by every page that shows them.

The drawings are our own SVG files in ``static/illustrations/scars/`` (``<key>-surface.svg``
and ``<key>-section.svg``). Each entry holds the words a screen reader reads instead of the
picture: ``look_for`` says what to look for in the mirror, in the same terms as each scar
type's "How to recognise it" (education/content/scar_types.json), ``section_alt`` what the
side view shows under the skin. Keep both in plain words. They are lazy translations (the
Spanish is in education/locale), read in the language of the page that shows them;
``tests/education/test_illustrations.py`` checks the files, their size and the reading grade.

Pure (no models): the intake's step-2 widget imports it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FOLDER = "illustrations/scars"
TREATMENT_FOLDER = "illustrations/treatments"
# The Spanish copies: the same drawings with their few drawn words in Spanish, made from
# the English files by `manage.py draw_spanish_illustrations` (checked current by
# tests/education/test_illustrations_spanish.py), so the drawing itself has one source.
SPANISH_ROOT = "illustrations/es"
DRAWN_WORDS_ES = {
    "Top layer": "Capa alta",
    "Deeper layer": "Capa profunda",
    "Fat": "Grasa",
    "Old spot": "Mancha antigua",
}
_DRAWN_WORD = re.compile(r"(<text\b[^>]*>)([^<]+)(</text>)")


def spanish_svg(svg: str) -> str:
    """The Spanish copy of an English drawing: each drawn word replaced (a KeyError names
    a new word that needs its Spanish in DRAWN_WORDS_ES)."""
    return _DRAWN_WORD.sub(lambda m: m[1] + DRAWN_WORDS_ES[m[2]] + m[3], svg).replace(
        "<svg ", '<svg lang="es" ', 1
    )


def in_patient_language(path: str) -> str:
    """The static path of a drawing in the active language."""
    if (get_language() or "en").startswith("es"):
        return path.replace("illustrations/", f"{SPANISH_ROOT}/", 1)
    return path


# Every drawing is drawn on this canvas; pages give <img> these sizes so nothing shifts.
WIDTH = 240
HEIGHT = 150


@dataclass(frozen=True, kw_only=True)
class ScarIllustration:
    key: str
    look_for: str
    section_alt: str

    @property
    def surface(self) -> str:
        """Static path of the surface view (what the mirror shows)."""
        return in_patient_language(f"{FOLDER}/{self.key}-surface.svg")

    @property
    def section(self) -> str:
        """Static path of the side view (a cut through the skin)."""
        return in_patient_language(f"{FOLDER}/{self.key}-section.svg")


SCAR_ILLUSTRATIONS = {
    item.key: item
    for item in (
        ScarIllustration(
            key="ice_pick",
            look_for=_(
                "A few tiny, deep holes, each smaller than a pencil tip. "
                "They look like large, deep pores."
            ),
            section_alt=_("A narrow hole goes deep down, like the letter V."),
        ),
        ScarIllustration(
            key="boxcar",
            look_for=_(
                "Round or oval dents with sharp, clear edges and a flat "
                "floor, like chickenpox scars."
            ),
            section_alt=_("A dent with steep sides and a flat bottom, like a box."),
        ),
        ScarIllustration(
            key="rolling",
            look_for=_(
                "Wide, soft dips with no clear edge. The skin looks wavy, "
                "more so when light comes from the side."
            ),
            section_alt=_("Wide, gentle dips. Bands under each dip pull the skin down."),
        ),
        ScarIllustration(
            key="hypertrophic",
            look_for=_(
                "Firm, raised, a bit shiny bumps. Each one stays the size "
                "of the spot where the pimple was."
            ),
            section_alt=_("Thick scar tissue pushes the skin up, but only inside the old spot."),
        ),
        ScarIllustration(
            key="keloid",
            look_for=_(
                "A large, raised, shiny scar with an uneven edge. It has "
                "grown well past the spot where the pimple was."
            ),
            section_alt=_("A big mound of thick scar tissue that spreads well past the old spot."),
        ),
        ScarIllustration(
            key="pih",
            look_for=_(
                "Flat brown or dark patches. There is no dent and no bump. "
                "Only the color is different."
            ),
            section_alt=_("The surface is flat. Extra brown color sits in the top layer."),
        ),
        ScarIllustration(
            key="pie",
            look_for=_(
                "Flat pink, red or purple patches. There is no dent and no "
                "bump. Only the color is different."
            ),
            section_alt=_(
                "The surface is flat. Small, wide blood vessels just "
                "under the top layer show through as red."
            ),
        ),
    )
}


def illustration_for(key: str) -> ScarIllustration | None:
    """The drawings of a scar key, or None (e.g. "not_sure", or a scar type editors added)."""
    return SCAR_ILLUSTRATIONS.get(key)


@dataclass(frozen=True, kw_only=True)
class TreatmentIllustration:
    """A side view of how one treatment works, for its explainer's "How it works"."""

    key: str
    alt: str

    @property
    def file(self) -> str:
        return in_patient_language(f"{TREATMENT_FOLDER}/{self.key}.svg")


TREATMENT_ILLUSTRATIONS = {
    item.key: item
    for item in (
        TreatmentIllustration(
            key="ha_filler",
            alt=_(
                "A needle puts a clear gel under a dent. The gel lifts the dent level with "
                "the skin around it."
            ),
        ),
        TreatmentIllustration(
            key="bellafill",
            alt=_(
                "A needle puts a gel with tiny beads under a dent. The gel lifts the dent, "
                "and the beads stay in the skin."
            ),
        ),
        TreatmentIllustration(
            key="fractional_laser",
            alt=_(
                "Thin laser beams make tiny columns in the skin, with healthy skin between "
                "them. As they heal, the skin makes new collagen."
            ),
        ),
        TreatmentIllustration(
            key="chemical_peel",
            alt=_(
                "An acid painted on the skin loosens the top layer, which peels off. New "
                "skin grows in its place."
            ),
        ),
        TreatmentIllustration(
            key="tca_cross",
            alt=_(
                "A tiny drop of strong acid is pressed into the bottom of one narrow, deep "
                "scar. The skin around it is left alone."
            ),
        ),
        TreatmentIllustration(
            key="rf_microneedling",
            alt=_(
                "Very fine needles go into the skin. Their tips heat the deeper layer, which "
                "helps the skin make new collagen."
            ),
        ),
        TreatmentIllustration(
            key="pdo_threads",
            alt=_(
                "A thin thread is placed under the skin below a dip. It lifts the skin a "
                "little and dissolves over months."
            ),
        ),
        TreatmentIllustration(
            key="subcision",
            alt=_(
                "A needle slides under a wide dip and cuts the bands that pull it down, so "
                "the skin can lift."
            ),
        ),
    )
}


def treatment_illustration_for(key: str) -> TreatmentIllustration | None:
    return TREATMENT_ILLUSTRATIONS.get(key)
