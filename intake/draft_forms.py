"""The form a finish-later link asks for: the date of birth given in step 1, asked
with the same field as step 1, so it reads (and parses) the same way."""

from django.utils.translation import gettext_lazy as _

from intake.form_fields import form_field
from intake.forms import StepForm
from intake.questions import BY_KEY


class ResumeForm(StepForm):
    date_of_birth = form_field(BY_KEY["date_of_birth"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["date_of_birth"]
        field.label = _("Your date of birth")
        field.help_text = _(
            "The date you gave in step 1. We ask so only you can open your answers."
        )
