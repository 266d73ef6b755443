"""One form per intake step (DOMAIN.md §6), in plain words, rendered by crispy-forms.

Every form keeps what the patient typed when it is invalid (Django re-binds the
POST data), and every message says how to fix the answer.
"""

import datetime
import re

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone

from clinic.forms import ErrorSummaryMixin
from intake import choices

NAME_MAX = 100
# Intake.email's column length; an address the form took must also fit the database.
EMAIL_MAX = 254
TEXT_MAX = 2000
ADULT_AGE = 18
# Browsers with a date picker send ISO dates; without one, people type what they
# are used to, so accept the common US ways of writing a date too.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y"]
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-.]{7,25}$")


class StepForm(ErrorSummaryMixin, forms.Form):
    """Shared set-up: crispy renders fields only; the template owns <form> and the
    error summary (GOV.UK pattern)."""

    # Multi-answer fields where "none" (or "not sure") cannot go with other answers.
    exclusive_answers = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        for name, exclusive in self.exclusive_answers.items():
            picked = set(cleaned.get(name) or [])
            lone = picked & set(exclusive)
            if lone and len(picked) > 1:
                label = dict(self.fields[name].choices)[sorted(lone)[0]]
                self.add_error(
                    name, f"You picked “{label}” and other answers. Choose one or the other."
                )
        return cleaned


def radio(choice_class, label, *, required=True, help_text=""):
    field_choices = list(choice_class.choices)
    return forms.ChoiceField(
        label=label,
        choices=field_choices,
        widget=forms.RadioSelect,
        required=required,
        help_text=help_text,
        error_messages={"required": f"Choose an answer for: {label}"},
    )


def checkboxes(choice_class, label, *, required=True, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=list(choice_class.choices),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=help_text,
        error_messages={"required": f"Choose at least one answer for: {label}"},
    )


def free_text(label, *, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text or f"Optional. Up to {TEXT_MAX} characters.",
        error_messages={
            "max_length": f"Keep this to {TEXT_MAX} characters or fewer (you have %(show_value)d)."
        },
    )


def age_on(date_of_birth, today):
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


class AboutYouForm(StepForm):
    first_name = forms.CharField(
        label="First name",
        max_length=NAME_MAX,
        error_messages={
            "required": "Enter your first name.",
            "max_length": f"Your first name must be {NAME_MAX} characters or fewer.",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=NAME_MAX,
        error_messages={
            "required": "Enter your last name.",
            "max_length": f"Your last name must be {NAME_MAX} characters or fewer.",
        },
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        help_text="For example, March 27, 1995. You must be 18 or older to use this form.",
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": "Enter your date of birth.",
            "invalid": "Enter your date of birth as a real date, for example March 27, 1995.",
        },
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send your reading list link here. We never email your health answers.",
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
            "max_length": f"Your email address must be {EMAIL_MAX} characters or fewer.",
        },
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=25,
        help_text="Optional. So the clinic can call you about your visit.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": "Enter a phone number of 25 characters or fewer."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("Your date of birth must be in the past.")
        if age_on(born, today) > 120:
            raise forms.ValidationError("Enter your real date of birth. Check the year.")
        if age_on(born, today) < ADULT_AGE:
            # Decision: the online form is for adults; under-18s come with a parent or
            # guardian, who books by phone (README, "Under 18").
            raise forms.ValidationError(
                "This online form is for people 18 or older. If you are under 18, please ask "
                "a parent or guardian to call the clinic. They can book a visit with you."
            )
        return born

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_PATTERN.match(phone) or len(re.sub(r"\D", "", phone)) < 7):
            raise forms.ValidationError(
                "Enter a phone number using digits, like 555 123 4567 or +1 555 123 4567."
            )
        return phone


class YourScarsForm(StepForm):
    scar_locations = checkboxes(choices.ScarLocation, "Where are your scars?")
    scar_duration = radio(choices.ScarDuration, "How long have you had them?", required=False)
    scar_looks = checkboxes(
        choices.ScarLook,
        "Which of these look like your scars or marks?",
        help_text="Choose all that apply. It's fine to be unsure; your dermatologist will check.",
    )
    stretch_test = radio(
        choices.StretchTest,
        "Stretch test: gently stretch the skin beside a dent. Does the dent get shallower?",
        required=False,
    )
    visibility = radio(choices.Visibility, "Who notices your scars?", required=False)
    bother = radio(choices.Bother, "How much do your scars bother you?", required=False)
    active_acne = radio(choices.ActiveAcne, "Do you have acne spots now?")
    sore_or_infection_now = radio(
        choices.YesNo,
        "Do you have a cold sore, rash or infection where your scars are, right now?",
    )
    exclusive_answers = {"scar_looks": [choices.ScarLook.NOT_SURE]}


class YourSkinForm(StepForm):
    sun_reaction = radio(
        choices.SunReaction,
        "Think of your first strong summer sun of the year: about an hour, no sunscreen. "
        "What happens to your skin?",
    )
    skin_colour = radio(
        choices.SkinColour,
        "What is your natural skin color, where the sun does not reach?",
        required=False,
    )
    recent_sun = checkboxes(
        choices.RecentSun, "In the last 4 weeks, have you had any of these? Or is a trip planned?"
    )
    keloid_self = radio(choices.YesNoNotSure, "Have you ever had keloids or thick, raised scars?")
    keloid_family = radio(
        choices.YesNoNotSure, "Has a parent, brother, sister or child had keloids?"
    )
    dark_marks_last = radio(
        choices.YesNoNotSure,
        "Do spots or cuts leave dark marks on your skin that last for months?",
        required=False,
    )
    exclusive_answers = {"recent_sun": [choices.RecentSun.NONE]}


class HealthForm(StepForm):
    pregnancy = radio(choices.Pregnancy, "Pregnancy and breastfeeding")
    isotretinoin = radio(choices.Isotretinoin, "Isotretinoin (Accutane and other brands) for acne")
    blood_thinners = checkboxes(
        choices.BloodThinner,
        "Do you take any of these?",
        help_text="Keep taking your medicines as prescribed. Just tell us what you take.",
    )
    bleeding_disorder = radio(
        choices.YesNoNotSure, "Do you have a bleeding disorder, or bruise very easily?"
    )
    health_conditions = checkboxes(choices.HealthCondition, "Do you have any of these?")
    health_other = free_text("If you chose “Something else”, what is it?")
    cold_sores = radio(choices.YesNoNotSure, "Do you get cold sores?")
    implants = checkboxes(choices.Implant, "Do you have any of these implants?")
    allergies = checkboxes(choices.Allergy, "Are you allergic to any of these?")
    allergy_other = free_text("If you chose “Something else”, what are you allergic to?")
    smokes = radio(choices.YesNo, "Do you smoke or vape nicotine?")
    other_medicines = free_text("Other medicines and supplements you take")
    slow_healing = radio(
        choices.YesNoNotSure,
        "Has your skin healed slowly, or scarred badly, after a cut or a procedure?",
    )
    exclusive_answers = {
        "blood_thinners": [choices.BloodThinner.NONE, choices.BloodThinner.NOT_SURE],
        "health_conditions": [choices.HealthCondition.NONE],
        "implants": [choices.Implant.NONE, choices.Implant.NOT_SURE],
        "allergies": [choices.Allergy.NONE],
    }

    def clean(self):
        cleaned = super().clean()
        if (
            choices.HealthCondition.OTHER in (cleaned.get("health_conditions") or [])
            and not (cleaned.get("health_other") or "").strip()
        ):
            self.add_error("health_other", "Tell us the other health condition.")
        if (
            choices.Allergy.OTHER in (cleaned.get("allergies") or [])
            and not (cleaned.get("allergy_other") or "").strip()
        ):
            self.add_error("allergy_other", "Tell us what else you are allergic to.")
        return cleaned


class PastTreatmentsForm(StepForm):
    past_treatments = checkboxes(
        choices.PastTreatment, "Which scar treatments have you had before?"
    )
    past_treatment_details = free_text(
        "When did you have them, and how did they go?",
        help_text="Optional. For example: “Laser, 2 sessions in 2023, a little better.”",
    )
    past_problems = checkboxes(
        choices.PastProblem, "Have you had any of these problems after a skin treatment?"
    )
    exclusive_answers = {
        "past_treatments": [choices.PastTreatment.NONE],
        "past_problems": [choices.PastProblem.NONE],
    }


class GoalsForm(StepForm):
    goals = checkboxes(choices.Goal, "What would you most like to change?")
    time_off = radio(
        choices.TimeOff, "How much time off can you take after a visit, if your skin is red?"
    )
    visits_possible = radio(choices.VisitsPossible, "How many visits can you manage?")
    event_date = forms.DateField(
        label="Is there an event you want to plan around? If so, when is it?",
        required=False,
        help_text="Optional. For example, a wedding on June 12, 2027.",
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": "Enter the event date as a real date, like June 12, 2027."},
    )
    anything_else = free_text("Is there anything else you want your dermatologist to know?")
    exclusive_answers = {"goals": [choices.Goal.NOT_SURE]}

    def clean_event_date(self):
        event = self.cleaned_data.get("event_date")
        if event and event < timezone.localdate():
            raise forms.ValidationError("The event date must be today or later.")
        if event and event > timezone.localdate() + datetime.timedelta(days=5 * 365):
            raise forms.ValidationError("Enter an event date within the next 5 years.")
        return event


class ConsentForm(StepForm):
    consent_true = forms.BooleanField(
        label="My answers are true to the best of my knowledge.",
        error_messages={"required": "Tick the box to say your answers are true."},
    )
    consent_not_diagnosis = forms.BooleanField(
        label="I understand this form is not a diagnosis. A dermatologist will review my "
        "answers and talk with me.",
        error_messages={"required": "Tick the box to say you understand this is not a diagnosis."},
    )
    consent_storage = forms.BooleanField(
        label="The clinic may store my answers for its dermatologists, as the privacy notice says.",
        error_messages={"required": "Tick the box to let the clinic store your answers."},
    )


class SubmitForm(forms.Form):
    """The check page's submit: the idempotency key and a honeypot that people never see."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    # Bots fill every field; people never see this one (hidden by CSS and from
    # assistive technology), so anything in it marks the post as automated.
    website = forms.CharField(required=False, label="Leave this empty")
