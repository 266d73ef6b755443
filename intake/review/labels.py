"""What the dermatologist reads for each page a patient opened from their guide.

A recorded open is a key, ``<kind>:<slug>`` ("page:what_is_acne_scar", "scar:rolling",
"treatment:tca-cross"). Staff see labels, never keys: this one function turns every key
into the page's human name, including keys a later version no longer has.
"""

from collections.abc import Mapping

from intake.choices import GuidePage

KIND_LABELS = {"page": "Page", "scar": "Scar type", "treatment": "Treatment"}


def _readable(slug: str) -> str:
    words = slug.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Unknown page"


def opened_page_label(key: str, *, names: Mapping[str, str]) -> str:
    """The label of a recorded guide link. ``names`` maps keys to the page's own title
    ("scar:rolling" -> "Rolling scars"), as the caller read them from the content."""
    if key in names:
        return names[key]
    kind, _, slug = key.partition(":")
    if kind == "page" and slug in GuidePage.values:
        return str(GuidePage(slug).label)
    prefix = KIND_LABELS.get(kind)
    if prefix is None:
        return _readable(key)
    return f"{prefix}: {_readable(slug)}"
