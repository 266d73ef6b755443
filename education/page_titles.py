"""The titles of the site's fixed pages, declared once: the page's own heading and every
link to it (the personal guide) read them from here, in the language shown."""

from django.utils.translation import gettext_lazy as _

PAGE_TITLES = {
    "scar_guide": _("Acne scar guide"),
    "compare": _("Compare treatments"),
    "cost": _("Cost and insurance"),
}
