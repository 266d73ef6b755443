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
from django.utils.translation import gettext_lazy as _

from clinic.contact import clinic_phone
from clinic.forms import ErrorSummaryMixin
from intake import choices
from intake import form_messages as messages
from intake.form_fields import form_field
from intake.questions import BY_KEY, questions_for
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

    # (the choices, their "something else" choice and box, what to say when the box is
    # empty, what to say when "none" is ticked with words in the box)
    SOMETHING_ELSE = (
        ("health_conditions", choices.HealthCondition, "health_other",
         _("Tell us the other health condition."),
         _("You chose “None of these” and wrote a health condition. Tick “Something else” "
           "instead, or clear the box.")),
        ("allergies", choices.Allergy, "allergy_other",
         _("Tell us what else you are allergic to."),
         _("You chose “None” and wrote an allergy. Tick “Something else” instead, or clear "
           "the box.")),
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        for name, choice_class, box, empty, contradicts in self.SOMETHING_ELSE:
            if box in self.errors:
                continue  # its own message (too long) says what is wrong with it
            picked = cleaned.get(name) or []
            typed = (cleaned.get(box) or "").strip()
            if choice_class.OTHER in picked and not typed:
                self.add_error(box, empty)
            elif choice_class.NONE in picked and typed:
                self.add_error(box, contradicts)
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
