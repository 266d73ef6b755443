"""Search that forgives: synonyms editors keep in the admin ("accutane" finds the pages
about isotretinoin), plurals and case, and misspellings ("lazer" finds lasers).

PostgreSQL: English full-text search over the query and its synonyms, plus pg_trgm word
similarity on the page name (the extension is made by education's 0007 migration).
Elsewhere (SQLite): every word, one of its synonyms, or its singular must appear in one of
the page's main fields. On both, a word with no synonym that is in no page name also
looks for the closest words of the published pages' names (difflib), so one typo does
not empty the results.
"""

import difflib
import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Q
from django.utils.translation import get_language

from education.bilingual import translated_fields
from education.models import Caution, CautionEffect, ScarType, SearchSynonym, Treatment

TREATMENT_SEARCH_FIELDS = ["name", "summary", "what_it_is", "how_it_works", "limits", "cost_note"]
# A treatment page shows its cautions' public words ("isotretinoin (Accutane)"), so a
# search finds the treatments whose cautions say them.
CAUTION_SEARCH_FIELDS = ["caution__title", "caution__public_wording"]
SCAR_SEARCH_FIELDS = ["name", "clinical_name", "summary", "description", "how_to_recognise"]
MAX_WORDS = 10
# How alike a typed word and a word of a page's name must be (pg_trgm word similarity,
# 0-1): "lazer" ~ "lasers" is 0.5; unrelated words stay under 0.3.
TRIGRAM_THRESHOLD = 0.45
CLOSE_MATCH_CUTOFF = 0.7


def _spanish():
    return (get_language() or "en").startswith("es")


def query_words(query):
    return re.findall(r"[\w'-]+", (query or "").lower())[:MAX_WORDS]


def plural_stems(word):
    """Forgiving of plurals: 'Lasers' also looks for 'laser'."""
    word = word.lower()
    stems = {word}
    for ending in ("ies", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stems.add(word[: -len(ending)] + ("y" if ending == "ies" else ""))
    return stems


def expanded_words(words, synonyms):
    """Each typed word with what it may mean: [{"accutane", "isotretinoin"}, …]."""
    return [{word, *synonyms.get(word, "").split()} for word in words]


def synonyms_for(words):
    """One query: the synonym rows of the typed words (and their singulars)."""
    wanted = {stem for word in words for stem in plural_stems(word)}
    rows = SearchSynonym.objects.filter(word__in=wanted).values_list("word", "means")
    by_stem = dict(rows)
    return {
        word: " ".join(by_stem[stem] for stem in sorted(plural_stems(word)) if stem in by_stem)
        for word in words
    }


def search_pages(query):
    """Published treatments and scar types for ``query``: (treatments, scar_types)."""
    words = query_words(query)
    if not words:
        return [], []
    groups = _with_close_matches(expanded_words(words, synonyms_for(words)))
    treatments = Treatment.objects.published()
    scar_types = ScarType.objects.published()
    if connection.vendor == "postgresql":
        return (
            _postgres_search(treatments, TREATMENT_SEARCH_FIELDS, words, groups, cautions=True),
            _postgres_search(scar_types, SCAR_SEARCH_FIELDS, words, groups),
        )
    return (
        _simple_search(treatments, TREATMENT_SEARCH_FIELDS, groups, cautions=True),
        _simple_search(scar_types, SCAR_SEARCH_FIELDS, groups),
    )


def _any_word(fields, group):
    found = Q()
    for word in group:
        for stem in plural_stems(word):
            for name in fields:
                found |= Q(**{f"{name}__icontains": stem})
    return found


def _fields_of(model, fields):
    """`fields` of `model` (a path such as "caution__title" names the last model's field)
    in the visitor's language: the `_en` or `_es` column of each translated field (the
    plain column is modeltranslation's, and an update() does not keep it in step)."""
    language = "es" if _spanish() else "en"
    translated = translated_fields(model)
    localized = []
    for field in fields:
        *path, name = field.split("__")
        if name in translated:
            name = f"{name}_{language}"
        localized.append("__".join([*path, name]))
    return localized


def _caution_treatment_ids(groups):
    """Treatments with a caution whose public words hold every typed word (or synonym)."""
    effects = CautionEffect.objects.all()
    for group in groups:
        effects = effects.filter(_any_word(_fields_of(Caution, CAUTION_SEARCH_FIELDS), group))
    return effects.values("treatment_id")


def _postgres_search(queryset, fields, words, groups, *, cautions=False):
    config = "spanish" if _spanish() else "english"
    vector = SearchVector(*_fields_of(queryset.model, fields), config=config)
    search = None
    for group in groups:
        either = None
        for word in group:
            term = SearchQuery(word, config=config, search_type="plain")
            either = term if either is None else either | term
        search = either if search is None else search & either
    similarity = None
    for word in words:
        one = TrigramWordSimilarity(word, _fields_of(queryset.model, ["name"])[0])
        similarity = one if similarity is None else similarity + one
    found = Q(rank__gt=0) | Q(similarity__gte=TRIGRAM_THRESHOLD)
    if cautions:
        found |= Q(pk__in=_caution_treatment_ids(groups))
    return list(
        queryset.annotate(rank=SearchRank(vector, search), similarity=similarity / len(words))
        .filter(found)
        .order_by("-rank", "-similarity", "order")
    )


def _name_vocabulary():
    name = "name_es" if _spanish() else "name_en"
    names = [
        *Treatment.objects.published().values_list(name, flat=True),
        *ScarType.objects.published().values_list(name, flat=True),
    ]
    return sorted({word for name in names for word in query_words(name) if len(word) > 3})


def _with_close_matches(groups):
    """A word that is not in any name gets its closest name words as extra choices
    (difflib's ratio; trigrams alone miss short typos such as "lazer"), with the names
    read once per search and only when needed."""
    vocabulary = None
    result = []
    for group in groups:
        typed = sorted(group)[0] if len(group) == 1 else None
        if typed is not None and len(typed) > 3:
            if vocabulary is None:
                vocabulary = _name_vocabulary()
            if typed not in vocabulary:
                group = group | set(
                    difflib.get_close_matches(typed, vocabulary, n=2, cutoff=CLOSE_MATCH_CUTOFF)
                )
        result.append(group)
    return result


def _simple_search(queryset, fields, groups, *, cautions=False):
    fields = _fields_of(queryset.model, fields)
    own = queryset
    for group in groups:
        own = own.filter(_any_word(fields, group))
    if cautions:
        return list(
            queryset.filter(
                Q(pk__in=own.values("pk")) | Q(pk__in=_caution_treatment_ids(groups))
            ).order_by("order")
        )
    return list(own.order_by("order"))
