"""The patient side's languages: where the same page lives in each of them.

Patient URLs sit in i18n_patterns (clinic/urls.py): English at the root, Spanish under /es/.
The language switcher, the hreflang alternates and the sitemap all ask this module, so the
rule "same page, other language" has one home.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


@dataclass(frozen=True)
class LanguageLink:
    code: str
    # The language's name in that language ("Español"), as a reader of it looks for it.
    name: str
    url: str
    is_current: bool


def page_in_language(path, code):
    """The same page's path in another language; the path itself when it is not a patient
    page (staff pages stay English, so they have no other language)."""
    return translate_url(path, code)


def _capitalised(name):
    # Django spells it "español"; as a menu label it starts with a capital.
    return name[:1].upper() + name[1:]


def language_links(request):
    """One link per configured language to the page being shown, query string kept."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return [
        LanguageLink(
            code=code,
            name=_capitalised(get_language_info(code)["name_local"]),
            url=page_in_language(path, code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def page_language_links(request):
    """language_links() of a translated page, [] for any other; worked out once per
    request (the switcher and the hreflang alternates both ask, and each answer
    resolves and reverses the path once per language)."""
    links = getattr(request, "_language_links", None)
    if links is None:
        links = []
        if getattr(request, "resolver_match", None) is not None:
            every = language_links(request)
            full_path = request.get_full_path()
            # Not a patient page: every language gives the same path back.
            if any(link.url != full_path for link in every):
                links = every
        request._language_links = links
    return links
