"""Safe suggestions: what the answers rule out is never suggested, urgent comes first, "not
sure" is an answer, and marks only are handled as docs/clinical-rules.md says."""

import json

import pytest

from intake.rules import (
    MARKS_FIRST_STEPS_NOTE,
    MARKS_WAITING_NOTE,
    RED_MARKS_NOTE,
    MatchResult,
    match,
    scar_set,
)
from tests.intake.test_rules import RULES, answers, keys


def listed(result):
    return keys(result.suggestions) + keys(result.other_options)


def test_keloid_tendency_moves_bellafill_out_of_the_suggestions():
    result = match(answers(scar_looks={"rolling"}, keloid_self="yes"), RULES)
    assert "bellafill" not in listed(result)
    assert "ha_filler" in keys(result.suggestions)
    [ruled_out] = result.not_suggested
    assert ruled_out.treatment == "bellafill"
    assert ruled_out.slug == "bellafill"
    assert ruled_out.reasons == (
        "Name of bellafill is usually not used for people who get thick, raised scars, and "
        "you told us about raised scars in you or your family.",
    )


def test_pacemaker_moves_rf_microneedling_out_of_the_suggestions():
    result = match(answers(scar_looks={"ice_pick"}, implants={"pacemaker"}), RULES)
    assert listed(result) == ["tca_cross"]
    assert [item.treatment for item in result.not_suggested] == ["rf_microneedling"]
    assert "pacemaker" in result.not_suggested[0].reasons[0]


def test_a_ruled_out_treatment_is_not_listed_for_several_scar_types_either():
    result = match(answers(scar_looks={"not_sure"}, implants={"other_device"}), RULES)
    assert keys(result.suggestions) == ["fractional_laser"]
    assert [item.treatment for item in result.not_suggested] == ["rf_microneedling"]


def test_bovine_collagen_allergy_gives_the_reason_in_the_patients_terms():
    result = match(answers(scar_looks={"rolling"}, allergies={"bovine_collagen"}), RULES)
    assert "bellafill" not in listed(result)
    assert [item.treatment for item in result.not_suggested] == ["bellafill"]
    assert "cow collagen" in result.not_suggested[0].reasons[0]


def test_a_treatment_never_listed_anyway_is_not_named_as_not_suggested():
    result = match(answers(scar_looks={"ice_pick"}, keloid_self="yes"), RULES)
    assert result.not_suggested == ()


def test_pregnant_on_isotretinoin_gets_an_urgent_caution_first():
    result = match(answers(pregnancy="pregnant", isotretinoin="taking_now"), RULES)
    assert result.cautions[0].key == "isotretinoin_with_pregnancy"
    assert result.cautions[0].highest_severity == "urgent"
    assert [c.key for c in result.urgent_cautions] == ["isotretinoin_with_pregnancy"]
    assert [c.key for c in result.before_any_cautions] == ["pregnant_or_breastfeeding"]


def test_pregnant_gets_the_before_any_treatment_box():
    result = match(answers(pregnancy="pregnant"), RULES)
    assert result.urgent_cautions == ()
    assert [c.key for c in result.before_any_cautions] == ["pregnant_or_breastfeeding"]


def test_active_acne_is_before_any_treatment_but_a_tan_is_not():
    result = match(answers(active_acne="many", recent_sun={"tan"}), RULES)
    assert [c.key for c in result.before_any_cautions] == ["active_acne"]


def test_planning_pregnancy_on_isotretinoin_is_discuss_for_all():
    result = match(answers(pregnancy="planning", isotretinoin="stopped_under_6_months"), RULES)
    [caution] = [c for c in result.cautions if c.key == "isotretinoin_planning_pregnancy"]
    assert {severity for _, severity in caution.severity_by_treatment} == {"discuss"}
    assert caution.affects_all is True


def test_not_sure_about_implants_is_discuss_with_its_own_wording():
    result = match(answers(scar_looks={"ice_pick"}, implants={"not_sure"}), RULES)
    [caution] = result.cautions
    assert caution.key == "implanted_device_or_metal"
    assert caution.not_sure is True
    assert caution.highest_severity == "discuss"
    assert caution.patient_wording == "Not sure wording of implanted_device_or_metal"
    # Still a suggestion, with the "talk about this first" badge.
    assert "rf_microneedling" in keys(result.suggestions)
    assert result.suggestions[-1].caution_keys == ("implanted_device_or_metal",)


def test_not_sure_about_lasting_dark_marks_is_discuss_with_its_own_wording():
    # C5 "not sure" used to raise nothing: the dark-patch caution was lost for a patient
    # who did not know.
    result = match(answers(scar_looks={"boxcar"}, dark_marks_last="not_sure"), RULES)
    [caution] = result.cautions
    assert (caution.key, caution.not_sure) == ("darker_skin_type", True)
    assert caution.highest_severity == "discuss"
    assert caution.patient_wording == "Not sure wording of darker_skin_type"


def test_not_sure_about_bleeding_keeps_bellafill_with_a_discuss_badge():
    result = match(answers(bleeding_disorder="not_sure"), RULES)
    assert "bellafill" in keys(result.suggestions)
    [caution] = result.cautions
    assert caution.highest_severity == "discuss"


def test_a_sure_answer_beats_a_not_sure_one():
    result = match(answers(keloid_self="yes", keloid_family="not_sure"), RULES)
    [caution] = result.cautions
    assert caution.not_sure is False
    assert caution.patient_wording == "Wording of keloid_tendency"
    assert caution.severity_for("bellafill") == "contraindicated"


def test_marks_under_a_year_say_waiting_is_an_option_and_sunscreen_comes_first():
    result = match(answers(scar_looks={"pih"}, scar_duration="under_1_year"), RULES)
    assert MARKS_FIRST_STEPS_NOTE in result.notes
    assert MARKS_WAITING_NOTE in result.notes
    assert keys(result.suggestions) == ["chemical_peel"]
    assert keys(result.other_options) == ["fractional_laser"]


def test_marks_older_than_a_year_do_not_say_waiting():
    result = match(answers(scar_looks={"pih"}, scar_duration="over_5_years"), RULES)
    assert MARKS_WAITING_NOTE not in result.notes
    assert MARKS_FIRST_STEPS_NOTE in result.notes


@pytest.mark.parametrize("goals", [{"more_even_colour"}, {"more_even_colour", "smoother_texture"}])
def test_red_marks_and_the_even_colour_goal_never_bring_in_brown_marks_or_the_laser(goals):
    # "More even color" used to add brown marks too: the guide then listed brown marks the
    # patient never ticked, and a fractional laser "for brown marks" beside the red-marks
    # note that says it is not used for them.
    result = match(answers(scar_looks={"pie"}, goals=goals), RULES)
    assert scar_set(answers(scar_looks={"pie"}, goals=goals)) == ("pie",)
    assert "fractional_laser" not in listed(result)
    assert RED_MARKS_NOTE in result.notes


def test_the_even_colour_goal_alone_still_stands_for_both_kinds_of_marks():
    assert scar_set(answers(scar_looks={"boxcar"}, goals={"more_even_colour"})) == (
        "boxcar", "pih", "pie",
    )  # fmt: skip
    assert scar_set(answers(scar_looks={"pih"}, goals={"more_even_colour"})) == ("pih",)


def test_red_marks_only_name_vascular_lasers_and_never_a_fractional_laser():
    result = match(answers(scar_looks={"pie"}), RULES)
    assert RED_MARKS_NOTE in result.notes
    assert "fractional_laser" not in listed(result)


def test_red_marks_beside_dents_never_give_the_fractional_laser_a_red_mark_reason():
    result = match(answers(scar_looks={"boxcar", "pie"}), RULES)
    laser = next(s for s in result.suggestions if s.treatment == "fractional_laser")
    assert laser.scar_types == ("boxcar",)


def test_a_result_stored_before_these_lists_existed_still_loads():
    stored = match(answers(scar_looks={"rolling"}), RULES).to_dict()
    for name in ("not_suggested", "notes"):
        stored.pop(name)
    for caution in stored["cautions"]:
        caution.pop("not_sure")
    loaded = MatchResult.from_dict(json.loads(json.dumps(stored)))
    assert loaded.not_suggested == ()
    assert loaded.notes == ()
