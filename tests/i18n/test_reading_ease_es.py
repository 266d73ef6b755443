"""Every Spanish patient page is easy to read: Fernández-Huerta at least 70 on the text
of <main>, as the English pages are held to grade 8 (tests/clinic/test_reading_grade.py)."""

import pytest
from django.utils import translation

from education.models import ScarType, Treatment
from education.readability import SPANISH_EASE_MINIMUM, spanish_reading_ease
from tests.clinic.test_reading_grade import PATIENT_PAGES, main_text
from tests.intake.answers import VALID_STEPS

pytestmark = pytest.mark.django_db


def assert_easy(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert '<html lang="es">' in response.content.decode()
    ease = spanish_reading_ease(main_text(response.content))
    assert ease >= SPANISH_EASE_MINIMUM, f"{url}: Fernández-Huerta {ease:.1f}"


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_each_spanish_patient_page_is_easy_to_read(client, clinic_content, url):
    assert_easy(client, "/es" + url)


def test_each_spanish_treatment_and_scar_page_is_easy_to_read(client, clinic_content):
    with translation.override("es"):
        urls = [page.get_absolute_url() for page in Treatment.objects.published()]
        urls += [page.get_absolute_url() for page in ScarType.objects.published()]
    assert len(urls) >= 13
    for url in urls:
        assert url.startswith("/es/learn/")
        assert_easy(client, url)


def test_the_spanish_check_page_and_guide_are_easy_to_read(client, clinic_content):
    for slug, data in VALID_STEPS.items():
        assert client.post(f"/es/intake/{slug}/", data).status_code == 302
    assert_easy(client, "/es/intake/check/")
    check = client.get("/es/intake/check/")
    key = check.context["submit_form"].initial["submission_key"]
    response = client.post("/es/intake/check/", {"submission_key": key, "website": ""})
    assert response["Location"].startswith("/es/intake/guide/")
    assert_easy(client, response["Location"])
