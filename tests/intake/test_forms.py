"""Per-step validation in plain words (docs/clinical-rules.md, "Questions")."""

import datetime

import pytest

from intake.forms import AboutYouForm, GoalsForm, HealthForm, YourScarsForm, age_on
from tests.intake.answers import VALID_STEPS


def about(**changes):
    return AboutYouForm(data={**VALID_STEPS["about-you"], **changes})


def test_valid_answers_pass():
    assert about().is_valid()


@pytest.mark.parametrize(
    "name",
    ["Zoë", "O'Brien-Nguyễn", "李小龍", "Ngāti Ōkahu", "José María", "محمد"],
)
def test_any_unicode_name_is_accepted(name):
    form = about(first_name=name, last_name=name)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_name"] == name


def test_names_are_limited_to_100_characters():
    form = about(first_name="a" * 101)
    assert not form.is_valid()
    assert form.errors["first_name"] == ["Your first name must be 100 characters or fewer."]
    assert about(first_name="a" * 100).is_valid()


def test_an_email_the_form_takes_fits_the_database():
    from intake.models import Intake

    column = Intake._meta.get_field("email").max_length
    local = "a" * 64
    too_long = f"{local}@{'b' * 63}.{'c' * 63}.{'d' * 63}.org"  # valid, but over 254
    assert len(too_long) > column
    form = about(email=too_long)
    assert not form.is_valid()
    assert form.errors["email"] == ["Your email address must be 254 characters or fewer."]
    fits = f"{local}@{'b' * 63}.{'c' * 63}.{'d' * (column - 64 - 1 - 64 - 64 - 4)}.org"
    assert len(fits) == column
    assert about(email=fits).is_valid(), about(email=fits).errors


def dob(month, day, year):
    return {"date_of_birth_month": month, "date_of_birth_day": day, "date_of_birth_year": year}


def about_dob(month, day, year):
    data = {**VALID_STEPS["about-you"], **dob(month, day, year)}
    del data["date_of_birth"]
    return AboutYouForm(data=data)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter your date of birth."),
        (("", "12", "1990"), "Date of birth must include a month."),
        (("4", "", "1990"), "Date of birth must include a day."),
        (("4", "12", ""), "Date of birth must include a year."),
        (("", "", "1990"), "Date of birth must include a month and day."),
        (("2", "30", "1990"), "Date of birth must be a real date."),
        (("13", "1", "1990"), "Date of birth must be a real date."),
        (("x", "1", "1990"), "Date of birth must be a real date."),
        (("4", "1", "90"), "Year must include 4 numbers."),
        (("1", "1", "2999"), "Date of birth must be in the past."),
        (("1", "1", "1850"), "Date of birth must be a real date. Check the year."),
    ],
)
def test_date_of_birth_messages_follow_gov_uk(parts, message):
    form = about_dob(*parts)
    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]


@pytest.mark.parametrize(
    ("parts", "anchor"),
    [(("", "12", "1990"), "#id_date_of_birth_month"), (("4", "12", ""), "#id_date_of_birth_year")],
)
def test_error_summary_links_to_the_missing_box(parts, anchor):
    form = about_dob(*parts)
    assert not form.is_valid()
    assert [link for link, _ in form.error_links()] == [anchor]


def test_half_filled_date_is_kept_as_typed():
    form = about_dob("4", "", "1990")
    assert not form.is_valid()
    html = str(form["date_of_birth"])
    assert 'name="date_of_birth_month" value="4"' in html
    assert 'name="date_of_birth_year" value="1990"' in html
    assert 'name="date_of_birth_day" ' in html


def test_under_18s_are_pointed_to_a_parent_or_guardian():
    sixteen = datetime.date.today().replace(year=datetime.date.today().year - 16)
    form = about_dob(str(sixteen.month), str(sixteen.day), str(sixteen.year))
    assert not form.is_valid()
    assert "parent or guardian" in form.errors["date_of_birth"][0]


@pytest.mark.parametrize(
    ("month", "day"), [("4", "12"), ("04", "12"), ("April", "12"), ("apr", "12")]
)
def test_date_of_birth_parts_make_a_date(month, day):
    form = about_dob(month, day, "1990")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(1990, 4, 12)


def test_a_stored_iso_date_still_binds():
    """The session keeps the date as ISO text; the form re-binds it under the one name."""
    form = about(date_of_birth="1990-04-12")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == datetime.date(1990, 4, 12)


def test_initial_iso_date_fills_the_boxes():
    html = str(AboutYouForm(initial={"date_of_birth": "1990-04-12"})["date_of_birth"])
    assert 'name="date_of_birth_month" value="4"' in html
    assert 'name="date_of_birth_day" value="12"' in html


def test_optional_event_date_half_filled_is_an_error_not_dropped():
    data = {
        **VALID_STEPS["goals"],
        "event_date_month": "6",
        "event_date_day": "",
        "event_date_year": "",
    }
    del data["event_date"]
    form = GoalsForm(data=data)
    assert not form.is_valid()
    assert form.errors["event_date"] == ["The event date must include a day and year."]


def test_age_is_counted_from_the_birthday():
    assert age_on(datetime.date(2000, 6, 15), datetime.date(2018, 6, 14)) == 17
    assert age_on(datetime.date(2000, 6, 15), datetime.date(2018, 6, 15)) == 18


@pytest.mark.parametrize("email", ["zoe", "zoe@", "@example.org", "zoe@@example.org"])
def test_email_format(email):
    form = about(email=email)
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address like name@example.com."]


@pytest.mark.parametrize("phone", ["555-0100-12", "+44 20 7946 0958", "(555) 123 4567", ""])
def test_phone_formats_accepted(phone):
    assert about(phone=phone).is_valid()


@pytest.mark.parametrize("phone", ["call me", "12", "555<script>"])
def test_phone_formats_refused(phone):
    form = about(phone=phone)
    assert not form.is_valid()
    assert "phone number" in form.errors["phone"][0]


def test_free_text_is_limited_to_2000_characters():
    data = {**VALID_STEPS["goals"], "anything_else": "x" * 2001}
    form = GoalsForm(data=data)
    assert not form.is_valid()
    assert form.errors["anything_else"][0].startswith("Keep this to 2000 characters or fewer")
    data["anything_else"] = "x" * 2000
    assert GoalsForm(data=data).is_valid()


def test_required_questions_say_what_to_do():
    form = YourScarsForm(data={})
    assert not form.is_valid()
    assert form.errors["scar_looks"] == [
        "Choose at least one answer for: Which of these look like your scars or marks?"
    ]
    assert form.errors["active_acne"] == ["Choose an answer for: Do you have acne spots now?"]
    assert "scar_duration" not in form.errors  # optional


def test_none_cannot_go_with_other_answers():
    data = {**VALID_STEPS["health"], "allergies": ["none", "lidocaine"]}
    form = HealthForm(data=data)
    assert not form.is_valid()
    assert form.errors["allergies"] == [
        "You picked “None” and other answers. Choose one or the other."
    ]


def test_something_else_needs_words():
    data = {**VALID_STEPS["health"], "allergies": ["other"], "allergy_other": " "}
    form = HealthForm(data=data)
    assert not form.is_valid()
    assert form.errors["allergy_other"] == ["Tell us what else you are allergic to."]


def test_line_breaks_count_once_as_the_browser_counts_them():
    # A browser sends each line break as CR LF but counts it as one against maxlength.
    typed = ("x" * 19 + "\r\n") * 100  # 2,000 as the browser counts, 2,100 as sent
    form = GoalsForm(data={**VALID_STEPS["goals"], "anything_else": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["anything_else"] == ("x" * 19 + "\n") * 99 + "x" * 19


def test_a_too_long_something_else_gets_one_message_not_two():
    data = {**VALID_STEPS["health"], "health_conditions": ["other"], "health_other": "x" * 2001}
    form = HealthForm(data=data)
    assert not form.is_valid()
    assert len(form.errors["health_other"]) == 1
    assert form.errors["health_other"][0].startswith("Keep this to 2000 characters or fewer")


@pytest.mark.parametrize(
    ("choices_name", "box", "words"),
    [("allergies", "allergy_other", "“None” and wrote an allergy"),
     ("health_conditions", "health_other", "“None of these” and wrote a health condition")],
)  # fmt: skip
def test_none_with_words_in_the_something_else_box_asks_which(choices_name, box, words):
    data = {**VALID_STEPS["health"], choices_name: ["none"], box: "Penicillin"}
    form = HealthForm(data=data)
    assert not form.is_valid()
    assert words in form.errors[box][0]
    assert form[box].value() == "Penicillin"  # kept, to correct


def test_not_sure_can_go_with_a_scar_type_the_patient_knows():
    data = {**VALID_STEPS["your-scars"], "scar_looks": ["boxcar", "not_sure"]}
    form = YourScarsForm(data=data)
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["scar_looks"]) == {"boxcar", "not_sure"}


def test_unknown_choice_is_refused():
    data = {**VALID_STEPS["your-scars"], "scar_looks": ["ice_pick", "made_up"]}
    form = YourScarsForm(data=data)
    assert not form.is_valid()
    # The field that failed, and only that one, with Django's own message.
    assert list(form.errors) == ["scar_looks"]
    assert "made_up is not one of the available choices" in form.errors["scar_looks"][0]


def test_event_date_cannot_be_in_the_past():
    data = {**VALID_STEPS["goals"], "event_date": "2001-01-01"}
    form = GoalsForm(data=data)
    assert not form.is_valid()
    assert form.errors["event_date"] == ["The event date must be today or later."]


def test_consultation_date_is_optional_and_cannot_be_in_the_past():
    assert GoalsForm(data={**VALID_STEPS["goals"], "consultation_on": ""}).is_valid()
    booked = datetime.date.today() + datetime.timedelta(days=10)
    boxes = {
        "consultation_on_month": str(booked.month),
        "consultation_on_day": str(booked.day),
        "consultation_on_year": str(booked.year),
    }
    data = {**VALID_STEPS["goals"], **boxes}
    del data["consultation_on"]
    form = GoalsForm(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["consultation_on"] == booked
    form = GoalsForm(data={**VALID_STEPS["goals"], "consultation_on": "2001-01-01"})
    assert form.errors["consultation_on"] == ["The consultation date must be today or later."]
    assert "Leave blank if you have not booked yet" in str(GoalsForm()["consultation_on"].help_text)


def test_error_links_point_at_each_fields_first_input():
    form = YourScarsForm(data={})
    form.is_valid()
    anchors = dict(form.error_links())
    assert "#id_scar_looks_0" in anchors
    assert "#id_active_acne_0" in anchors
    about_form = about(email="bad")
    about_form.is_valid()
    assert about_form.error_links() == [
        ("#id_email", "Enter an email address like name@example.com.")
    ]
