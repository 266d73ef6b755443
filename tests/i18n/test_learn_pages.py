"""The education pages in Spanish (issue #15): every page under /es/learn/ speaks Spanish
in its own words (headings, labels, charts, review lines, pictures' text); English pages
are unchanged; a Spanish visitor on a page whose Spanish text is not published yet is told
so, and the English text is marked lang="en"; the catalog is complete and easy to read."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from education import selectors, views
from education.charts import downtime_words, sessions_words
from education.illustrations import SCAR_ILLUSTRATIONS, TREATMENT_ILLUSTRATIONS
from education.models import ScarType, Treatment
from education.readability import SPANISH_EASE_MINIMUM, spanish_reading_ease
from tests.i18n import page  # noqa: E402

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "education" / "locale" / "es" / "LC_MESSAGES"
CATALOG = LOCALE / "django.po"
IN_ENGLISH_NOTE = "Esta página aún no está en español"
SPANISH_MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
]  # fmt: skip

# (path under /learn/, Spanish words the page must show, English words it must not).
PAGES = {
    "guide": (
        "",
        ["Guía de cicatrices de acné", "¿Qué es una cicatriz de acné?", "En el espejo",
         "Los tratamientos que ofrecemos", "Empiece su formulario"],
        ["What is an acne scar?", "Kinds of acne scars and marks", "Treatments we offer",
         "In the mirror", "Search the guides", "Often considered:"],
    ),
    "list": (
        "treatments/",
        ["Tratamientos para cicatrices de acné", "Nuestros tratamientos", "Se usa mucho para",
         "Recuperación"],
        ["Acne scar treatments</h1>", "Our treatments", "Often used for", "<dt>Downtime",
         "Compare all treatments side by side"],
    ),
    "treatment": (
        "treatments/fractional-lasers/",
        ["En esta página", "Efectos secundarios y riesgos", "Hable antes con su dermatólogo si…",
         "Próxima revisión:", "Imprimir esta página", "La piel vista de lado"],
        ["On this page", "Side effects and risks", "Questions to ask", "Next review due",
         "Rare but serious risks", "Print this page", "Written by"],
    ),
    "scar": (
        "scars/boxcar/",
        ["Nombre médico:", "Cómo reconocerla", "Volver a la guía de cicatrices",
         "Los tratamientos y este tipo de cicatriz", "Bajo la piel"],
        ["Medical name:", "How to recognize it", "About this kind of scar",
         "Back to the scar guide", "Under the skin"],
    ),
    "compare": (
        "compare/",
        ["Compare los tratamientos", "Los tratamientos, uno al lado del otro",
         "Precauciones principales", "Número de sesiones", "Recuperación en días"],
        ["Treatments side by side", "Main cautions", "Number of sessions", "Downtime in days",
         "How long results last"],
    ),
    "cost": (
        "cost/",
        ["Costo y seguro", "¿Lo paga el seguro?", "Pida un presupuesto por escrito",
         "Dónde preguntar", "comparar los tratamientos"],
        ["Will insurance pay?", "Ask for a written quote", "Why the cost adds up",
         "Where to ask", "Cost and insurance"],
    ),
    "search": (
        "search/?q=laser",
        ["Buscar en las guías", "resultados para “laser”", "<h3 class=\"h5\">Tratamientos",
         "Tipos de cicatriz", "Busque un tratamiento o un tipo de cicatriz"],
        ["Search the guides", "results for", "Scar types", "For example: laser"],
    ),
}  # fmt: skip


def main_of(html):
    """The page's own part: the header and footer are another catalog's (the chrome)."""
    return html[html.index("<main") : html.index("</main>")]


def test_the_compiled_catalog_is_current():
    compiled = LOCALE / "django.mo"
    assert compiled.exists(), "run `make messages` to compile the catalogs"
    assert compiled.stat().st_mtime >= CATALOG.stat().st_mtime, "run `make messages`"


@pytest.mark.parametrize("name", PAGES)
def test_each_spanish_learn_page_speaks_spanish(client, clinic_content, name):
    path, spanish, english = PAGES[name]
    html = page(client, f"/es/learn/{path}")
    assert '<html lang="es">' in html
    main = main_of(html)
    assert [words for words in spanish if words not in main] == []
    assert [words for words in english if words in main] == []
    assert IN_ENGLISH_NOTE not in html  # the view does not say so: nothing is added


@pytest.mark.parametrize("name", PAGES)
def test_each_english_learn_page_stays_english(client, clinic_content, name):
    path, spanish, english = PAGES[name]
    html = page(client, f"/learn/{path}")
    assert '<html lang="en">' in html
    main = main_of(html)
    assert [words for words in english if words not in main] == []
    assert [words for words in spanish if words in main] == []


def test_sessions_and_downtime_are_words_with_plurals_in_each_language():
    with translation.override("en"):
        assert [sessions_words(1, 1), sessions_words(3, 3), sessions_words(2, 4)] == [
            "1 session",
            "3 sessions",
            "2 to 4 sessions",
        ]
        assert [downtime_words(0, 0), downtime_words(1, 1), downtime_words(3, 3)] == [
            "Usually none",
            "About 1 day",
            "About 3 days",
        ]
        assert downtime_words(3, 7) == "3 to 7 days"
    with translation.override("es"):
        assert [sessions_words(1, 1), sessions_words(3, 3), sessions_words(2, 4)] == [
            "1 sesión",
            "3 sesiones",
            "2 a 4 sesiones",
        ]
        assert [downtime_words(0, 0), downtime_words(1, 1), downtime_words(3, 7)] == [
            "Por lo general, ninguno",
            "Cerca de 1 día",
            "3 a 7 días",
        ]


def test_the_compare_page_gives_each_range_in_spanish_words(client, clinic_content):
    html = page(client, "/es/learn/compare/")
    for treatment in Treatment.objects.published():
        with translation.override("es"):
            sessions = sessions_words(treatment.sessions_min, treatment.sessions_max)
            downtime = downtime_words(treatment.downtime_min_days, treatment.downtime_max_days)
        assert f"{treatment.name}</a>: {sessions}" in html
        assert f"{treatment.name}</a>: {downtime}" in html
    assert " sessions<" not in html and " days<" not in html


def test_the_chart_drawings_keep_plain_numbers_in_spanish(client, clinic_content):
    """Spanish formats 12.5 as "12,5", which is no SVG length: the bars would vanish."""
    html = page(client, "/es/learn/compare/")
    numbers = re.findall(r'\b(?:x|x1|x2|width)="([^"]*)"', html)
    assert numbers and [value for value in numbers if "," in value] == []
    assert any("." in value for value in numbers)


def test_the_treatment_page_gives_its_ranges_from_the_numbers(client, clinic_content):
    laser = Treatment.objects.get(slug="fractional-lasers")
    text = re.sub(r"\s+", " ", page(client, "/es/learn/treatments/fractional-lasers/"))
    assert f"{laser.sessions_min} a {laser.sessions_max} </dd>" in text
    assert f"{laser.downtime_min_days} a {laser.downtime_max_days} días </dd>" in text


def test_pictures_are_described_in_spanish(client, clinic_content):
    html = page(client, "/es/learn/scars/ice-pick/")
    with translation.override("es"):
        look_for = str(SCAR_ILLUSTRATIONS["ice_pick"].look_for)
        laser = str(TREATMENT_ILLUSTRATIONS["fractional_laser"].alt)
    assert look_for.startswith("Unos hoyos")
    assert f'alt="{look_for}"' in html
    assert "rayos finos de láser" in page(client, "/es/learn/treatments/fractional-lasers/")
    assert laser in page(client, "/es/learn/treatments/fractional-lasers/")


def test_review_dates_use_spanish_month_names(client, clinic_content):
    boxcar = ScarType.objects.get(slug="boxcar")
    html = page(client, "/es/learn/scars/boxcar/")
    month = SPANISH_MONTHS[boxcar.next_review_due.month - 1]
    assert f"Próxima revisión: {month} de {boxcar.next_review_due.year}." in html


def render_in(language, template, context, path):
    request = RequestFactory().get(path)
    with translation.override(language):
        return render_to_string(template, context, request=request)


def treatment_context(**extra):
    treatment = selectors.treatment_pages(Treatment.objects.published()).get(
        slug="fractional-lasers"
    )
    request = RequestFactory().get("/es/learn/treatments/fractional-lasers/")
    return {**views._treatment_context(request, treatment), **extra}


def test_a_page_still_in_english_says_so_and_marks_its_text_english(clinic_content):
    html = render_in(
        "es",
        "education/treatment_detail.html",
        treatment_context(content_in_english=True),
        "/es/learn/treatments/fractional-lasers/",
    )
    assert IN_ENGLISH_NOTE in html
    assert html.index(IN_ENGLISH_NOTE) < html.index('<article class="explainer" lang="en">')
    # Our own words inside the English article keep the visitor's language.
    assert '<h2 id="what-heading" lang="es">Qué es</h2>' in html
    assert '<div class="review-meta border-top pt-3 mt-4" lang="es">' in html


def test_a_scar_page_still_in_english_says_so(clinic_content):
    scar_type = selectors.scar_type_pages(ScarType.objects.published()).get(slug="boxcar")
    request = RequestFactory().get("/es/learn/scars/boxcar/")
    context = {**views._scar_type_context(request, scar_type), "content_in_english": True}
    html = render_in("es", "education/scartype_detail.html", context, "/es/learn/scars/boxcar/")
    assert IN_ENGLISH_NOTE in html
    assert '<article class="explainer" lang="en">' in html
    assert '<h2 id="recognise-heading" lang="es">Cómo reconocerla</h2>' in html


def test_without_the_flag_nothing_is_marked_english(clinic_content):
    html = render_in(
        "es", "education/treatment_detail.html", treatment_context(), "/es/learn/treatments/x/"
    )
    assert IN_ENGLISH_NOTE not in html
    assert 'lang="en"' not in html


def test_a_card_in_english_marks_its_own_text(clinic_content):
    treatment = Treatment.objects.get(slug="fractional-lasers")
    context = {"treatment": treatment, "suits": [], "in_english": True}
    html = render_in("es", "education/includes/treatment_card.html", context, "/es/learn/")
    assert '<h3 class="h5 card-title" lang="en">' in html
    assert '<p class="card-text" lang="en">' in html
    assert "<dt>Se usa mucho para</dt>" in html
    context["in_english"] = False
    assert 'lang="en"' not in render_in(
        "es", "education/includes/treatment_card.html", context, "/es/learn/"
    )


def test_the_review_of_the_language_shown_wins_over_the_page(clinic_content):
    boxcar = ScarType.objects.get(slug="boxcar")
    review = SimpleNamespace(
        is_medically_reviewed=True,
        reviewer_name="Dra. Ana Ruiz",
        reviewer_credentials="MD",
        last_reviewed=datetime.date(2026, 3, 4),
        next_review_due=datetime.date(2027, 3, 1),
        signed_off=True,
    )
    context = {"page": boxcar, "review": review}
    html = render_in("es", "education/includes/review_info.html", context, "/es/learn/")
    assert "Revisión médica: Dra. Ana Ruiz, MD, el 4 de marzo de 2026." in html
    assert "Próxima revisión: marzo de 2027." in html
    assert boxcar.reviewer_name not in html
    english = render_in("en", "education/includes/review_info.html", context, "/learn/")
    assert "Medically reviewed by Dra. Ana Ruiz, MD on March 4, 2026." in english
    assert "Next review due: March 2027." in english
    # No review given: the page's own fields, as before.
    without = render_in("es", "education/includes/review_info.html", {"page": boxcar}, "/")
    assert "Escrito por" in without and "Dra. Ana Ruiz" not in without


def catalog_entries():
    """(msgid, [msgstr, …], fuzzy) of each entry of the education Spanish catalog."""
    text = CATALOG.read_text(encoding="utf-8")

    def joined(lines):
        return "".join(re.findall(r'"(.*)"', lines)).replace('\\"', '"')

    entries = []
    for block in text.split("\n\n"):
        msgid = re.search(r"^msgid ((?:\".*\"\n?)+)", block, re.M)
        if not msgid or block.lstrip().startswith("#~"):
            continue
        strings = re.findall(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", block, re.M)
        entries.append((joined(msgid.group(1)), [joined(s) for s in strings], "#, fuzzy" in block))
    return entries


def test_every_catalog_entry_is_translated_and_none_is_fuzzy():
    entries = [entry for entry in catalog_entries() if entry[0]]
    assert len(entries) > 120
    assert [msgid for msgid, strings, _ in entries if not all(strings)] == []
    assert [msgid for msgid, _, fuzzy in entries if fuzzy] == []
    assert "#, fuzzy" not in CATALOG.read_text(encoding="utf-8")
    assert "#~" not in CATALOG.read_text(encoding="utf-8")  # no obsolete entries left


def test_placeholders_are_kept_exactly():
    def placeholders(text):
        return sorted(re.findall(r"%\(\w+\)[sd]|\{\w+\}", text))

    wrong = [
        (msgid, msgstr)
        for msgid, strings, _ in catalog_entries()
        for msgstr in strings
        if msgid and placeholders(msgid) != placeholders(msgstr)
    ]
    assert wrong == []


def test_every_longer_spanish_string_is_easy_to_read():
    hard = []
    for msgid, strings, _ in catalog_entries():
        if " | " in msgid:  # a page title ("Name | Clinic"), not a sentence
            continue
        for msgstr in strings:
            shown = re.sub(r"<[^>]+>", "", re.sub(r"%\(\w+\)[sd]", "Sol", msgstr))
            if msgid and len(shown.split()) > 8:
                ease = spanish_reading_ease(shown)
                if ease < SPANISH_EASE_MINIMUM:
                    hard.append((round(ease), msgstr))
    assert hard == []
