"""Tests for intake/rules/ against docs/clinical-rules.md.

The rule book here is the fit table and the caution severities written out as literals, with
placeholder why-texts ("[treatment/scar]") so assertions can check exactly which fit rows a
reason came from. No database and no Django settings are needed.
"""

import dataclasses
import json

import pytest

from intake.choices import CautionKey
from intake.rules import (
    BELLAFILL_CHEEKS_NOTE,
    HAD_BEFORE_NOTE,
    QUESTION_SUBCISION,
    QUESTION_WHICH_SCAR_TYPES,
    SEVERAL_SCAR_TYPES_REASON,
    STRETCH_FIRM_NOTE,
    STRETCH_SOFT_NOTE,
    STRETCH_SOME_NOTE,
    Answers,
    CautionHit,
    CautionText,
    FitRow,
    MatchResult,
    RuleBook,
    ScarTypeFacts,
    SkinTypeEstimate,
    TreatmentFacts,
    cautions_for,
    fitzpatrick_type,
    match,
    scar_set,
)

# --------------------------------------------------------------------------------------------
# The fit table, verbatim
# --------------------------------------------------------------------------------------------

SCARS = ("ice_pick", "boxcar", "rolling", "hypertrophic", "keloid", "pih", "pie")
F, C, L, N, S = "first_choice", "can_help", "limited", "not_used", "specialist_only"
MATRIX = {
    #                  ice_pick boxcar rolling hypertr keloid pih pie
    "ha_filler": (N, L, F, N, N, N, N),
    "bellafill": (N, L, F, N, N, N, N),
    "fractional_laser": (L, F, C, S, S, L, L),
    "chemical_peel": (L, L, L, N, N, C, L),
    "tca_cross": (F, C, N, N, N, N, N),
    "rf_microneedling": (C, C, C, N, N, L, L),
    "pdo_threads": (N, L, L, N, N, N, N),
    "subcision": (N, L, F, N, N, N, N),
}

# Typical ranges (both laser kinds and both peel depths folded into one range).
# key: (sessions_min, sessions_max, downtime_min_days, downtime_max_days)
TREATMENT_RANGES = {
    "ha_filler": (1, 2, 0, 2),
    "bellafill": (1, 2, 0, 2),
    "fractional_laser": (1, 5, 1, 10),
    "chemical_peel": (1, 6, 0, 7),
    "tca_cross": (3, 6, 5, 7),
    "rf_microneedling": (3, 4, 1, 3),
    "pdo_threads": (1, 1, 2, 5),
    "subcision": (1, 3, 7, 14),
}
PUBLISHED = tuple(key for key in MATRIX if key != "subcision")

TREATMENT_QUESTIONS = {
    "ha_filler": ("Which product, and how long does it last?", "What if I dislike the result?"),
    "bellafill": ("Are my scars the soft kind it is made for?", "What if I dislike the result?"),
    "fractional_laser": ("Ablative or non-ablative for me?", "How many sessions?"),
    "chemical_peel": ("Which strength?",),
    "tca_cross": ("Which of my scars are narrow enough?",),
    "rf_microneedling": ("Which device, and what is it cleared for?",),
    "pdo_threads": ("What results have you seen for acne scars?",),
    "subcision": ("How long does bruising last?",),
}
GENERAL_QUESTIONS = ("How many sessions?", "What does the whole course cost?")

NEEDLE = ("ha_filler", "bellafill", "rf_microneedling", "pdo_threads", "subcision")
RESURFACING = ("fractional_laser", "chemical_peel", "tca_cross")
D, U, X = "discuss", "usually_deferred", "contraindicated"
# Caution severities; "*" means every other treatment.
SEVERITIES = {
    "isotretinoin_with_pregnancy": {"*": "urgent"},
    "isotretinoin_planning_pregnancy": {"*": D},
    "isotretinoin_recent": {"*": D},
    "pregnant_or_breastfeeding": {"*": U},
    "planning_pregnancy": {"*": D},
    "keloid_tendency": {"bellafill": X, "*": D},
    "darker_skin_type": dict.fromkeys((*RESURFACING, "rf_microneedling"), D),
    "active_acne": {"*": U},
    "cold_sores": dict.fromkeys((*RESURFACING, "rf_microneedling"), D),
    "blood_thinners": dict.fromkeys(NEEDLE, D),
    "bleeding_disorder": {**dict.fromkeys(NEEDLE, D), "bellafill": X},
    "bovine_collagen_allergy": {"bellafill": X},
    "lidocaine_allergy": {"bellafill": X, "ha_filler": D, "subcision": D, "rf_microneedling": D},
    "filler_reaction": {"ha_filler": D, "bellafill": D},
    "severe_allergy_history": {"bellafill": X, "ha_filler": D},
    "autoimmune_or_immunosuppressed": {"*": D},
    "implanted_device_or_metal": {"rf_microneedling": X},
    "gold_threads": {"rf_microneedling": X},
    "recent_tan": {**dict.fromkeys(RESURFACING, U), "rf_microneedling": D},
    "poor_healing": {"*": D},
    "smoker": {"*": D},
    "age_under_22": {"ha_filler": D, "bellafill": D},
}


def make_treatment(key):
    sessions_min, sessions_max, downtime_min, downtime_max = TREATMENT_RANGES[key]
    return TreatmentFacts(
        key=key,
        name=f"Name of {key}",
        slug=key.replace("_", "-"),
        sessions_min=sessions_min,
        sessions_max=sessions_max,
        downtime_min_days=downtime_min,
        downtime_max_days=downtime_max,
        questions=TREATMENT_QUESTIONS[key],
    )


def make_rulebook(published=PUBLISHED, caution_questions=None, cautions=None):
    caution_questions = caution_questions or {}
    caution_keys = SEVERITIES if cautions is None else cautions
    return RuleBook(
        treatments=tuple(make_treatment(key) for key in published),
        fits=tuple(
            FitRow(treatment, scar, level, f"[{treatment}/{scar}]")
            for treatment, levels in MATRIX.items()
            for scar, level in zip(SCARS, levels, strict=True)
        ),
        scar_types=tuple(
            ScarTypeFacts(scar, f"Name of {scar}", scar, f"<said {scar}>") for scar in SCARS
        ),
        cautions=tuple(
            CautionText(
                key=key,
                title=f"Title of {key}",
                patient_wording=f"Wording of {key}",
                clinician_note=f"Note of {key}",
                severity=SEVERITIES[key],
                question=caution_questions.get(key, ""),
                not_sure_wording=f"Not sure wording of {key}",
            )
            for key in caution_keys
        ),
        general_questions=GENERAL_QUESTIONS,
    )


RULES = make_rulebook()

# An intake that fires no caution and adds no modifier: every test changes only what it tests.
CALM = Answers(
    age=35,
    scar_locations=frozenset({"cheeks"}),
    scar_looks=frozenset({"rolling"}),
    active_acne="none",
    sore_or_infection_now="no",
    sun_reaction="type_2",
    recent_sun=frozenset({"none"}),
    keloid_self="no",
    keloid_family="no",
    pregnancy="none",
    isotretinoin="never",
    blood_thinners=frozenset({"none"}),
    bleeding_disorder="no",
    health_conditions=frozenset({"none"}),
    cold_sores="no",
    implants=frozenset({"none"}),
    allergies=frozenset({"none"}),
    smokes="no",
    slow_healing="no",
    past_treatments=frozenset({"none"}),
    past_problems=frozenset({"none"}),
    goals=frozenset({"smoother_texture"}),
    time_off="more",
    visits_possible="whatever_needed",
)


def answers(**changes):
    frozen = {
        name: frozenset(value) if isinstance(value, set | tuple | list) else value
        for name, value in changes.items()
    }
    return dataclasses.replace(CALM, **frozen)


def keys(items):
    return [item.treatment for item in items]


def suggestion(result, treatment):
    found = [s for s in (*result.suggestions, *result.other_options) if s.treatment == treatment]
    assert found, f"{treatment} not listed"
    return found[0]


# --------------------------------------------------------------------------------------------
# Skin type
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sun_reaction", "skin_colour", "expected"),
    [
        ("type_3", None, SkinTypeEstimate(3, False, "C1")),
        ("type_3", "medium_brown", SkinTypeEstimate(3, False, "C1")),  # differ by 1
        ("type_2", "medium_brown", SkinTypeEstimate(2, True, "C1")),  # differ by 2
        ("type_5", "fair", SkinTypeEstimate(5, True, "C1")),
        ("type_6", "very_dark", SkinTypeEstimate(6, False, "C1")),
        ("type_1", "prefer_not_to_say", SkinTypeEstimate(1, False, "C1")),
        ("not_sure", "ivory", SkinTypeEstimate(1, False, "C2")),
        ("not_sure", "dark_brown", SkinTypeEstimate(5, False, "C2")),
        ("not_sure", "prefer_not_to_say", SkinTypeEstimate(None, True, None)),
        ("not_sure", None, SkinTypeEstimate(None, True, None)),
    ],
)
def test_fitzpatrick_type_from_c1_then_c2_and_confirms_big_differences(
    sun_reaction, skin_colour, expected
):
    assert fitzpatrick_type(sun_reaction, skin_colour) == expected


# --------------------------------------------------------------------------------------------
# Cautions
# --------------------------------------------------------------------------------------------


def test_calm_answers_fire_no_caution():
    assert cautions_for(CALM) == []


FIRING = [
    ("isotretinoin_recent", {"isotretinoin": "taking_now"}),
    ("isotretinoin_recent", {"isotretinoin": "stopped_under_6_months"}),
    ("isotretinoin_recent", {"isotretinoin": "stopped_6_to_12_months"}),
    ("isotretinoin_recent", {"isotretinoin": "not_sure"}),
    ("pregnant_or_breastfeeding", {"pregnancy": "pregnant"}),
    ("pregnant_or_breastfeeding", {"pregnancy": "breastfeeding"}),
    ("planning_pregnancy", {"pregnancy": "planning"}),
    ("planning_pregnancy", {"pregnancy": "prefer_to_discuss"}),
    ("keloid_tendency", {"keloid_self": "yes"}),
    ("keloid_tendency", {"keloid_family": "yes"}),
    ("keloid_tendency", {"scar_looks": {"hypertrophic"}}),
    ("keloid_tendency", {"scar_looks": {"keloid", "boxcar"}}),
    ("keloid_tendency", {"goals": {"flatter_raised_scars"}}),
    ("keloid_tendency", {"keloid_self": "not_sure"}),
    ("keloid_tendency", {"keloid_family": "not_sure"}),
    ("darker_skin_type", {"sun_reaction": "type_4"}),
    ("darker_skin_type", {"sun_reaction": "type_6"}),
    ("darker_skin_type", {"sun_reaction": "not_sure", "skin_colour": "medium_brown"}),
    ("darker_skin_type", {"dark_marks_last": "yes"}),
    ("darker_skin_type", {"dark_marks_last": "not_sure"}),
    ("darker_skin_type", {"past_problems": {"lasting_patches"}}),
    ("active_acne", {"active_acne": "a_few"}),
    ("active_acne", {"active_acne": "many"}),
    ("active_acne", {"sore_or_infection_now": "yes"}),
    ("cold_sores", {"cold_sores": "yes"}),
    ("cold_sores", {"cold_sores": "not_sure"}),
    ("cold_sores", {"past_problems": {"cold_sore"}}),
    ("blood_thinners", {"blood_thinners": {"fish_oil"}}),
    ("blood_thinners", {"blood_thinners": {"not_sure"}}),
    ("bleeding_disorder", {"bleeding_disorder": "yes"}),
    ("bleeding_disorder", {"bleeding_disorder": "not_sure"}),
    ("bovine_collagen_allergy", {"allergies": {"bovine_collagen"}}),
    ("lidocaine_allergy", {"allergies": {"lidocaine"}}),
    ("filler_reaction", {"allergies": {"ha_filler"}}),
    ("filler_reaction", {"past_problems": {"filler_lumps"}}),
    ("filler_reaction", {"past_problems": {"allergy"}, "past_treatments": {"bellafill"}}),
    ("severe_allergy_history", {"allergies": {"severe_reaction"}}),
    ("autoimmune_or_immunosuppressed", {"health_conditions": {"autoimmune"}}),
    ("autoimmune_or_immunosuppressed", {"health_conditions": {"immunosuppressed"}}),
    ("implanted_device_or_metal", {"implants": {"pacemaker"}}),
    ("implanted_device_or_metal", {"implants": {"other_device"}}),
    ("implanted_device_or_metal", {"implants": {"metal_in_face"}}),
    ("implanted_device_or_metal", {"implants": {"not_sure"}}),
    ("gold_threads", {"implants": {"gold_threads"}}),
    ("recent_tan", {"recent_sun": {"tan"}}),
    ("recent_tan", {"recent_sun": {"sun_trip_planned"}}),
    ("poor_healing", {"slow_healing": "yes"}),
    ("poor_healing", {"slow_healing": "not_sure"}),
    ("poor_healing", {"health_conditions": {"diabetes"}}),
    ("poor_healing", {"past_problems": {"worse_scarring"}}),
    ("smoker", {"smokes": "yes"}),
    ("age_under_22", {"age": 21}),
    ("age_under_22", {"age": 16}),
]


@pytest.mark.parametrize(("key", "changes"), FIRING)
def test_caution_fires_alone_on_its_trigger(key, changes):
    assert [hit.key for hit in cautions_for(answers(**changes))] == [key]


# Cautions that only fire with others: isotretinoin and pregnancy each raise their own too.
FIRING_TOGETHER = [
    (
        {"pregnancy": "pregnant", "isotretinoin": "taking_now"},
        ["isotretinoin_with_pregnancy", "isotretinoin_recent", "pregnant_or_breastfeeding"],
    ),
    (
        {"pregnancy": "breastfeeding", "isotretinoin": "taking_now"},
        ["isotretinoin_with_pregnancy", "isotretinoin_recent", "pregnant_or_breastfeeding"],
    ),
    (
        {"pregnancy": "planning", "isotretinoin": "taking_now"},
        ["isotretinoin_planning_pregnancy", "isotretinoin_recent", "planning_pregnancy"],
    ),
    (
        {"pregnancy": "planning", "isotretinoin": "stopped_under_6_months"},
        ["isotretinoin_planning_pregnancy", "isotretinoin_recent", "planning_pregnancy"],
    ),
]


@pytest.mark.parametrize(("changes", "expected"), FIRING_TOGETHER)
def test_isotretinoin_with_pregnancy_cautions_fire_with_their_parts(changes, expected):
    assert [hit.key for hit in cautions_for(answers(**changes))] == expected


def test_every_caution_key_has_a_firing_case():
    together = {key for _, keys in FIRING_TOGETHER for key in keys}
    assert {key for key, _ in FIRING} | together == set(CautionKey.values)


NOT_FIRING = [
    (
        "isotretinoin_with_pregnancy",
        {"pregnancy": "pregnant", "isotretinoin": "stopped_under_6_months"},
    ),
    ("isotretinoin_with_pregnancy", {"pregnancy": "planning", "isotretinoin": "taking_now"}),
    (
        "isotretinoin_planning_pregnancy",
        {"pregnancy": "planning", "isotretinoin": "stopped_6_to_12_months"},
    ),
    (
        "isotretinoin_planning_pregnancy",
        {"pregnancy": "prefer_to_discuss", "isotretinoin": "taking_now"},
    ),
    ("isotretinoin_recent", {"isotretinoin": "stopped_over_12_months"}),
    ("isotretinoin_recent", {"isotretinoin": "never"}),
    ("pregnant_or_breastfeeding", {"pregnancy": "planning"}),
    ("planning_pregnancy", {"pregnancy": "pregnant"}),
    ("keloid_tendency", {"keloid_self": "no", "keloid_family": "no"}),
    ("keloid_tendency", {"scar_looks": {"boxcar", "pih"}}),
    ("darker_skin_type", {"sun_reaction": "type_3"}),
    # C1 wins over C2; the gap is flagged "confirm in clinic" instead.
    ("darker_skin_type", {"sun_reaction": "type_2", "skin_colour": "dark_brown"}),
    ("darker_skin_type", {"sun_reaction": "not_sure", "skin_colour": "prefer_not_to_say"}),
    ("active_acne", {"active_acne": "none", "sore_or_infection_now": "no"}),
    ("cold_sores", {"cold_sores": "no", "past_problems": {"infection"}}),
    ("blood_thinners", {"blood_thinners": {"none"}}),
    ("bleeding_disorder", {"bleeding_disorder": "no"}),
    ("bovine_collagen_allergy", {"allergies": {"other"}}),
    ("lidocaine_allergy", {"allergies": {"bovine_collagen"}}),
    ("filler_reaction", {"past_problems": {"allergy"}, "past_treatments": {"chemical_peel"}}),
    ("severe_allergy_history", {"allergies": {"other"}}),
    ("autoimmune_or_immunosuppressed", {"health_conditions": {"other", "diabetes"}}),
    ("implanted_device_or_metal", {"implants": {"gold_threads"}}),
    ("implanted_device_or_metal", {"implants": {"none"}}),
    ("gold_threads", {"implants": {"metal_in_face"}}),
    ("recent_tan", {"recent_sun": {"none"}}),
    ("poor_healing", {"slow_healing": "no"}),
    ("smoker", {"smokes": "no"}),
    ("age_under_22", {"age": 22}),
]


@pytest.mark.parametrize(("key", "changes"), NOT_FIRING)
def test_caution_does_not_fire_on_near_miss(key, changes):
    assert key not in [hit.key for hit in cautions_for(answers(**changes))]


def test_every_caution_key_has_a_not_firing_case():
    assert {key for key, _ in NOT_FIRING} == set(CautionKey.values)


EVERYTHING = answers(
    age=19,
    scar_looks={"keloid", "rolling"},
    active_acne="many",
    sun_reaction="type_5",
    recent_sun={"sunburn"},
    pregnancy="pregnant",
    isotretinoin="taking_now",
    blood_thinners={"aspirin"},
    bleeding_disorder="yes",
    health_conditions={"autoimmune", "diabetes"},
    cold_sores="yes",
    implants={"pacemaker", "gold_threads"},
    allergies={"lidocaine", "bovine_collagen", "ha_filler", "severe_reaction"},
    smokes="yes",
)


def test_cautions_come_back_in_domain_table_order():
    planning = ("planning_pregnancy", "isotretinoin_planning_pregnancy")
    expected = [key for key in CautionKey.values if key not in planning]
    assert [hit.key for hit in cautions_for(EVERYTHING)] == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"isotretinoin": "stopped_under_6_months"},
            ("D2 Isotretinoin: I stopped less than 6 months ago",),
        ),
        (
            {"keloid_family": "yes", "scar_looks": {"keloid", "hypertrophic"}},
            (
                "C4 Keloids (close family): Yes",
                "B3 Which look like yours?: Firm, raised scars that stay inside the spot "
                "where the pimple was (hypertrophic)",
                "B3 Which look like yours?: Raised scars that grow past the spot where the "
                "pimple was and may itch (keloid)",
            ),
        ),
        (
            {"sun_reaction": "not_sure", "skin_colour": "very_dark"},
            ("C2: self-reported skin type VI",),
        ),
        (
            {"blood_thinners": {"vitamin_e", "aspirin"}},
            (
                "D3 Medicines that raise bruising: Aspirin",
                "D3 Medicines that raise bruising: Vitamin E",
            ),
        ),
        ({"age": 20}, ("A1 Age: 20",)),
    ],
)
def test_caution_reasons_name_the_answers_that_fired_it(changes, expected):
    [hit] = cautions_for(answers(**changes))
    assert hit.reasons == expected


@pytest.mark.parametrize(
    ("implants", "expected_hit", "rf_severity"),
    [
        (
            {"metal_in_face"},
            CautionHit(
                "implanted_device_or_metal",
                ("D7 Implants: Metal in the face or jaw, such as plates or screws",),
                "discuss",
            ),
            "discuss",
        ),
        ({"pacemaker", "metal_in_face"}, None, "contraindicated"),
    ],
)
def test_metal_only_implant_is_discuss_but_device_is_contraindicated(
    implants, expected_hit, rf_severity
):
    intake = answers(implants=implants)
    [hit] = cautions_for(intake)
    if expected_hit:
        assert hit == expected_hit
    [caution] = match(intake, RULES).cautions
    assert caution.severity_by_treatment == (("rf_microneedling", rf_severity),)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scar", "suggested", "other", "pages"),
    [
        ("ice_pick", ["tca_cross", "rf_microneedling"], [], ["scar_guide"]),
        (
            "boxcar",
            ["fractional_laser", "tca_cross", "rf_microneedling"],
            [],
            ["scar_guide"],
        ),
        (
            "rolling",
            ["ha_filler", "bellafill", "fractional_laser", "rf_microneedling"],
            [],
            ["scar_guide"],
        ),
        ("hypertrophic", [], [], ["scar_guide", "raised_scars"]),
        ("keloid", [], [], ["scar_guide", "raised_scars"]),
        (
            "pih",
            ["chemical_peel"],
            ["fractional_laser"],
            ["scar_guide", "marks"],
        ),
        # Red marks only: vascular lasers are what is used; no fractional laser, no peel.
        ("pie", [], [], ["scar_guide", "marks"]),
    ],
)
def test_each_scar_type_matches_the_domain_matrix(scar, suggested, other, pages):
    result = match(answers(scar_looks={scar}), RULES)
    assert result.scar_types == (scar,)
    assert keys(result.suggestions) == suggested
    assert keys(result.other_options) == other
    assert list(result.pages) == pages


def test_ranking_is_by_best_fit_then_scar_count_then_treatment_order():
    result = match(answers(scar_looks={"ice_pick", "boxcar", "rolling"}), RULES)
    # fractional_laser fits 3 types (one first_choice) so it beats the fillers and TCA CROSS,
    # which fit 2; those tie and keep the treatment order; rf_microneedling is only can_help.
    assert keys(result.suggestions) == [
        "fractional_laser",
        "ha_filler",
        "bellafill",
        "tca_cross",
        "rf_microneedling",
    ]
    assert [s.fit_level for s in result.suggestions] == [F, F, F, F, C]
    assert result.other_options == ()


def test_reasons_echo_patient_then_fit_text_best_fit_first():
    result = match(answers(scar_looks={"boxcar", "rolling"}), RULES)
    filler = suggestion(result, "ha_filler")
    assert filler.scar_types == ("rolling", "boxcar")
    assert filler.reasons == (
        "<said rolling> [ha_filler/rolling]",
        "<said boxcar> [ha_filler/boxcar]",
    )


def test_limited_options_are_hidden_when_something_better_fits():
    result = match(answers(scar_looks={"boxcar"}), RULES)
    listed = keys(result.suggestions) + keys(result.other_options)
    assert not {"ha_filler", "bellafill", "chemical_peel", "pdo_threads"} & set(listed)


def test_limited_options_are_shown_when_nothing_better_fits():
    result = match(answers(scar_looks={"rolling"}), make_rulebook(published=("pdo_threads",)))
    assert result.suggestions == ()
    assert keys(result.other_options) == ["pdo_threads"]
    assert result.other_options[0].fit_level == L


def test_raised_scar_and_mark_without_a_better_fit_list_limited_options_only():
    result = match(answers(scar_looks={"hypertrophic", "pie"}), RULES)
    assert result.suggestions == ()
    # fractional_laser is specialist_only for hypertrophic scars and never for red marks.
    assert keys(result.other_options) == ["chemical_peel", "rf_microneedling"]
    assert result.marks_only is False
    assert result.pages == ("scar_guide", "raised_scars", "marks")


def test_subcision_is_never_suggested_while_unpublished():
    result = match(answers(scar_looks={"rolling", "boxcar"}), RULES)
    assert "subcision" not in keys(result.suggestions) + keys(result.other_options)
    assert QUESTION_SUBCISION in result.questions


def test_subcision_is_suggested_once_published():
    rules = make_rulebook(published=(*PUBLISHED, "subcision"))
    result = match(answers(scar_looks={"rolling"}), rules)
    assert keys(result.suggestions) == [
        "ha_filler",
        "bellafill",
        "subcision",
        "fractional_laser",
        "rf_microneedling",
    ]


@pytest.mark.parametrize("goals", [{"not_sure"}, {"smoother_texture", "fewer_deep_pits"}])
def test_not_sure_only_shows_guide_first_and_two_broad_treatments(goals):
    result = match(answers(scar_looks={"not_sure"}, goals=goals), RULES)
    assert result.scar_types == ()
    assert result.scar_types_unsure is True
    assert result.pages == ("scar_guide", "compare")
    assert keys(result.suggestions) == ["fractional_laser", "rf_microneedling"]
    assert [s.fit_level for s in result.suggestions] == [None, None]
    assert [s.reasons for s in result.suggestions] == [(SEVERAL_SCAR_TYPES_REASON,)] * 2
    assert result.other_options == ()
    assert QUESTION_WHICH_SCAR_TYPES in result.questions
    assert QUESTION_SUBCISION not in result.questions


def test_not_sure_with_even_colour_goal_keeps_marks_and_broad_treatments():
    result = match(answers(scar_looks={"not_sure"}, goals={"more_even_colour"}), RULES)
    assert result.scar_types == ("pih", "pie")
    assert keys(result.suggestions) == ["chemical_peel", "fractional_laser", "rf_microneedling"]
    assert result.other_options == ()
    assert result.pages == ("scar_guide", "compare", "marks")


def test_not_sure_next_to_a_known_type_matches_as_usual_and_asks_which_types():
    result = match(answers(scar_looks={"not_sure", "ice_pick"}), RULES)
    assert result.scar_types_unsure is False
    assert keys(result.suggestions) == ["tca_cross", "rf_microneedling"]
    assert QUESTION_WHICH_SCAR_TYPES in result.questions


def test_raised_only_shows_raised_page_and_keloid_caution_but_no_treatment():
    result = match(answers(scar_looks={"keloid"}), RULES)
    assert result.has_raised_scars is True
    assert result.suggestions == ()
    assert result.other_options == ()
    assert "raised_scars" in result.pages
    assert [c.key for c in result.cautions] == ["keloid_tendency"]
    assert result.cautions[0].highest_severity == X


def test_raised_with_dents_matches_dents_as_usual_but_bellafill_is_not_suggested():
    result = match(answers(scar_looks={"hypertrophic", "rolling"}), RULES)
    assert keys(result.suggestions) == ["ha_filler", "fractional_laser", "rf_microneedling"]
    assert suggestion(result, "fractional_laser").scar_types == ("rolling",)
    assert "raised_scars" in result.pages
    [bellafill] = result.not_suggested
    assert bellafill.treatment == "bellafill"
    assert bellafill.caution_keys == ("keloid_tendency",)
    assert "raised scars" in bellafill.reasons[0]
    keloid = result.cautions[0]
    assert keloid.severity_for("bellafill") == X
    assert keloid.severity_for("ha_filler") == D


def test_marks_only_suggests_peel_and_lists_laser_as_other_option():
    result = match(answers(scar_looks={"pih", "pie"}), RULES)
    assert result.marks_only is True
    assert keys(result.suggestions) == ["chemical_peel"]
    peel = result.suggestions[0]
    assert peel.fit_level == C
    assert peel.reasons == (
        "<said pih> [chemical_peel/pih]",
        "<said pie> [chemical_peel/pie]",
    )
    assert keys(result.other_options) == ["fractional_laser"]
    # The laser is another option for the brown marks only.
    assert result.other_options[0].scar_types == ("pih",)
    assert "marks" in result.pages


@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        ({"more_even_colour"}, ("rolling", "pih", "pie")),
        ({"flatter_raised_scars"}, ("rolling", "hypertrophic")),
        ({"more_even_colour", "flatter_raised_scars"}, ("rolling", "hypertrophic", "pih", "pie")),
        ({"smoother_texture", "fewer_deep_pits", "not_sure"}, ("rolling",)),
    ],
)
def test_goals_add_scar_types_to_the_scar_set(goals, expected):
    assert scar_set(answers(goals=goals)) == expected


def test_even_colour_goal_brings_in_peel_with_goal_worded_reason():
    result = match(answers(goals={"more_even_colour"}), RULES)
    peel = suggestion(result, "chemical_peel")
    assert peel.fit_level == C
    assert peel.reasons[0] == "You said you want more even skin color. [chemical_peel/pih]"
    assert result.marks_only is False


def test_flatter_raised_goal_adds_raised_page_and_keloid_caution():
    result = match(answers(goals={"flatter_raised_scars"}), RULES)
    assert "raised_scars" in result.pages
    assert [c.key for c in result.cautions] == ["keloid_tendency"]
    assert result.cautions[0].reasons == ("F1 Goals: Flatter raised scars",)


# --------------------------------------------------------------------------------------------
# Modifiers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stretch_test", "note"),
    [("yes", STRETCH_SOFT_NOTE), ("some", STRETCH_SOME_NOTE), ("no", STRETCH_FIRM_NOTE)],
)
def test_stretch_test_adds_a_note_to_fillers_only(stretch_test, note):
    result = match(answers(stretch_test=stretch_test), RULES)
    assert suggestion(result, "ha_filler").reasons[-1] == note
    assert suggestion(result, "bellafill").reasons[-1] == note
    assert note not in suggestion(result, "fractional_laser").reasons


@pytest.mark.parametrize("stretch_test", [None, "did_not_try"])
def test_no_stretch_answer_adds_no_filler_note(stretch_test):
    result = match(answers(stretch_test=stretch_test), RULES)
    assert suggestion(result, "ha_filler").reasons == ("<said rolling> [ha_filler/rolling]",)


@pytest.mark.parametrize(
    ("locations", "has_note"),
    [({"cheeks"}, False), ({"cheeks", "forehead"}, False), ({"forehead", "chin_jaw"}, True)],
)
def test_bellafill_notes_cheek_approval_when_cheeks_not_chosen(locations, has_note):
    result = match(answers(scar_locations=locations), RULES)
    assert (BELLAFILL_CHEEKS_NOTE in suggestion(result, "bellafill").reasons) is has_note
    assert BELLAFILL_CHEEKS_NOTE not in suggestion(result, "ha_filler").reasons


@pytest.mark.parametrize(
    ("time_off", "scar", "treatment", "note"),
    [
        (
            "up_to_a_week",
            "boxcar",
            "fractional_laser",
            "This usually needs 1 to 10 days to heal. You said you can take up to a week off.",
        ),
        ("up_to_a_week", "boxcar", "tca_cross", None),
        (
            "one_to_three_days",
            "boxcar",
            "tca_cross",
            "This usually needs 5 to 7 days to heal. You said you can take 1 to 3 days off.",
        ),
        ("one_to_three_days", "boxcar", "rf_microneedling", None),
        (
            "none",
            "rolling",
            "ha_filler",
            "This usually needs up to 2 days to heal. You said you have no time off after a visit.",
        ),
        ("more", "boxcar", "fractional_laser", None),
    ],
)
def test_time_off_shorter_than_downtime_adds_a_note_but_keeps_the_treatment(
    time_off, scar, treatment, note
):
    result = match(answers(scar_looks={scar}, time_off=time_off), RULES)
    reasons = suggestion(result, treatment).reasons
    notes = [reason for reason in reasons if reason.startswith("This usually needs")]
    assert notes == ([note] if note else [])


@pytest.mark.parametrize(
    ("visits", "scar", "treatment", "note"),
    [
        (
            "one_or_two",
            "ice_pick",
            "tca_cross",
            "This usually takes 3 to 6 visits. You said you can manage 1 or 2 visits.",
        ),
        (
            "one_or_two",
            "ice_pick",
            "rf_microneedling",
            "This usually takes 3 to 4 visits. You said you can manage 1 or 2 visits.",
        ),
        # 1 to 5 sessions: a short course is typical, so no note (compared with sessions_min).
        ("one_or_two", "boxcar", "fractional_laser", None),
        ("series", "ice_pick", "tca_cross", None),
        ("whatever_needed", "ice_pick", "rf_microneedling", None),
    ],
)
def test_fewer_visits_than_sessions_adds_a_note_but_keeps_the_treatment(
    visits, scar, treatment, note
):
    result = match(answers(scar_looks={scar}, visits_possible=visits), RULES)
    assert treatment in keys(result.suggestions)
    reasons = suggestion(result, treatment).reasons
    notes = [reason for reason in reasons if reason.startswith("This usually takes")]
    assert notes == ([note] if note else [])


def test_treatment_had_before_gets_a_note():
    result = match(answers(past_treatments={"bellafill", "microneedling"}), RULES)
    assert suggestion(result, "bellafill").reasons[-1] == HAD_BEFORE_NOTE
    assert HAD_BEFORE_NOTE not in suggestion(result, "ha_filler").reasons


def test_modifiers_follow_scar_reasons_in_domain_order():
    intake = answers(
        stretch_test="yes",
        scar_locations={"forehead"},
        time_off="none",
        past_treatments={"bellafill"},
    )
    assert suggestion(match(intake, RULES), "bellafill").reasons == (
        "<said rolling> [bellafill/rolling]",
        STRETCH_SOFT_NOTE,
        BELLAFILL_CHEEKS_NOTE,
        "This usually needs up to 2 days to heal. You said you have no time off after a visit.",
        HAD_BEFORE_NOTE,
    )


# --------------------------------------------------------------------------------------------
# Cautions in the match and questions
# --------------------------------------------------------------------------------------------


def test_cautions_sorted_by_highest_severity_keeping_table_order_within_a_level():
    intake = answers(
        isotretinoin="taking_now",  # discuss
        active_acne="a_few",  # usually_deferred
        allergies={"bovine_collagen"},  # contraindicated (bellafill)
        smokes="yes",  # discuss
        recent_sun={"tan"},  # usually_deferred (resurfacing)
    )
    result = match(intake, RULES)
    assert [c.key for c in result.cautions] == [
        "bovine_collagen_allergy",
        "active_acne",
        "recent_tan",
        "isotretinoin_recent",
        "smoker",
    ]
    assert [c.highest_severity for c in result.cautions] == [X, U, U, D, D]


def test_caution_severity_only_counts_published_treatments():
    rules = make_rulebook(published=("ha_filler", "chemical_peel"))
    result = match(answers(allergies={"bovine_collagen"}, smokes="yes"), rules)
    # Bellafill is not offered, so the collagen allergy affects nothing offered: lowest.
    assert [c.key for c in result.cautions] == ["smoker", "bovine_collagen_allergy"]
    assert result.cautions[1].highest_severity is None
    assert result.cautions[1].severity_by_treatment == ()


def test_caution_carries_its_approved_text_and_reasons():
    [caution] = match(answers(smokes="yes"), RULES).cautions
    assert caution.title == "Title of smoker"
    assert caution.patient_wording == "Wording of smoker"
    assert caution.clinician_note == "Note of smoker"
    assert caution.reasons == ("D9 Smokes or vapes: Yes",)
    assert dict(caution.severity_by_treatment) == dict.fromkeys(PUBLISHED, D)


def test_caution_without_an_approved_row_is_still_shown():
    rules = make_rulebook(cautions=())
    [caution] = match(answers(smokes="yes"), rules).cautions
    assert (caution.key, caution.title, caution.patient_wording) == (
        "smoker",
        "Smoking or vaping nicotine",
        "",
    )
    assert caution.highest_severity is None


@pytest.mark.parametrize(
    ("changes", "treatment", "expected"),
    [
        ({"implants": {"metal_in_face"}}, "rf_microneedling", ("implanted_device_or_metal",)),
        ({"implants": {"pacemaker"}}, "ha_filler", ()),
        (
            {"allergies": {"lidocaine"}, "blood_thinners": {"aspirin"}},
            "ha_filler",
            ("lidocaine_allergy", "blood_thinners"),
        ),
        (
            {"bleeding_disorder": "not_sure", "blood_thinners": {"aspirin"}},
            "bellafill",
            ("blood_thinners", "bleeding_disorder"),
        ),
        ({"allergies": {"lidocaine"}}, "fractional_laser", ()),
        ({"pregnancy": "pregnant"}, "fractional_laser", ("pregnant_or_breastfeeding",)),
    ],
)
def test_each_suggestion_carries_the_cautions_that_affect_it(changes, treatment, expected):
    result = match(answers(**changes), RULES)
    assert suggestion(result, treatment).caution_keys == expected


def test_questions_in_order_without_duplicates():
    rules = make_rulebook(caution_questions={"smoker": "Should I stop smoking before?"})
    result = match(answers(smokes="yes", isotretinoin="never", age=20), rules)
    assert result.questions == (
        "How many sessions?",
        "What does the whole course cost?",
        "Which product, and how long does it last?",
        "What if I dislike the result?",
        "Are my scars the soft kind it is made for?",
        # bellafill's "What if I dislike the result?" and fractional_laser's
        # "How many sessions?" are already listed above.
        "Ablative or non-ablative for me?",
        "Which device, and what is it cleared for?",
        "Should I stop smoking before?",
        "Which options are approved for my age?",
        QUESTION_SUBCISION,
    )
    assert result.cautions[0].key == "smoker"  # discuss, before age_under_22 in the table


def test_questions_dedupe_ignores_case_and_spacing():
    rules = dataclasses.replace(
        make_rulebook(), general_questions=("Could  subcision help?", "How many sessions?")
    )
    result = match(answers(), rules)
    assert result.questions.count("How many sessions?") == 1
    assert QUESTION_SUBCISION not in result.questions
    assert "Could  subcision help?".strip() in result.questions
    shouted = dataclasses.replace(make_rulebook(), general_questions=("HOW MANY SESSIONS?",))
    asked = [q.lower() for q in match(answers(), shouted).questions]
    assert asked.count("how many sessions?") == 1


def test_no_subcision_question_without_rolling_scars():
    result = match(answers(scar_looks={"boxcar"}), RULES)
    assert QUESTION_SUBCISION not in result.questions
    assert "Which of my scars are narrow enough?" in result.questions
    # Other options' questions are not "suggested treatment" questions.
    assert "Which strength?" not in result.questions


# --------------------------------------------------------------------------------------------
# Output contract
# --------------------------------------------------------------------------------------------


def test_result_includes_skin_type_estimate():
    result = match(answers(sun_reaction="type_2", skin_colour="dark_brown"), RULES)
    assert result.skin_type == SkinTypeEstimate(2, True, "C1")


@pytest.mark.parametrize(
    "intake",
    [
        EVERYTHING,
        answers(scar_looks={"not_sure"}),
        answers(scar_looks={"pih"}, stretch_test="no", time_off="none"),
    ],
    ids=["everything", "not-sure", "marks"],
)
def test_to_dict_survives_a_json_round_trip(intake):
    result = match(intake, RULES)
    stored = json.loads(json.dumps(result.to_dict()))
    assert stored == result.to_dict()
    assert MatchResult.from_dict(stored) == result


def test_match_is_deterministic():
    assert match(EVERYTHING, RULES) == match(dataclasses.replace(EVERYTHING), make_rulebook())


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"scar_looks": frozenset({"dimple"})}, ValueError),
        ({"isotretinoin": "yes"}, ValueError),
        ({"goals": ["not_sure"]}, TypeError),
    ],
)
def test_answers_reject_values_outside_the_choices(changes, error):
    with pytest.raises(error):
        dataclasses.replace(CALM, **changes)


def test_rulebook_rejects_unknown_levels_and_duplicate_cells():
    row = FitRow("ha_filler", "rolling", "maybe", "")
    with pytest.raises(ValueError):
        dataclasses.replace(RULES, fits=(row,))
    good = FitRow("ha_filler", "rolling", F, "")
    with pytest.raises(ValueError):
        dataclasses.replace(RULES, fits=(good, good))
