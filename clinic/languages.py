"""The patient side's languages: where the same page lives in each of them.

Patient URLs sit in i18n_patterns (clinic/urls.py): English at the root, Spanish under /es/.
The language switcher, the hreflang alternates and the sitemap all ask this module, so the
rule "same page, other language" has one home.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
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


def _matched_page_in_language(request, code):
    """page_in_language() for the page this request resolved to: the URL pattern is
    already known (request.resolver_match), so only the reverse is left. Resolving the
    path again, as translate_url does, cost more than the rest of the switcher."""
    match = request.resolver_match
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        if match.url_name is None:  # an unnamed pattern cannot be reversed
            raise NoReverseMatch(request.path_info)
        with translation.override(code):
            path = reverse(name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return request.get_full_path()  # as translate_url: the page itself
    query = request.META.get("QUERY_STRING", "")
    # As request.get_full_path() writes it.
    return f"{path}?{iri_to_uri(query)}" if query else path


def language_links(request):
    """One link per configured language to the page being shown, query string kept."""
    current = get_language() or settings.LANGUAGE_CODE
    return [
        LanguageLink(
            code=code,
            name=_capitalised(get_language_info(code)["name_local"]),
            url=_matched_page_in_language(request, code),
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
            # Not a patient page: every language gives the same path back.
            if len({link.url for link in every}) > 1:
                links = every
        request._language_links = links
    return links
