"""Old intakes keep the guide they were given: a stored result with an answer, caution,
severity, page or treatment key a later version no longer has still renders, never raises."""

import pytest

from intake.models import Intake
from intake.rules import MatchResult
from tests.intake.answers import submitted_intake

# A result as the first version stored it: severities as a dict, no not-sure flag, no
# "not suggested" list or notes, both scar-guide keys; plus keys no version has today.
OLD_RESULT = {
    "scar_types": ["rolling", "retired_scar"],
    "skin_type": {"type": 3, "confirm_in_clinic": False, "source": "C1"},
    "pages": ["what_is_acne_scar", "scar_guide", "retired_page"],
    "scar_types_unsure": False,
    "has_raised_scars": False,
    "marks_only": False,
    "suggestions": [
        {
            "treatment": "retired_treatment",
            "name": "A treatment we stopped offering",
            "slug": "retired-treatment",
            "fit_level": "retired_level",
            "scar_types": ["rolling"],
            "reasons": ["You said some scars are wide, soft dips."],
            "caution_keys": ["retired_caution"],
            "retired_field": True,
        }
    ],
    "other_options": [],
    "cautions": [
        {
            "key": "retired_caution",
            "title": "A caution we no longer use",
            "patient_wording": "Words from an older rule book.",
            "clinician_note": "Old note.",
            "reasons": ["X9: an answer we no longer ask"],
            "severity_by_treatment": {"retired_treatment": "retired_severity"},
            "highest_severity": "retired_severity",
        }
    ],
    "questions": ["An old question?"],
    "a_field_from_the_future": [1, 2, 3],
}


def test_an_old_result_loads_with_defaults_for_what_it_lacks():
    result = MatchResult.from_dict(OLD_RESULT)
    assert result.not_suggested == ()
    assert result.notes == ()
    [caution] = result.cautions
    assert caution.severity_by_treatment == (("retired_treatment", "retired_severity"),)
    assert caution.not_sure is False
    assert result.urgent_cautions == ()
    assert result.before_any_cautions == ()


def test_a_new_result_survives_its_own_round_trip():
    stored = {**OLD_RESULT}
    stored.pop("a_field_from_the_future")
    result = MatchResult.from_dict(stored)
    assert MatchResult.from_dict(result.to_dict()) == result


@pytest.fixture
def old_intake(clinic_content):
    intake = submitted_intake()
    Intake.objects.filter(pk=intake.pk).update(match_result=OLD_RESULT, pregnancy="retired_answer")
    return Intake.objects.get(pk=intake.pk)


@pytest.mark.django_db
def test_the_guide_of_an_old_intake_still_renders(client, old_intake):
    from intake.services import guide_token_for

    token = guide_token_for(old_intake.submission_key)
    response = client.get(f"/intake/guide/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A treatment we stopped offering" in html
    assert "Words from an older rule book." in html
    # Both old scar-guide keys lead to one link; an unknown page is left out.
    assert html.count("/open/page/") == 1
    assert client.get(f"/intake/guide/{token}/print/").status_code == 200


@pytest.mark.django_db
def test_the_review_page_of_an_old_intake_still_renders(client, old_intake, dermatologist):
    client.force_login(dermatologist)
    response = client.get(f"/review/{old_intake.reference}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A caution we no longer use" in html
    assert "retired_severity" in html  # shown as stored, not an error
    assert "retired_answer" in html
    assert client.get(f"/review/{old_intake.reference}/print/").status_code == 200
