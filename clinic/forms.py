"""What every form with an error summary (the GOV.UK pattern) shares."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.template.loader import render_to_string

from clinic.tasks import queue_email


class ErrorSummaryMixin:
    """error_links(): (anchor, message) pairs for includes/error_summary.html.

    Each links to the field's first input (a radio or checkbox list has no element
    with the field's own id, only _0, _1…; a widget with ``error_anchor`` names the
    box itself, like a date's missing month), worded exactly as the message at the
    field; errors not tied to a field link to the first field."""

    def error_links(self):
        links = []
        for name, field in self.fields.items():
            suffix = (
                "_0"
                if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
                else ""
            )
            anchor_for = getattr(field.widget, "error_anchor", None)
            for error in self.errors.as_data().get(name, []):
                for message in error:
                    if anchor_for is not None:
                        anchor = anchor_for(self[name].auto_id, error)
                    else:
                        anchor = f"{self[name].auto_id}{suffix}"
                    links.append((f"#{anchor}", message))
        first = next(iter(self.fields))
        for message in self.non_field_errors():
            links.append((f"#{self[first].auto_id}", message))
        return links


class StaffSetPasswordForm(ErrorSummaryMixin, SetPasswordForm):
    """Django's new-password form (invitation and reset) with the error summary."""


class StaffPasswordResetForm(ErrorSummaryMixin, PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Through the task queue, like every e-mail: the page never waits for the
        mail server. The reset link is a secret: its task row forgets it once tried."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        queue_email(
            to=to_email,
            subject=subject,
            body=render_to_string(email_template_name, context),
            kind="password-reset",
            reference=context["user"].get_username(),
            secret=True,
        )
