"""The titles of the site's fixed pages, declared once: the page's own heading and every
link to it (the personal guide) read them from here."""

PAGE_TITLES = {
    "scar_guide": "Acne scar guide",
    "compare": "Compare treatments",
    "cost": "Cost and insurance",
}
