"""factory_boy factories for test data."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from education.bilingual import spanish_entry
from education.levels import FitLevel, PageStatus, Severity
from education.models import Caution, CautionEffect, ScarType, Treatment, TreatmentFit
from education.signoff import digest

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@clinic.test")
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    """A staff account with no role: signs in, may open nothing."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True


def _role_group(group_name):
    @factory.post_generation
    def role_group(user, create, extracted, **kwargs):
        # The groups come from a migration (intake 0003); browser tests, which
        # flush it, make them first.
        if create:
            user.groups.add(Group.objects.get(name=group_name))

    return role_group


class DermatologistFactory(StaffFactory):
    role_group = _role_group("Dermatologists")


class EditorFactory(StaffFactory):
    role_group = _role_group("Content editors")


class ManagerFactory(StaffFactory):
    """A clinic manager: a superuser."""

    is_superuser = True


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app (django-otp)."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(StaffFactory)
    name = "Authenticator app"
    confirmed = True


class ReviewedPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    status = PageStatus.PUBLISHED
    reviewer_name = "Clinic medical team"
    last_reviewed = datetime.date(2026, 1, 15)
    next_review_due = datetime.date(2027, 1, 15)


class ScarTypeFactory(ReviewedPageFactory):
    class Meta:
        model = ScarType
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"scar_{n}")
    slug = factory.LazyAttribute(lambda scar: scar.key.replace("_", "-"))
    name = factory.Sequence(lambda n: f"Scar type {n}")
    clinical_name = "Clinical name"
    kind = "atrophic"
    distensible = "usually"
    summary = "A short summary of this scar."
    description = "What this scar is. It is a dent in the skin."
    how_to_recognise = "Look in good light."
    you_said = "You said you have this kind of scar."
    order = factory.Sequence(lambda n: n)


class TreatmentFactory(ReviewedPageFactory):
    class Meta:
        model = Treatment
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"treatment_{n}")
    slug = factory.LazyAttribute(lambda treatment: treatment.key.replace("_", "-"))
    name = factory.Sequence(lambda n: f"Treatment {n}")
    order = factory.Sequence(lambda n: n)
    summary = "A short summary of this treatment."
    what_it_is = "It is a treatment."
    how_it_works = "It works on the skin."
    visit = "A visit takes an hour."
    sessions_min = 1
    sessions_max = 3
    sessions_text = "One to three visits."
    downtime_min_days = 0
    downtime_max_days = 2
    downtime_text = "Up to two days of redness."
    results_show = "Over weeks."
    results_last = "Months."
    side_effects = "Redness\nSwelling"
    rare_risks = "Infection"
    approval_note = "Approved for some uses."
    limits = "It does not help every scar."
    questions = "How many visits?\nWhat does it cost?"


class TreatmentFitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatmentFit

    treatment = factory.SubFactory(TreatmentFactory)
    scar_type = factory.SubFactory(ScarTypeFactory)
    level = FitLevel.CAN_HELP
    reason = "It can help this kind of scar."


class CautionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caution
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"caution_{n}")
    title = factory.Sequence(lambda n: f"Caution {n}")
    trigger_summary = "D1: an answer"
    patient_wording = "Please tell your dermatologist."
    clinician_note = "Check this."


class CautionEffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CautionEffect

    caution = factory.SubFactory(CautionFactory)
    treatment = factory.SubFactory(TreatmentFactory)
    severity = Severity.DISCUSS


def as_shown(pages):
    """What a sign-off confirmation page would post for `pages` as they are now."""
    return {page.pk: page.sign_off_digest() for page in pages}


def as_shown_es(pages):
    """The same for the Spanish sign-off."""
    return {page.pk: digest(spanish_entry(page)) for page in pages}
