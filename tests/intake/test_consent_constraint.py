"""The database itself refuses a submitted intake without the whole consent: the three
boxes, the typed-name signature with its date and the Notice of Privacy Practices
acknowledgement (intake_consent_given, migration 0017); only intakes sent before the
signature existed may lack the last two."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from intake.models import SIGNED_CONSENT_FROM, Intake
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db

BEFORE_SIGNATURES = SIGNED_CONSENT_FROM - datetime.timedelta(days=30)


def saving_fails(intake, **fields):
    try:
        with transaction.atomic():
            Intake.objects.filter(pk=intake.pk).update(**fields)
    except IntegrityError as error:
        return "intake_consent_given" in str(error)
    return False


def test_a_patients_submission_satisfies_the_constraint():
    intake = submitted_intake()
    assert intake.signature_name and intake.signed_on and intake.consent_privacy_notice


@pytest.mark.parametrize(
    "missing",
    [
        {"signature_name": ""},
        {"signed_on": None},
        {"consent_privacy_notice": False},
        {"consent_storage": False},
        {"signature_name": "", "signed_on": None},
    ],
    ids=["no-signature", "no-signing-date", "no-privacy-notice", "no-storage-box", "unsigned"],
)
def test_a_submitted_intake_without_a_consent_part_cannot_be_stored(missing):
    intake = submitted_intake()
    assert saving_fails(intake, **missing)
    intake.refresh_from_db()
    assert intake.signature_name and intake.signed_on and intake.consent_privacy_notice


def test_an_intake_sent_before_signatures_existed_still_stands():
    intake = submitted_intake()
    unsigned = {"signature_name": "", "signed_on": None, "consent_privacy_notice": False}
    assert not saving_fails(intake, submitted_at=BEFORE_SIGNATURES, **unsigned)
    # The old consent boxes were required then too.
    assert saving_fails(intake, consent_true=False)


def test_an_old_unsigned_intake_cannot_be_moved_past_the_cut_over():
    intake = submitted_intake()
    unsigned = {"signature_name": "", "signed_on": None, "consent_privacy_notice": False}
    Intake.objects.filter(pk=intake.pk).update(submitted_at=BEFORE_SIGNATURES, **unsigned)
    assert saving_fails(intake, submitted_at=SIGNED_CONSENT_FROM)
