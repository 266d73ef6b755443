"""Names of education rows that the review pages show on every request (treatment names
beside a caution, the scar types of the assessment form, the titles of scar pages a
patient opened), read once per content version and language in each process.

Only content is kept here, never anything of an intake: these rows change when an editor
saves, and every save bumps the content version (education/cache.py), so a lookup built
before the change is not used after it."""

from dataclasses import dataclass

from django.utils import translation

from education.cache import content_version
from education.models import ScarType, Treatment


@dataclass(frozen=True)
class ContentNames:
    treatment_names: dict  # key -> name, every treatment (a caution may name a draft one)
    scar_type_choices: tuple  # (pk, name) in the order the assessment form lists them
    scar_type_names: dict  # slug -> name


# (content version, language) -> ContentNames; only the current version is kept.
_BUILT = {}


def content_names():
    """The names for the current content version, in the active language."""
    try:
        version = content_version()
    except Exception:  # noqa: BLE001 - with the cache down, read them afresh
        return _build()
    key = (version, translation.get_language())
    built = _BUILT.get(key)
    if built is None:
        built = _build()
        if any(old_version != version for old_version, _ in _BUILT):
            _BUILT.clear()
        _BUILT[key] = built
    return built


def _build():
    scar_types = list(ScarType.objects.order_by("order").values_list("pk", "slug", "name"))
    return ContentNames(
        treatment_names=dict(Treatment.objects.values_list("key", "name")),
        scar_type_choices=tuple((pk, name) for pk, _, name in scar_types),
        scar_type_names={slug: name for _, slug, name in scar_types},
    )
