"""sitemap.xml of published education pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education.models import ScarType, Treatment


class TreatmentSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Treatment.objects.published().order_by("order")

    def lastmod(self, item):
        return item.updated_at


class ScarTypeSitemap(TreatmentSitemap):
    def items(self):
        return ScarType.objects.published().order_by("order")


class StaticPageSitemap(Sitemap):
    changefreq = "monthly"

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
