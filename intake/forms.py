"""One form per intake step, built from the question registry, rendered by crispy-forms.

Every form keeps what the patient typed when it is invalid (Django re-binds the
POST data), and every message says how to fix the answer.
"""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clinic.contact import clinic_phone
from clinic.forms import ErrorSummaryMixin
from intake import choices
from intake import form_messages as messages
from intake.date_input import DatePartsField
from intake.questions import BY_KEY, Kind, Question, questions_for
from intake.widgets import ScarPictureCheckboxes

ADULT_AGE = 18
NO_CONTACT_MESSAGE = _(
    "Enter your email address or your phone number, so the clinic can reach you."
)
PHONE_MAX = BY_KEY["phone"].max_length
PHONE_PATTERN = re.compile(rf"^\+?[0-9 ()\-.]{{7,{PHONE_MAX}}}$")


class StepForm(ErrorSummaryMixin, forms.Form):
    """Shared set-up: crispy renders fields only; the template owns <form> and the
    error summary (GOV.UK pattern).

    A subclass names its ``step``; its fields are that step's questions from the registry
    (``intake/questions.py``), in the registry's order. A field declared in the class body
    replaces the generated one of the same name (none do today).
    """

    step = ""
    # Multi-answer fields where "none" (or "not sure") cannot go with other answers.
    exclusive_answers = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("step"):
            return
        # Runs inside DeclarativeFieldsMetaclass.__new__, before it gathers base_fields from
        # this dict, so the generated fields are ordinary declared fields.
        declared = cls.__dict__["declared_fields"]
        generated = {question.key: form_field(question) for question in questions_for(cls.step)}
        merged = {**generated, **declared}
        declared.clear()
        declared.update(merged)
        cls.exclusive_answers = {
            question.key: list(question.exclusive)
            for question in questions_for(cls.step)
            if question.exclusive
        }

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
                    name,
                    _("You picked “%(answer)s” and other answers. Choose one or the other.")
                    % {"answer": label},
                )
        return cleaned


def radio(question):
    return forms.ChoiceField(
        label=question.wording,
        choices=list(question.choices.choices),
        widget=forms.RadioSelect,
        required=question.required,
        help_text=question.hint,
        error_messages={"required": format_lazy(messages.CHOOSE_ONE, question=question.wording)},
    )


def checkboxes(question):
    return forms.MultipleChoiceField(
        label=question.wording,
        choices=list(question.choices.choices),
        widget=forms.CheckboxSelectMultiple,
        required=question.required,
        help_text=question.hint,
        error_messages={"required": format_lazy(messages.CHOOSE_SOME, question=question.wording)},
    )


def free_text(question):
    limit = question.max_length
    return forms.CharField(
        label=question.wording,
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=question.hint or format_lazy(messages.UP_TO, limit=limit),
        error_messages={
            "max_length": format_lazy(messages.KEEP_TO, limit=limit),
        },
    )


# The name questions' messages, whole sentences so each language words them its own way.
NAME_MESSAGES = {
    "first_name": (_("Enter your first name."), messages.FIRST_NAME_TOO_LONG),
    "last_name": (_("Enter your last name."), messages.LAST_NAME_TOO_LONG),
}


def name_field(question):
    required, too_long = NAME_MESSAGES[question.key]
    return forms.CharField(
        label=question.wording,
        max_length=question.max_length,
        error_messages={
            "required": required,
            "max_length": format_lazy(too_long, limit=question.max_length),
        },
    )


def email_field(question):
    return forms.EmailField(
        label=question.wording,
        help_text=question.hint,
        required=question.required,
        max_length=question.max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
            "max_length": format_lazy(messages.EMAIL_TOO_LONG, limit=question.max_length),
        },
    )


def phone_field(question):
    return forms.CharField(
        label=question.wording,
        required=question.required,
        max_length=question.max_length,
        help_text=question.hint,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "max_length": format_lazy(messages.PHONE_TOO_LONG, limit=question.max_length)
        },
    )


# Date questions: how each is named in its messages ("Date of birth must include a month").
DATE_NAMES = {
    "date_of_birth": pgettext_lazy("a date named in an error message", "Date of birth"),
    "event_date": pgettext_lazy("a date named in an error message", "The event date"),
    "consultation_on": pgettext_lazy("a date named in an error message", "The consultation date"),
}
DATE_REQUIRED = {"date_of_birth": _("Enter your date of birth.")}
DATE_AUTOCOMPLETE = {"date_of_birth": "bday"}
CONSENT_MESSAGES = {
    "consent_true": _("Check the box to say your answers are true."),
    "consent_not_diagnosis": _("Check the box to say you understand this is not a diagnosis."),
    "consent_storage": _("Check the box to let the clinic store your answers."),
    "consent_privacy_notice": _(
        "Check the box to say you have read the Notice of Privacy Practices."
    ),
}


def date_field(question):
    return DatePartsField(
        name=DATE_NAMES[question.key],
        required_message=DATE_REQUIRED.get(question.key, messages.ENTER_A_DATE),
        autocomplete_prefix=DATE_AUTOCOMPLETE.get(question.key, ""),
        label=question.wording,
        required=question.required,
        help_text=question.hint,
    )


def consent_field(question):
    return forms.BooleanField(
        label=question.wording,
        error_messages={"required": CONSENT_MESSAGES[question.key]},
    )


def signature_field(question):
    return forms.CharField(
        label=question.wording,
        max_length=question.max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": messages.SIGN_WITH_NAME,
            "max_length": format_lazy(messages.NAME_TOO_LONG, limit=question.max_length),
        },
    )


FIELD_BUILDERS = {
    Kind.SINGLE: radio,
    Kind.MULTI: checkboxes,
    Kind.TEXT: free_text,
    Kind.NAME: name_field,
    Kind.EMAIL: email_field,
    Kind.PHONE: phone_field,
    Kind.DATE: date_field,
    Kind.CONSENT: consent_field,
    Kind.SIGNATURE: signature_field,
}


def form_field(question: Question) -> forms.Field:
    return FIELD_BUILDERS[question.kind](question)


def age_on(date_of_birth, today):
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - before_birthday


class AboutYouForm(StepForm):
    step = "about-you"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is None:
            return born
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("Date of birth must be in the past."))
        if age_on(born, today) > 120:
            raise forms.ValidationError(_("Date of birth must be a real date. Check the year."))
        if age_on(born, today) < ADULT_AGE:
            # Decision: the online form is for adults; under-18s come with a parent or
            # guardian, who books by phone (README, "Under 18").
            raise forms.ValidationError(
                _(
                    "This online form is for people 18 or older. If you are under 18, please ask "
                    "a parent or guardian to call the clinic at %(phone)s. They can book a visit "
                    "with you."
                )
                % {"phone": clinic_phone()}
            )
        return born

    def clean(self):
        cleaned = super().clean()
        # One rule: the clinic needs one way to reach the patient. E-mail is optional
        # when a phone number is given (the e-mail features then say they need one).
        reachable = cleaned.get("email") or cleaned.get("phone")
        if not reachable and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", NO_CONTACT_MESSAGE)
        return cleaned

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_PATTERN.match(phone) or len(re.sub(r"\D", "", phone)) < 7):
            raise forms.ValidationError(
                _("Enter a phone number using digits, like 555 123 4567 or +1 555 123 4567.")
            )
        return phone


class YourScarsForm(StepForm):
    step = "your-scars"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Step 2's scar question shows a drawing beside each choice (intake/widgets.py).
        looks = self.fields["scar_looks"]
        looks.widget = ScarPictureCheckboxes(choices=looks.choices)
        self.helper.layout = Layout(
            *(
                Field(name, template="intake/includes/scar_looks_field.html")
                if name == "scar_looks"
                else name
                for name in self.fields
            )
        )


class YourSkinForm(StepForm):
    step = "your-skin"


class HealthForm(StepForm):
    step = "health"

    def clean(self):
        cleaned = super().clean()
        if (
            choices.HealthCondition.OTHER in (cleaned.get("health_conditions") or [])
            and not (cleaned.get("health_other") or "").strip()
        ):
            self.add_error("health_other", _("Tell us the other health condition."))
        if (
            choices.Allergy.OTHER in (cleaned.get("allergies") or [])
            and not (cleaned.get("allergy_other") or "").strip()
        ):
            self.add_error("allergy_other", _("Tell us what else you are allergic to."))
        return cleaned


class PastTreatmentsForm(StepForm):
    step = "past-treatments"


class GoalsForm(StepForm):
    step = "goals"

    def clean_event_date(self):
        event = self.cleaned_data.get("event_date")
        if event and event < timezone.localdate():
            raise forms.ValidationError(_("The event date must be today or later."))
        if event and event > timezone.localdate() + datetime.timedelta(days=5 * 365):
            raise forms.ValidationError(_("Enter an event date within the next 5 years."))
        return event

    def clean_consultation_on(self):
        booked = self.cleaned_data.get("consultation_on")
        if booked and booked < timezone.localdate():
            raise forms.ValidationError(_("The consultation date must be today or later."))
        if booked and booked > timezone.localdate() + datetime.timedelta(days=2 * 365):
            raise forms.ValidationError(_("Enter a consultation date within the next 2 years."))
        return booked


class ConsentForm(StepForm):
    step = "consent"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The date beside the typed name is the day it is shown, in the site's date style.
        self.fields["signature_name"].help_text = messages.SIGNED_ON % {
            "date": date_format(timezone.localdate())
        }
        self.fields["consent_privacy_notice"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("privacy_notice"),
            _("Read the Notice of Privacy Practices"),
        )

    def clean_signature_name(self):
        name = " ".join(self.cleaned_data["signature_name"].split())
        if not name:
            raise forms.ValidationError(messages.SIGN_WITH_NAME)
        return name


class SubmitForm(forms.Form):
    """The check page's submit: the idempotency key and a honeypot that people never see."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    # Bots fill every field; people never see this one (hidden by CSS and from
    # assistive technology), so anything in it marks the post as automated.
    website = forms.CharField(required=False, label=_("Leave this empty"))
