"""sitemap.xml of published education pages, in each patient language.

Every page is listed once per language (English at the root, Spanish under /es/), each
with xhtml:link alternates to all its versions and an x-default (English), as search
engines ask of a multilingual site. The locations come from reverse() under each
language, the same rule the language switcher and hreflang links follow.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education import bilingual
from education.models import ScarType, Treatment


class PatientPagesSitemap(Sitemap):
    """Pages in i18n_patterns: one URL per language in settings.LANGUAGES."""

    changefreq = "monthly"
    i18n = True
    alternates = True
    x_default = True


class TreatmentSitemap(PatientPagesSitemap):
    def items(self):
        return Treatment.objects.published().order_by("order")

    def lastmod(self, item):
        return item.updated_at

    def get_languages_for_item(self, item):
        # A page whose Spanish is not published shows English under /es/: list it in
        # English only, so search engines never offer it as a Spanish page.
        if bilingual.shows_spanish(item):
            return super().get_languages_for_item(item)
        return [settings.LANGUAGE_CODE]


class ScarTypeSitemap(TreatmentSitemap):
    def items(self):
        return ScarType.objects.published().order_by("order")


class StaticPageSitemap(PatientPagesSitemap):
    def items(self):
        return [
            "home",
            "education:scar_guide",
            "education:treatment_list",
            "education:compare",
            "privacy",
            "accessibility",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "scar-types": ScarTypeSitemap,
    "treatments": TreatmentSitemap,
}
