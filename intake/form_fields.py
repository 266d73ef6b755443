"""The intake's form fields, one builder per kind of question (intake/questions.py):
labels, hints and the plain-language messages each field gives. The step forms
(intake/forms.py) are made of them."""

import copy

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intake import form_messages as messages
from intake.date_input import DatePartsField
from intake.questions import Kind, Question


class CopiedChoicesMixin:
    """Every form instance deep-copies its fields (Django's BaseForm), and a choice
    field deep-copies its choices one by one: with the check page and the submit
    validating all seven steps, that was a sixth of their time. The choices are
    (value, label) pairs that never change, so a copy gets a new list of the same
    pairs; the widget, error messages and validators are copied as Django does."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        if isinstance(self._choices, list):
            result._choices = list(self._choices)
        else:  # choices from a callable: as Django copies them
            result._choices = copy.deepcopy(self._choices, memo)
        return result


class RadioField(CopiedChoicesMixin, forms.ChoiceField):
    pass


class CheckboxesField(CopiedChoicesMixin, forms.MultipleChoiceField):
    pass


def _choice_field(question, field_class, widget, required_message):
    return field_class(
        label=question.wording,
        choices=list(question.choices.choices),
        widget=widget,
        required=question.required,
        help_text=question.hint,
        error_messages={"required": format_lazy(required_message, question=question.wording)},
    )


def radio(question):
    return _choice_field(question, RadioField, forms.RadioSelect, messages.CHOOSE_ONE)


def checkboxes(question):
    return _choice_field(
        question, CheckboxesField, forms.CheckboxSelectMultiple, messages.CHOOSE_SOME
    )


class TextAnswerField(forms.CharField):
    """A typed answer with its line breaks as "\n". Browsers send each line break in a
    text box as two characters (CR LF) but count it as one against maxlength, so a
    patient at the box's limit was told it was too long by a number they could not see."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


def free_text(question):
    limit = question.max_length
    return TextAnswerField(
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
