"""Forms of the review workspace (staff only)."""

from django import forms

from clinic.forms import ErrorSummaryMixin
from education.lookups import content_names
from education.models import ScarType
from intake import choices
from intake.models import GoodmanBaronGrade, IntakeStatus


class OneTemplateSelect(forms.Select):
    """Django's Select with its options written in one template: the stock one
    includes a template per option, which cost more than the queue's whole table
    (23 cautions), and a third of the assessment form's drawing."""

    template_name = "review/widgets/select.html"


class QueueFilterForm(forms.Form):
    """Validates the queue's filters; queue.html renders its controls from these
    fields, so labels, choices and limits cannot drift from what is validated."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *IntakeStatus.choices],
        widget=OneTemplateSelect(attrs={"class": "form-select"}),
    )
    caution = forms.ChoiceField(
        label="Caution",
        required=False,
        choices=[("", "Any caution"), *choices.CautionKey.choices],
        widget=OneTemplateSelect(attrs={"class": "form-select"}),
    )
    consultation = forms.ChoiceField(
        label="Consultation",
        required=False,
        choices=[("", "Any date or none"), ("soon", "Within 3 days and not reviewed")],
        widget=OneTemplateSelect(attrs={"class": "form-select"}),
    )
    q = forms.CharField(
        label="Name or reference",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
    )


class AssessmentForm(ErrorSummaryMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="Status", choices=IntakeStatus.choices, widget=OneTemplateSelect
    )
    scar_types_seen = forms.ModelMultipleChoiceField(
        label="Scar types seen",
        queryset=ScarType.objects.order_by("order"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    grade = forms.TypedChoiceField(
        label="Goodman and Baron grade",
        choices=[("", "Not graded yet"), *GoodmanBaronGrade.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=OneTemplateSelect,
    )
    consultation_on = forms.DateField(
        label="Consultation date",
        required=False,
        help_text="The booked consultation, if any. Leave blank if none is booked.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    plan = forms.CharField(
        label="Plan", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The boxes from the names read once per content version: the queryset would be
        # read on every render (a server-side cursor, three round trips on PostgreSQL).
        # What is posted is still checked against the queryset.
        self.fields["scar_types_seen"].choices = content_names().scar_type_choices

    @classmethod
    def for_intake(cls, intake):
        assessment = getattr(intake, "assessment", None)
        initial = {
            "version": intake.version,
            "status": intake.status,
            "consultation_on": intake.consultation_on,
        }
        if assessment is not None:
            initial.update(
                scar_types_seen=list(assessment.scar_types_seen.all()),
                grade=assessment.grade,
                notes=assessment.notes,
                plan=assessment.plan,
            )
        return cls(initial=initial)
