"""The intake's steps in order and how their answers are shown.

Answers are kept server-side between steps in a Draft row (intake/drafts.py), so
Back, Change, a refresh or a lost connection never lose them, and nothing is kept
in the browser but the session cookie.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from intake import forms
from intake.form_messages import SIGNED_ON
from intake.questions import Kind, questions_for


@dataclass(frozen=True)
class StepLink:
    """A sentence under a step's title with one link: `before` `text` `after`,
    where the link goes to the URL named `url_name`."""

    before: str
    text: str
    url_name: str
    after: str = ""


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    intro: str = ""
    link: StepLink | None = None
    # A sentence after the intro, worked out when the page is shown (Django templates
    # call it), for facts that come from settings.
    note: Callable[[], str] | None = None


def days_words(days):
    """A number of days in words: "1 year", "7 years", "90 days"."""
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def kept_words():
    """How long the clinic keeps the answers, in words, from the retention settings."""
    from intake.drafts import retention_words  # noqa: PLC0415 (drafts imports this module)

    draft = retention_words(settings.INTAKE_DRAFT_RETENTION_HOURS)
    days = settings.INTAKE_RETENTION_DAYS
    if days:
        sent = gettext(
            "We keep your answers for %(time)s after you send them, then delete them."
        ) % {"time": days_words(days)}
    else:
        sent = gettext("We keep your answers after you send them, as part of your clinic record.")
    unsent = gettext("If you do not send the form, we delete your answers after %(time)s.")
    return f"{sent} {unsent % {'time': draft}}"


STEPS = (
    Step(
        "about-you",
        _("About you"),
        forms.AboutYouForm,
        _("We use these details to find your record and contact you about your visit."),
    ),
    Step(
        "your-scars",
        _("Your scars"),
        forms.YourScarsForm,
        _(
            "Look at your skin in a mirror in good light. Pick what fits best. "
            "It's fine to be unsure."
        ),
    ),
    Step(
        "your-skin",
        _("Your skin"),
        forms.YourSkinForm,
        _(
            "Skin reacts to treatment in different ways. These questions help your dermatologist "
            "choose safe settings."
        ),
    ),
    Step(
        "health",
        _("Health and medicines"),
        forms.HealthForm,
        _(
            "Some health conditions, medicines and allergies change which treatments fit, or when. "
            "Keep taking your medicines as prescribed."
        ),
    ),
    Step("past-treatments", _("Past treatments"), forms.PastTreatmentsForm),
    Step(
        "goals",
        _("Goals and limits"),
        forms.GoalsForm,
        _("Tell us what you hope for and what fits your life. Nothing here rules a treatment out."),
    ),
    Step(
        "consent",
        _("Consent"),
        forms.ConsentForm,
        link=StepLink(
            _("Please read our "), _("privacy notice"), "privacy", _(" before you agree.")
        ),
        note=kept_words,
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def step_number(step):
    return STEPS.index(step) + 1


def next_step(step):
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(step):
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def shown_answer(question, value):
    """An answer as the patient saw it on the form: choice labels, not codes. A stored value
    a later version of the choices no longer has is shown as it is, never an error."""
    labels = question.label_of
    if isinstance(value, list | tuple):
        return [str(labels.get(item, item)) for item in value]
    if isinstance(value, bool):
        return [gettext("Yes") if value else gettext("No")]
    if value in (None, ""):
        return []
    if question.kind == Kind.DATE and isinstance(value, str):
        # The session keeps dates as ISO text; show them in the site's one date style.
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return [value]
    if isinstance(value, datetime.date):
        return [date_format(value)]
    return [str(labels.get(value, value))]


def answer_rows(step, value_of):
    """One row per question of `step`: its label and the shown answer, where
    `value_of(name)` gives the stored value (session draft or saved intake)."""
    return [
        {
            "name": question.key,
            "label": question.wording,
            "answers": signed_answer(question, value_of)
            or shown_answer(question, value_of(question.key)),
        }
        for question in questions_for(step.slug)
    ]


def signed_answer(question, value_of):
    """The typed name and the day it was signed: the saved intake's signed_on, or today
    for a draft not sent yet (it is signed the day it is sent)."""
    if question.kind != Kind.SIGNATURE or not value_of(question.key):
        return []
    signed_on = value_of("signed_on") or timezone.localdate()
    return [value_of(question.key), SIGNED_ON % {"date": date_format(signed_on)}]


def as_form_data(answers):
    """Typed answers (as drafts kept them in the session before they moved to the
    database) as the form data a browser would have sent."""
    data = MultiValueDict()
    for name, value in answers.items():
        if isinstance(value, list):
            data.setlist(name, value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data
