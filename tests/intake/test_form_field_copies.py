"""Each step form gets its own copy of every field (as Django's forms do), with the
choices copied as a list: changing one form's field never reaches another form."""

import pytest

from intake.steps import STEPS


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_every_form_has_fields_of_its_own(step):
    first, second = step.form_class(), step.form_class()
    for name, field in first.fields.items():
        other = second.fields[name]
        assert field is not other and field.widget is not other.widget
        assert field.widget.attrs is not other.widget.attrs
        if hasattr(field, "_choices"):
            assert field.choices == other.choices
            assert field._choices is not other._choices


def test_a_changed_choice_list_stays_in_its_form():
    step = STEPS[1]
    first, second = step.form_class(), step.form_class()
    name = next(name for name, field in first.fields.items() if hasattr(field, "_choices"))
    first.fields[name].choices = [("only", "Only")]
    first.fields[name].widget.attrs["data-x"] = "1"
    assert second.fields[name].choices != [("only", "Only")]
    assert "data-x" not in second.fields[name].widget.attrs
    assert step.form_class().fields[name].choices == second.fields[name].choices
