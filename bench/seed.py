"""Seeds the bench database with N submitted intakes, fast (not through the web form).

One real intake is saved through intake.services.intake_submit with the answers of
tests/intake/answers.py (so it carries a real match result and rule version); it is
then copied N-1 times with bulk_create in batches: unique references AS-B0000001…
(8 characters after "AS-", so they can never collide with a real 7-character one),
a fresh submission_key and guide_token_hash each, submitted_at spread over the last
year, a mix of statuses (about 20 % new, 10 % in review, 70 % reviewed) and
IntakeCaution rows on about a third of them.

With BENCH_TOTP_USER and BENCH_TOTP_KEY (hex) in the environment it also gives that
staff account a confirmed authenticator (django-otp's TOTPDevice) with that key, so the
bench can pass the two-factor step of the sign-in like a person with the app would.

Run from the project root with the app's environment (bench/run.py does this):
    .venv/bin/python -m bench.seed 10000
Prints the number of intakes and cautions in the database.
"""

import datetime
import hashlib
import os
import random
import secrets
import sys
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

BATCH = 1000
FIRST_NAMES = ["Zoë", "Amara", "Liam", "Mei", "Olu", "Sofia", "Ravi", "Hannah", "Tomás", "Yuki"]
LAST_NAMES = ["O'Brien-Nguyễn", "Okafor", "Schmidt", "Chen", "Haddad", "Kowalski", "Silva"]
# Copied per row; everything else is set per copy.
PER_COPY = {"id", "reference", "submission_key", "guide_token_hash", "submitted_at",
            "guide_expires_at", "status", "first_name", "last_name", "version"}  # fmt: skip


def seed(count, *, rng=None):
    from django.db import transaction
    from django.utils import timezone

    from education.levels import Severity
    from intake import services
    from intake.choices import CautionKey
    from intake.models import Intake, IntakeCaution, IntakeStatus
    from tests.intake.answers import validated_answers

    rng = rng or random.Random(20261126)  # noqa: S311 - test data, not secrets
    template, _ = services.intake_submit(answers=validated_answers(), submission_key=uuid.uuid4())
    copied = {
        field.attname: getattr(template, field.attname)
        for field in Intake._meta.concrete_fields
        if field.attname not in PER_COPY
    }
    now = timezone.now()
    statuses = [IntakeStatus.NEW] * 2 + [IntakeStatus.IN_REVIEW] + [IntakeStatus.REVIEWED] * 7
    caution_keys = list(CautionKey)
    severities = [choice.value for choice in Severity] + [""]
    made = 0
    number = 0
    while made < count - 1:
        size = min(BATCH, count - 1 - made)
        rows = []
        for _ in range(size):
            number += 1
            submitted = now - datetime.timedelta(seconds=rng.randrange(365 * 24 * 3600))
            rows.append(
                Intake(
                    **copied,
                    reference=f"AS-B{number:07d}",
                    submission_key=uuid.uuid4(),
                    guide_token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                    submitted_at=submitted,
                    guide_expires_at=submitted + datetime.timedelta(days=30),
                    status=rng.choice(statuses),
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                )
            )
        with transaction.atomic():
            saved = Intake.objects.bulk_create(rows)
            IntakeCaution.objects.bulk_create(
                IntakeCaution(
                    intake_id=intake.pk,
                    key=key,
                    title=key.label,
                    highest_severity=rng.choice(severities),
                )
                for intake in saved
                if rng.random() < 1 / 3
                for key in rng.sample(caution_keys, rng.randint(1, 3))
            )
        made += size
    return Intake.objects.count(), IntakeCaution.objects.count()


def totp_device(username, key_hex):
    """A confirmed authenticator for `username` (when django-otp's TOTP is installed)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return False
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    TOTPDevice.objects.create(user=user, name="bench authenticator", key=key_hex, confirmed=True)
    return True


def main(argv):
    count = int(argv[1]) if len(argv) > 1 else 10_000
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")
    import django

    django.setup()
    intakes, cautions = seed(count)
    device = ""
    if os.environ.get("BENCH_TOTP_USER") and os.environ.get("BENCH_TOTP_KEY"):
        user = os.environ["BENCH_TOTP_USER"]
        if totp_device(user, os.environ["BENCH_TOTP_KEY"]):
            device = f", an authenticator for {user}"
    print(f"seeded: {intakes} intakes, {cautions} cautions{device}")


if __name__ == "__main__":
    main(sys.argv)
