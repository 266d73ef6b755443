"""`{% rulebook_version intake.rule_version as rulebook %}`: the stored rule book
version an intake used, for intake/includes/rulebook_status.html.

A tag rather than view context, so the guide and the review page (each with its own
view) say the same thing about sign-off from one include line."""

from django import template

from education import selectors

register = template.Library()


@register.simple_tag
def rulebook_version(digest):
    return selectors.rulebook_version_for(digest)


@register.simple_tag
def spanish_wordings_checked():
    """False on a Spanish page while the rule book's Spanish wordings are not signed off
    (education/spanish_signoff.py); always True in English, at no query."""
    from django.utils.translation import get_language

    from education.spanish_signoff import spanish_wordings_signed

    if not (get_language() or "en").startswith("es"):
        return True
    return spanish_wordings_signed()
