"""The personal guide with the clinic's real content: urgent first, "before any scar
treatment" above the reading list, ruled-out treatments after the suggestions."""

import pytest

from intake.models import Intake
from tests.intake.answers import fill_all_steps, submission_key


def submit(client):
    return client.post("/intake/check/", {"submission_key": submission_key(client)})


def guide_html(client, overrides):
    fill_all_steps(client, overrides)
    response = submit(client)
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_pregnant_on_isotretinoin_sees_the_urgent_box_before_everything(client, clinic_content):
    html = guide_html(client, {"health": {"pregnancy": "pregnant", "isotretinoin": "taking_now"}})
    urgent = html.index("Please act on this today")
    assert "contact the doctor who prescribes your isotretinoin today" in html
    assert urgent < html.index("Keep this page's link private")
    before_any = html.index("Before any scar treatment")
    assert urgent < before_any < html.index("Your reading list</h2>")
    assert Intake.objects.get().caution_rows.first().highest_severity == "urgent"


@pytest.mark.django_db
def test_keloid_tendency_lists_bellafill_as_usually_not_used(client, clinic_content):
    html = guide_html(
        client, {"your-skin": {"keloid_self": "yes"}, "your-scars": {"scar_looks": ["rolling"]}}
    )
    reading = html[html.index("Treatments that may fit") : html.index("Usually not used for")]
    assert ">Bellafill</a>" not in reading
    not_used = html[html.index("Usually not used for") :]
    assert ">Bellafill</a>" in not_used.split("</ul>")[0]
    assert "thick, raised scars" in not_used.split("</ul>")[0]
    result = Intake.objects.get().match_result
    assert "bellafill" not in [s["treatment"] for s in result["suggestions"]]


@pytest.mark.django_db
def test_the_scar_guide_page_is_linked_once(client, clinic_content):
    html = guide_html(client, {})
    assert html.count('/open/page/scar_guide/"') == 1
    assert "/open/page/what_is_acne_scar/" not in html


@pytest.mark.django_db
def test_red_marks_only_never_offer_a_fractional_laser(client, clinic_content):
    html = guide_html(
        client,
        {"your-scars": {"scar_looks": ["pie"], "scar_duration": "under_1_year"}},
    )
    assert "vascular lasers" in html
    assert "waiting is a real option" in html
    assert "treatment/fractional-lasers/" not in html


@pytest.mark.django_db
def test_the_dermatologists_page_shows_urgent_cautions_first(client, clinic_content, dermatologist):
    fill_all_steps(client, {"health": {"pregnancy": "pregnant", "isotretinoin": "taking_now"}})
    submit(client)
    client.force_login(dermatologist)
    reference = Intake.objects.get().reference
    html = client.get(f"/review/{reference}/").content.decode()
    urgent = html.index("Urgent: Isotretinoin while pregnant or breastfeeding")
    assert urgent < html.index("Usually deferred")
    assert urgent < html.index('id="answers-heading"')


@pytest.mark.django_db
def test_a_not_sure_caution_is_marked_for_the_dermatologist(client, clinic_content, dermatologist):
    fill_all_steps(client, {"health": {"implants": ["not_sure"]}})
    submit(client)
    client.force_login(dermatologist)
    html = client.get(f"/review/{Intake.objects.get().reference}/").content.decode()
    assert "(the patient was not sure: ask)" in html
