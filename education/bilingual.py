"""English and Spanish versions of one education row (docs/i18n.md, "Content").

The English words are the clinical source of truth: sign-offs, the rule book and the
matching read the `_en` columns explicitly, whatever language a request is in. The Spanish
page has its own status and sign-off (`status_es`, `signed_sha256_es`, … on ReviewedPage);
a Spanish visitor sees the Spanish text only once it is published, and the English page,
with a note, until then.
"""

from dataclasses import dataclass

from modeltranslation.translator import NotRegistered, translator

from education.levels import PageStatus
from education.signoff import SignOffState, digest, sign_off_state

SPANISH = "es"


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


# Translated, but not the page's own words: the cost line is the clinic's, loaded only
# where empty, and outside any sign-off (as in English).
NOT_PAGE_TEXT = frozenset({"cost_note"})


def page_text_fields(model) -> tuple[str, ...]:
    return tuple(name for name in translated_fields(model) if name not in NOT_PAGE_TEXT)


def in_language(instance, name, language):
    """The field's own text in `language` (no fallback); other fields as they are."""
    if name in translated_fields(type(instance)):
        return getattr(instance, f"{name}_{language}") or ""
    return getattr(instance, name)


def english(instance, name):
    return in_language(instance, name, "en")


def spanish_entry(page) -> dict:
    """What a Spanish sign-off covers: the Spanish words and the facts shared with the
    English (sessions, downtime days, scar kind), so an English edit of a number shows
    on the Spanish sign-off too."""
    return {name: in_language(page, name, SPANISH) for name in page.clinical_fields}


def spanish_text_entry(page) -> dict:
    """Only the Spanish text columns: what the loader compares with what it wrote."""
    return {name: in_language(page, name, SPANISH) for name in page_text_fields(type(page))}


def has_spanish_text(page) -> bool:
    return any(spanish_text_entry(page).values())


def spanish_sign_off_state(page) -> SignOffState:
    return sign_off_state(
        signed=page.signed_off_es, signed_sha256=page.signed_sha256_es, entry=spanish_entry(page)
    )


def shows_spanish(page) -> bool:
    return page.status_es == PageStatus.PUBLISHED and has_spanish_text(page)


@dataclass(frozen=True)
class Review:
    """The medical review of a page in one language, as its footer states it."""

    reviewer_name: str
    reviewer_credentials: str
    signed_off: bool
    last_reviewed: object
    next_review_due: object
    is_medically_reviewed: bool


def review_in(page, language) -> Review:
    if language == SPANISH:
        return Review(
            reviewer_name=page.reviewer_name_es,
            reviewer_credentials=page.reviewer_credentials_es,
            signed_off=page.signed_off_es,
            last_reviewed=page.last_reviewed_es,
            next_review_due=page.next_review_due_es,
            is_medically_reviewed=spanish_sign_off_state(page) == SignOffState.SIGNED,
        )
    return Review(
        reviewer_name=page.reviewer_name,
        reviewer_credentials=page.reviewer_credentials,
        signed_off=page.signed_off,
        last_reviewed=page.last_reviewed,
        next_review_due=page.next_review_due,
        is_medically_reviewed=page.is_medically_reviewed,
    )


def show_in_language(pages, language):
    """Prepares fetched pages (and the pages their prefetched fits point to) for a
    visitor reading `language`: a page whose Spanish is not published is shown in
    English, marked `in_english` (its Spanish columns are emptied in memory, so
    modeltranslation falls back to the English; such a row refuses to be saved)."""
    if language != SPANISH:
        return pages
    for page in pages:
        _english_unless_published(page)
        for fit in getattr(page, "_prefetched_objects_cache", {}).get("fits", ()):
            for other in (fit.treatment, fit.scar_type):
                _english_unless_published(other)
    return pages


def _english_unless_published(page):
    if getattr(page, "in_english", None) is not None:
        return
    page.in_english = not shows_spanish(page)
    if page.in_english:
        for name in translated_fields(type(page)):
            setattr(page, f"{name}_{SPANISH}", None)
        page.save = _refuse_save


def _refuse_save(*args, **kwargs):
    raise RuntimeError("a page prepared for display in English is never saved")


def spanish_seed_digest(page) -> str:
    return digest(spanish_text_entry(page))
