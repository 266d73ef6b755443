"""The site chrome in each language (issue #15): header, footer, skip link and error pages
in Spanish under /es/, English at the root; the cached chrome never crosses languages; the
language switcher and the hreflang alternates point at the same page in the other
language, and staff pages have neither; the sitemap lists both; the catalog is complete."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from education.readability import SPANISH_EASE_MINIMUM, spanish_reading_ease

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"

SWITCHER_LINK = re.compile(
    r'<a class="[^"]*"\s+href="(?P<href>[^"]*)"\s+lang="(?P<lang>\w+)"\s+'
    r'hreflang="(?P<hreflang>\w+)">(?P<name>[^<]+)</a>'
)
ALTERNATE = re.compile(r'<link rel="alternate"\s+hreflang="([\w-]+)"\s+href="([^"]+)">')


@pytest.fixture
def chrome_cache(settings):
    """The chrome cache as production has it (local memory), whatever the test settings
    say, and empty, so the second visit of a page is served from it."""
    settings.CACHES = {
        **settings.CACHES,
        "chrome": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "chrome-i18n-tests",
        },
    }
    cache = caches["chrome"]
    cache.clear()
    yield cache
    cache.clear()


def header_of(html):
    return html[html.index("<header") : html.index("</header>")]


def footer_of(html):
    return html[html.index("<footer") : html.index("</footer>")]


def assert_spanish_chrome(html):
    assert '<html lang="es">' in html
    header, footer = header_of(html), footer_of(html)
    for word in ["Inicio", "Cicatrices de acné", "Tratamientos", "Empiece su formulario"]:
        assert f">{word}</" in header, word
    assert 'aria-label="Principal"' in header
    assert "Home" not in header and "Treatments" not in header
    assert "No es para emergencias." in footer
    assert "llame al 911" in footer
    assert ">Aviso de privacidad</a>" in footer
    assert "Not for emergencies" not in footer
    assert ">Saltar al contenido principal</a>" in html


def assert_english_chrome(html):
    assert '<html lang="en">' in html
    header, footer = header_of(html), footer_of(html)
    for word in ["Home", "Acne scars", "Treatments", "Start your intake"]:
        assert f">{word}</" in header, word
    assert 'aria-label="Main"' in header
    assert "Inicio" not in header
    assert "Not for emergencies." in footer
    assert ">Privacy notice</a>" in footer
    assert "emergencias" not in footer
    assert ">Skip to main content</a>" in html


def test_the_spanish_home_page_has_spanish_chrome_and_content(client):
    html = client.get("/es/").content.decode()
    assert_spanish_chrome(html)
    assert "<h1>Ayuda con las cicatrices de acné, con palabras simples</h1>" in html
    assert 'href="/es/intake/"' in html  # the call to action stays in Spanish
    assert 'content="Guías fáciles de leer sobre las cicatrices de acné' in html


def test_the_english_home_page_stays_english(client):
    html = client.get("/").content.decode()
    assert_english_chrome(html)
    assert "<h1>Help with acne scars, explained in plain words</h1>" in html
    assert 'href="/intake/"' in html
    assert (
        'content="Plain-language guides to acne scars and their treatments, and a '
        "pre-consultation form for " in html
    )


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/es/privacy/", "<h1>Aviso de privacidad</h1>"),
        ("/es/accessibility/", "<h1>Declaración de accesibilidad</h1>"),
        ("/es/privacy/notice/", "<h1>Aviso de Prácticas de Privacidad</h1>"),
        ("/es/no-such-page/", "<h1>No encontramos la página</h1>"),
    ],
)
def test_the_root_pages_are_in_spanish_under_es(client, path, heading):
    html = client.get(path).content.decode()
    assert heading in html
    assert_spanish_chrome(html)


def test_the_english_only_privacy_notice_says_so_in_spanish(client):
    html = client.get("/es/privacy/notice/").content.decode()
    assert "Este aviso está en inglés." in html
    assert '<div lang="en">' in html
    assert "Este aviso" not in client.get("/privacy/notice/").content.decode()


def test_a_spanish_form_error_has_the_spanish_layout_words(client):
    html = client.post("/es/intake/about-you/", {}).content.decode()
    assert "Hay un problema" in html
    assert '<span class="visually-hidden">Error:</span>' in html
    assert "(opcional)" in html
    assert "(optional)" not in html and "There is a problem" not in html


def test_call_the_clinic_follows_the_language(settings):
    from clinic.contact import call_the_clinic

    settings.CLINIC_PHONE = "555 010 0100"
    assert call_the_clinic() == "call the clinic at 555 010 0100"
    with translation.override("es"):
        assert call_the_clinic() == "llame a la clínica al 555 010 0100"


def test_the_500_page_and_its_plain_fallback_speak_the_language(rf, settings):
    from clinic import views

    settings.CLINIC_PHONE = "555 010 0100"
    with translation.override("es"):
        html = views.server_error(rf.get("/es/")).content.decode()
        plain = views.plain_error_page("Lo sentimos, algo salió mal")
    assert "<h1>Lo sentimos, algo salió mal</h1>" in html
    assert "Si sigue pasando, por favor llame a la clínica al 555 010 0100." in html
    assert plain.startswith("<!DOCTYPE html><html lang='es'>")
    assert "Hubo un problema de nuestro lado." in plain
    english = views.plain_error_page("Sorry, something went wrong")
    assert english.startswith("<!DOCTYPE html><html lang='en'>")
    assert "There was a problem on our side. Please try again in a few minutes." in english


def test_the_cached_chrome_never_crosses_languages(client, chrome_cache):
    first_spanish = client.get("/es/").content.decode()
    assert_spanish_chrome(first_spanish)
    assert len(chrome_cache._cache) == 3  # assets, header, footer: really cached
    assert_english_chrome(client.get("/").content.decode())
    assert len(chrome_cache._cache) == 6  # an English copy beside the Spanish one
    again_spanish = client.get("/es/").content.decode()
    assert len(chrome_cache._cache) == 6  # served from the cache this time
    assert_spanish_chrome(again_spanish)
    assert header_of(again_spanish) == header_of(first_spanish)
    assert_english_chrome(client.get("/").content.decode())


def switcher_links(html):
    return [match.groupdict() for match in SWITCHER_LINK.finditer(html)]


def test_the_switcher_links_to_the_same_page_and_query_in_the_other_language(client):
    english = client.get("/learn/treatments/?x=1").content.decode()
    assert switcher_links(english) == [
        {"href": "/es/learn/treatments/?x=1", "lang": "es", "hreflang": "es", "name": "Español"}
    ]
    assert 'lang="en"\n                    aria-current="true">English</span>' in english

    spanish = client.get("/es/learn/treatments/?x=1").content.decode()
    assert switcher_links(spanish) == [
        {"href": "/learn/treatments/?x=1", "lang": "en", "hreflang": "en", "name": "English"}
    ]
    assert 'aria-label="Idioma"' in spanish
    assert 'aria-current="true">Español</span>' in spanish


def test_the_switcher_sits_outside_the_cached_header(client, chrome_cache):
    client.get("/learn/treatments/?x=1")
    html = client.get("/learn/treatments/?x=2").content.decode()
    assert switcher_links(html)[0]["href"] == "/es/learn/treatments/?x=2"
    assert "language-bar" not in header_of(html)


def test_translated_pages_have_hreflang_alternates_and_an_english_x_default(client):
    html = client.get("/learn/treatments/").content.decode()
    head = html[: html.index("</head>")]
    assert ALTERNATE.findall(head) == [
        ("en", "http://testserver/learn/treatments/"),
        ("es", "http://testserver/es/learn/treatments/"),
        ("x-default", "http://testserver/learn/treatments/"),
    ]
    spanish = client.get("/es/learn/treatments/").content.decode()
    assert ALTERNATE.findall(spanish[: spanish.index("</head>")]) == ALTERNATE.findall(head)


def test_staff_login_has_no_switcher_and_no_hreflang(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert "language-bar" not in html
    assert 'rel="alternate"' not in html
    assert switcher_links(html) == []


def test_the_review_queue_has_no_switcher_and_no_hreflang(client, dermatologist, sign_in_verified):
    sign_in_verified(client, dermatologist)
    response = client.get("/review/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "language-bar" not in html
    assert 'rel="alternate"' not in html


def test_the_sitemap_lists_both_languages_with_alternates(client, clinic_content):
    xml = client.get("/sitemap.xml").content.decode()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in xml
    english = re.findall(r"<loc>http://testserver(/(?!es/)[^<]*)</loc>", xml)
    spanish = re.findall(r"<loc>http://testserver/es(/[^<]*)</loc>", xml)
    assert "/learn/treatments/bellafill/" in english
    assert sorted(spanish) == sorted(english)  # every page in both languages
    assert (
        '<xhtml:link rel="alternate" hreflang="es" '
        'href="http://testserver/es/learn/treatments/bellafill/"/>' in xml
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/learn/treatments/bellafill/"/>' in xml
    )
    assert "/learn/treatments/subcision/" not in xml  # drafts stay out in both


def catalog_entries():
    """(msgid, msgstr) of every entry of the project's Spanish catalog, header left out."""
    text = CATALOG.read_text(encoding="utf-8")

    def joined(lines):
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', lines))

    entries = []
    for block in re.split(r"\n\s*\n", text):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if msgid is None or not joined(msgid.group(1)):
            continue
        for msgstr in re.finditer(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M):
            entries.append((joined(msgid.group(1)), joined(msgstr.group(1))))
    return entries


def test_every_chrome_string_has_spanish_and_none_is_fuzzy():
    entries = catalog_entries()
    assert len(entries) > 80
    assert [msgid for msgid, msgstr in entries if not msgstr.strip()] == []
    assert "#, fuzzy" not in CATALOG.read_text(encoding="utf-8")


def test_the_catalog_keeps_every_placeholder():
    placeholder = re.compile(r"%\(\w+\)[sd]|%%")
    changed = [
        msgid
        for msgid, msgstr in catalog_entries()
        if sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(msgstr))
    ]
    assert changed == []


def test_every_longer_chrome_string_is_easy_to_read_in_spanish():
    hard = []
    for _msgid, msgstr in catalog_entries():
        # Placeholders are a name or a number when shown: score them as a short word.
        shown = re.sub(r"%\(\w+\)[sd]", "Sol", msgstr)
        if len(shown.split()) > 8 and spanish_reading_ease(shown) < SPANISH_EASE_MINIMUM:
            hard.append((round(spanish_reading_ease(shown)), msgstr))
    assert hard == []


def test_a_spanish_guide_or_resume_link_never_reaches_a_log_whole():
    from clinic.redact import redact_secrets as redact

    for path in ("/es/intake/guide/s3cr3tT0ken/", "/es/intake/resume/s3cr3tT0ken/"):
        assert "s3cr3tT0ken" not in redact(f"Not Found: {path}")
