"""Tests for intake/choices.py: values the rules and stored intakes depend on."""

import re

import pytest
from django.db import models

from education.levels import FitLevel, Severity
from intake import choices

ALL_CHOICES = [
    value
    for value in vars(choices).values()
    if isinstance(value, type) and issubclass(value, models.TextChoices)
]
SCAR_KEYS = ["ice_pick", "boxcar", "rolling", "hypertrophic", "keloid", "pih", "pie"]
TREATMENT_KEYS = [
    "ha_filler",
    "bellafill",
    "fractional_laser",
    "chemical_peel",
    "tca_cross",
    "rf_microneedling",
    "pdo_threads",
    "subcision",
]


@pytest.mark.parametrize("choices_class", ALL_CHOICES, ids=lambda c: c.__name__)
def test_values_are_short_lowercase_snake_case(choices_class):
    for value in choices_class.values:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", value), value
        assert len(value) <= 40


def test_scar_look_values_are_the_domain_scar_keys():
    assert choices.ScarLook.values == [*SCAR_KEYS, "not_sure"]


def test_treatment_keys_follow_domain_order_and_lead_past_treatments():
    assert choices.TreatmentKey.values == TREATMENT_KEYS
    assert choices.PastTreatment.values[:8] == TREATMENT_KEYS


def test_sun_reaction_labels_never_show_type_numerals():
    for label in choices.SunReaction.labels:
        assert not re.search(r"\b(I|II|III|IV|V|VI|[1-6])\b", label.replace("I ", "")), label


@pytest.mark.parametrize(
    "choices_class",
    [
        choices.ScarDuration,
        choices.ScarLook,
        choices.YesNoNotSure,
        choices.SunReaction,
        choices.Isotretinoin,
        choices.BloodThinner,
        choices.Implant,
        choices.Goal,
    ],
    ids=lambda c: c.__name__,
)
def test_not_sure_offered_where_patients_may_not_know(choices_class):
    assert choices_class("not_sure").label == "Not sure"


def test_severity_orders_clinically_not_alphabetically():
    assert Severity.values == ["discuss", "usually_deferred", "contraindicated", "urgent"]
    assert [member.rank for member in Severity] == [0, 1, 2, 3]
    assert Severity.rank_of("contraindicated") > Severity.rank_of("discuss")
    assert Severity.highest(["discuss", "contraindicated", "usually_deferred"]) == (
        Severity.CONTRAINDICATED
    )
    assert Severity.highest(["urgent", "contraindicated"]) == Severity.URGENT
    assert Severity.highest([]) is None


def test_fit_level_and_severity_live_in_one_module_only():
    assert not hasattr(choices, "Severity")
    assert not hasattr(choices, "FitLevel")


def test_fit_levels_know_which_are_suggested_and_used():
    suggested = [level.value for level in FitLevel if level.is_suggested]
    used = [level.value for level in FitLevel if level.is_used]
    assert suggested == ["first_choice", "can_help"]
    assert used == ["first_choice", "can_help", "limited"]
