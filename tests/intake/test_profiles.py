"""Named patients a dermatologist would try, with the clinic's seed content: the expected
reading list, what is not suggested, and the cautions (docs/clinical-rules.md)."""

from dataclasses import dataclass, field

import pytest

from intake.rules import (
    MARKS_FIRST_STEPS_NOTE,
    MARKS_WAITING_NOTE,
    RAISED_SCARS_NOTE,
    RED_MARKS_NOTE,
    match,
)
from tests.intake.seed_rules import seed_rulebook
from tests.intake.test_rules import answers

# Every offered treatment "can help" rolling scars (fillers are not "first choice":
# subcision usually comes first, clinical-rules revision), so they keep page order.
ROLLING_ALL = ["ha_filler", "fractional_laser", "bellafill", "rf_microneedling"]


@dataclass(frozen=True)
class Profile:
    name: str
    answers: dict
    suggested: list
    cautions: list  # (key, highest severity), in the order the guide shows them
    other: list = field(default_factory=list)
    not_suggested: list = field(default_factory=list)
    pages: tuple = ("scar_guide",)
    urgent: list = field(default_factory=list)
    before_any: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    not_sure: list = field(default_factory=list)  # caution keys raised by "not sure"


PROFILES = [
    Profile(
        "rolling and boxcar, nothing else",
        {"scar_looks": {"rolling", "boxcar"}},
        ["fractional_laser", "ha_filler", "bellafill", "rf_microneedling", "tca_cross"],
        [],
    ),
    Profile(
        "keloid tendency with rolling scars",
        {"scar_looks": {"rolling"}, "keloid_self": "yes"},
        ["ha_filler", "fractional_laser", "rf_microneedling"],
        [("keloid_tendency", "contraindicated")],
        not_suggested=["bellafill"],
    ),
    Profile(
        "pacemaker with ice pick and boxcar scars",
        {"scar_looks": {"ice_pick", "boxcar"}, "implants": {"pacemaker"}},
        ["fractional_laser", "tca_cross"],
        [("implanted_device_or_metal", "contraindicated")],
        not_suggested=["rf_microneedling"],
    ),
    Profile(
        "pregnant and taking isotretinoin",
        {"scar_looks": {"rolling"}, "pregnancy": "pregnant", "isotretinoin": "taking_now"},
        ROLLING_ALL,
        [
            ("isotretinoin_with_pregnancy", "urgent"),
            ("pregnant_or_breastfeeding", "usually_deferred"),
            ("isotretinoin_recent", "discuss"),
        ],
        urgent=["isotretinoin_with_pregnancy"],
        before_any=["pregnant_or_breastfeeding"],
    ),
    Profile(
        "pregnant",
        {"scar_looks": {"boxcar"}, "pregnancy": "pregnant"},
        ["fractional_laser", "tca_cross", "rf_microneedling"],
        [("pregnant_or_breastfeeding", "usually_deferred")],
        before_any=["pregnant_or_breastfeeding"],
    ),
    Profile(
        "planning a pregnancy, stopped isotretinoin 3 months ago",
        {
            "scar_looks": {"boxcar"},
            "pregnancy": "planning",
            "isotretinoin": "stopped_under_6_months",
        },
        ["fractional_laser", "tca_cross", "rf_microneedling"],
        [
            ("isotretinoin_planning_pregnancy", "discuss"),
            ("isotretinoin_recent", "discuss"),
            ("planning_pregnancy", "discuss"),
        ],
    ),  # fmt: skip
    Profile(
        "not sure about implants",
        {"scar_looks": {"ice_pick"}, "implants": {"not_sure"}},
        ["tca_cross", "rf_microneedling"],
        [("implanted_device_or_metal", "discuss")],
        not_sure=["implanted_device_or_metal"],
    ),
    Profile(
        "metal plate in the jaw",
        {"scar_looks": {"boxcar"}, "implants": {"metal_in_face"}},
        ["fractional_laser", "tca_cross", "rf_microneedling"],
        [("implanted_device_or_metal", "discuss")],
    ),
    Profile(
        "brown marks only, less than a year",
        {"scar_looks": {"pih"}, "scar_duration": "under_1_year"},
        ["chemical_peel"],
        [],
        other=["fractional_laser"],
        pages=("scar_guide", "marks"),
        notes=[MARKS_FIRST_STEPS_NOTE, MARKS_WAITING_NOTE],
    ),
    Profile(
        "brown marks only, for years",
        {"scar_looks": {"pih"}, "scar_duration": "over_5_years"},
        ["chemical_peel"],
        [],
        other=["fractional_laser"],
        pages=("scar_guide", "marks"),
        notes=[MARKS_FIRST_STEPS_NOTE],
    ),
    Profile(
        "red marks only",
        {"scar_looks": {"pie"}},
        [],
        [],
        pages=("scar_guide", "marks"),
        notes=[MARKS_FIRST_STEPS_NOTE, RED_MARKS_NOTE],
    ),
    Profile(
        "not sure which scar types",
        {"scar_looks": {"not_sure"}},
        ["fractional_laser", "rf_microneedling"],
        [],
        pages=("scar_guide", "compare"),
    ),
    Profile(
        "raised scars only",
        {"scar_looks": {"hypertrophic"}},
        [],
        [("keloid_tendency", "contraindicated")],
        pages=("scar_guide", "raised_scars"),
        notes=[RAISED_SCARS_NOTE],
    ),
    Profile(
        "allergic to beef, rolling scars",
        {"scar_looks": {"rolling"}, "allergies": {"bovine_collagen"}},
        ["ha_filler", "fractional_laser", "rf_microneedling"],
        [("bovine_collagen_allergy", "contraindicated")],
        not_suggested=["bellafill"],
    ),
    Profile(
        "age 20, rolling scars",
        {"scar_looks": {"rolling"}, "age": 20},
        ROLLING_ALL,
        [("age_under_22", "discuss")],
    ),
    Profile(
        "not sure about easy bleeding",
        {"scar_looks": {"rolling"}, "bleeding_disorder": "not_sure"},
        ROLLING_ALL,
        [("bleeding_disorder", "discuss")],
        not_sure=["bleeding_disorder"],
    ),
    Profile(
        "active acne and a sunburn",
        {"scar_looks": {"boxcar"}, "active_acne": "many", "recent_sun": {"sunburn"}},
        ["fractional_laser", "tca_cross", "rf_microneedling"],
        [("active_acne", "usually_deferred"), ("recent_tan", "usually_deferred")],
        before_any=["active_acne"],
    ),
]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.name)
def test_profile(profile):
    result = match(answers(**profile.answers), seed_rulebook())
    assert [s.treatment for s in result.suggestions] == profile.suggested
    assert [s.treatment for s in result.other_options] == profile.other
    assert [s.treatment for s in result.not_suggested] == profile.not_suggested
    assert result.pages == profile.pages
    assert [(c.key, c.highest_severity) for c in result.cautions] == profile.cautions
    assert [c.key for c in result.urgent_cautions] == profile.urgent
    assert [c.key for c in result.before_any_cautions] == profile.before_any
    assert [c.key for c in result.cautions if c.not_sure] == profile.not_sure
    for note in profile.notes:
        assert note in result.notes
    for caution in result.cautions:
        if caution.not_sure:
            assert caution.patient_wording.startswith("You weren't sure"), caution.key


def test_not_sure_about_implants_gets_the_clinics_own_wording():
    result = match(answers(implants={"not_sure"}), seed_rulebook())
    assert result.cautions[0].patient_wording == (
        "You weren't sure about implants or devices. Your dermatologist will ask, because one "
        "treatment uses an electric current."
    )


def test_there_are_at_least_twelve_profiles():
    assert len({profile.name for profile in PROFILES}) >= 12
