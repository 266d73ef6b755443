"""Public education pages, previews, search, caching and query counts."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Permission

from education.levels import FitLevel, PageStatus, Severity
from education.models import CautionEffect, Treatment
from tests.factories import (
    CautionEffectFactory,
    ScarTypeFactory,
    TreatmentFactory,
    TreatmentFitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/learn/",
    "/learn/treatments/",
    "/learn/compare/",
    "/learn/search/?q=laser",
    "/learn/scars/rolling/",
    "/learn/scars/keloid/",
    "/learn/scars/brown-marks/",
]
TREATMENT_SLUGS = [
    "dermal-fillers", "fractional-lasers", "chemical-peels", "bellafill",
    "tca-cross", "rf-microneedling", "pdo-threads",
]  # fmt: skip


@pytest.mark.parametrize("url", PUBLIC_PAGES + [f"/learn/treatments/{s}/" for s in TREATMENT_SLUGS])
def test_every_public_page_answers(client, clinic_content, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"<h1>" in response.content


def test_drafts_answer_404_to_the_public(client, clinic_content):
    response = client.get("/learn/treatments/subcision/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_scar_guide_lists_every_scar_type_and_published_treatment(client, clinic_content):
    html = client.get("/learn/").content.decode()
    assert "What is an acne scar?" in html
    for slug in ["ice-pick", "boxcar", "rolling", "hypertrophic", "keloid"]:
        assert f'href="/learn/scars/{slug}/"' in html
    for slug in TREATMENT_SLUGS:
        assert f'href="/learn/treatments/{slug}/"' in html
    assert 'href="/learn/treatments/subcision/"' not in html


def test_explainer_shows_every_section_review_and_structured_data(client, clinic_content):
    response = client.get("/learn/treatments/bellafill/")
    html = response.content.decode()
    for heading in [
        "What it is", "Which scars it suits", "What a visit is like",
        "Sessions, downtime and results", "Side effects and risks",
        "Talk to your dermatologist first if", "Questions to ask",
    ]:  # fmt: skip
        assert heading in html
    # Seeded pages name the clinic setting and say they await sign-off.
    assert "Medically reviewed by" not in html
    assert "The clinic's dermatologist has not signed this page off yet." in html
    assert "Next review due" in html
    assert re.search(
        r"<link rel=\"canonical\"\s+href=\"http://testserver/learn/treatments/bellafill/\">", html
    )
    assert '<meta name="description"' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "MedicalWebPage"
    assert "lastReviewed" not in data and "reviewedBy" not in data
    # Talk-first list comes from the cautions that affect this treatment.
    assert 'id="caution-bovine_collagen_allergy"' in html
    assert 'id="caution-gold_threads"' not in html


def test_a_signed_off_page_says_who_reviewed_it(client):
    page = TreatmentFactory(
        slug="peel",
        signed_off=True,
        reviewer_name="Dr Dana Lee",
        reviewer_credentials="MD, FAAD",
        last_reviewed=datetime.date(2026, 11, 20),
    )
    page.signed_sha256 = page.sign_off_digest()  # as the sign-off action records it
    page.save()
    html = client.get("/learn/treatments/peel/").content.decode()
    assert "Medically reviewed by Dr Dana Lee, MD, FAAD" in html
    assert "on November 20, 2026" in html
    assert "has not signed this page off" not in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["lastReviewed"] == "2026-11-20"
    assert data["reviewedBy"]["name"] == "Dr Dana Lee"


def test_explainer_escapes_editor_text(client):
    TreatmentFactory(slug="x", summary="<script>alert(1)</script>")
    html = client.get("/learn/treatments/x/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_page_edited_after_sign_off_stops_saying_medically_reviewed(client):
    page = TreatmentFactory(slug="peel", signed_off=True, reviewer_name="Dr Dana Lee")
    page.signed_sha256 = page.sign_off_digest()
    page.rare_risks = "Infection\nA new risk the dermatologist has not read"
    page.save()
    html = client.get("/learn/treatments/peel/").content.decode()
    assert "Medically reviewed by" not in html
    assert "has changed since the clinic's dermatologist signed it off" in html
    assert "lastReviewed" not in html


def test_talk_first_list_is_general_with_contraindications_first(client, clinic_content):
    html = client.get("/learn/treatments/rf-microneedling/").content.decode()
    section = html[html.index('id="talk-first"') : html.index('id="questions"')]
    assert "You said" not in section
    assert "RF microneedling is usually not used if you have a pacemaker" in section
    keys = re.findall(r'id="caution-([a-z_0-9]+)"', section)
    severities = dict(
        CautionEffect.objects.filter(treatment__key="rf_microneedling").values_list(
            "caution__key", "severity"
        )
    )
    ranks = [Severity(severities[key]).rank for key in keys]
    # Most serious first: urgent (act today), then contraindicated, then the rest.
    assert ranks == sorted(ranks, reverse=True)
    assert {"implanted_device_or_metal", "gold_threads"} <= set(keys)
    assert "Implanted device or metal in the face: usually not used." in section


def test_compare_lists_every_published_treatment_in_an_accessible_table(client, clinic_content):
    html = client.get("/learn/compare/").content.decode()
    assert "<caption" in html
    assert html.count('<th scope="col">') == 6
    rows = re.findall(r'<th scope="row">\s*<a href="([^"]+)"', html)
    assert rows == [t.get_absolute_url() for t in Treatment.objects.published()]


@pytest.mark.parametrize("query", ["laser", "Lasers", "LASER"])
def test_search_forgives_plurals_and_case(client, clinic_content, query):
    html = client.get("/learn/search/", {"q": query}).content.decode()
    assert 'href="/learn/treatments/fractional-lasers/"' in html


def test_search_finds_scar_types_and_never_drafts(client, clinic_content):
    html = client.get("/learn/search/", {"q": "rolling"}).content.decode()
    assert 'href="/learn/scars/rolling/"' in html
    html = client.get("/learn/search/", {"q": "subcision"}).content.decode()
    assert 'href="/learn/treatments/subcision/"' not in html


def _words(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_card_lists_have_no_stray_separators_and_say_when_empty(client, clinic_content):
    guide = client.get("/learn/").content.decode()
    considered = [
        _words(block)
        for block in re.findall(r"<strong>Often considered:</strong>(.*?)</p>", guide, re.S)
    ]
    assert considered[0] == "TCA CROSS, RF microneedling"  # ice pick scars
    none = "None of the treatments on this site. Ask your dermatologist about other options."
    assert considered.count(none) == 3  # both raised kinds and flat red marks
    treatments = client.get("/learn/treatments/").content.decode()
    used_for = [
        _words(block)
        for block in re.findall(r"<dt>Often used for</dt>\s*<dd>(.*?)</dd>", treatments, re.S)
    ]
    assert "Ice pick scars; Boxcar scars; Rolling scars" in used_for
    assert used_for[-1] == "Ask your dermatologist"  # PDO threads
    for listed in considered + used_for:
        assert not listed.endswith((",", ";")), listed


def test_search_heading_counts_what_it_lists(client, clinic_content):
    html = client.get("/learn/search/", {"q": "rolling"}).content.decode()
    listed = html.count('<li>\n            <a href="/learn/')
    heading = re.search(r'id="results-heading">\s*(\d+) results? for', html)
    assert listed >= 2
    assert int(heading.group(1)) == listed


def test_search_with_no_match_says_so(client, clinic_content):
    html = client.get("/learn/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Nothing matched" in html


def test_sitemap_lists_published_pages_only(client, clinic_content):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"] == "application/xml"
    xml = response.content.decode()
    for static in ["/", "/learn/compare/", "/privacy/"]:
        assert f"<loc>http://testserver{static}</loc>" in xml
    assert "/learn/treatments/bellafill/" in xml
    assert "/learn/scars/rolling/" in xml
    assert "/learn/treatments/subcision/" not in xml


def test_scar_preview_needs_its_own_permission(client, clinic_content):
    draft = ScarTypeFactory(status=PageStatus.DRAFT, name="Draft scar")
    url = f"/learn/preview/scars/{draft.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_treatment"))
    client.force_login(staff)
    assert client.get(url).status_code == 403  # treatments' permission is not enough
    staff.user_permissions.add(Permission.objects.get(codename="change_scartype"))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Draft scar</h1>" in html and "Preview." in html
    assert "no-cache" in response["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404  # not public
    assert client.get("/learn/preview/scars/999999/").status_code == 404


def test_preview_needs_the_change_permission(client, clinic_content):
    draft = Treatment.objects.get(key="subcision")
    url = f"/learn/preview/treatments/{draft.pk}/"
    assert client.get(url).status_code == 302  # anonymous: to the login page

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="change_treatment"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Preview." in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_pages_are_cached_and_a_save_shows_at_once(client, django_assert_num_queries):
    treatment = TreatmentFactory(slug="peel", summary="First words.")
    client.get("/learn/treatments/peel/")
    with django_assert_num_queries(0):
        assert b"First words." in client.get("/learn/treatments/peel/").content
    treatment.summary = "Edited words."
    treatment.save()
    edited = client.get("/learn/treatments/peel/")
    assert b"Edited words." in edited.content
    # Only the server keeps the page: a browser or proxy must not serve the old one.
    assert "max-age=0" in edited["Cache-Control"]
    assert "Expires" not in edited


def test_a_page_cached_before_the_edit_commits_is_not_served_after(
    client, django_capture_on_commit_callbacks
):
    treatment = TreatmentFactory(slug="peel", summary="First words.")
    with django_capture_on_commit_callbacks(execute=True):
        treatment.summary = "Edited words."
        treatment.save()
        # A visitor between the save and its commit still reads the old row (played
        # here by writing it back without signals)...
        Treatment.objects.filter(pk=treatment.pk).update(summary="First words.")
        assert b"First words." in client.get("/learn/treatments/peel/").content
        Treatment.objects.filter(pk=treatment.pk).update(summary="Edited words.")
    # ...but once the edit is committed, the cached copy is not used again.
    assert b"Edited words." in client.get("/learn/treatments/peel/").content


def test_unpublishing_hides_a_cached_page(client):
    treatment = TreatmentFactory(slug="peel")
    assert client.get("/learn/treatments/peel/").status_code == 200
    treatment.status = PageStatus.DRAFT
    treatment.save()
    assert client.get("/learn/treatments/peel/").status_code == 404


@pytest.fixture
def fifty_treatments():
    scar_types = ScarTypeFactory.create_batch(7)
    treatments = TreatmentFactory.create_batch(50)
    for treatment in treatments:
        for scar_type in scar_types:
            TreatmentFitFactory(treatment=treatment, scar_type=scar_type, level=FitLevel.CAN_HELP)
        CautionEffectFactory(treatment=treatment)
    treatments[0].related.set(treatments[1:5])
    return treatments, scar_types


@pytest.mark.parametrize(
    "url",
    ["/learn/", "/learn/treatments/", "/learn/compare/", "/learn/search/?q=treatment"],
)
def test_list_pages_stay_within_five_queries_with_fifty_treatments(
    client, fifty_treatments, django_assert_max_num_queries, url
):
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


def test_detail_pages_stay_within_five_queries_with_fifty_treatments(
    client, fifty_treatments, django_assert_max_num_queries
):
    treatments, scar_types = fifty_treatments
    with django_assert_max_num_queries(5):
        assert client.get(treatments[0].get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(scar_types[0].get_absolute_url()).status_code == 200


def test_scar_page_gives_the_stretch_test_hint(client, clinic_content):
    html = client.get("/learn/scars/rolling/").content.decode()
    assert "Gets shallower when the skin beside it is stretched:</strong> Usually" in html
    marks = client.get("/learn/scars/brown-marks/").content.decode()
    assert "Gets shallower" not in marks


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/learn/",
        "/learn/treatments/",
        "/learn/treatments/bellafill/",
        "/learn/scars/rolling/",
        "/learn/compare/",
        "/learn/search/?q=laser",
        "/intake/",
        "/intake/about-you/",
    ],
)
def test_headings_never_skip_a_level(client, clinic_content, url):
    """Screen-reader users move by heading; a jump from h1 to h3 hides a level."""
    html = client.get(url).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1, url
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, (url, levels)
