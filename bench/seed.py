"""Seeds the bench database with N submitted intakes, fast (not through the web form).

One real intake is saved through intake.services.intake_submit with the answers of
bench/answers.py (so it carries a real match result and rule version); it is
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
RARE_SURNAME = "Lindqvist"
# The surname the scale bench searches for goes to one intake in 300 of the first 9,000:
# 30 matches whatever the number of intakes, more than a page of 25. So the search shows
# the same rows at 10,000 and 100,000 intakes, and its "flat in N" compares the cost of
# finding them in a larger table, not of drawing 2.5 times as many rows (one in 1,000
# gave 10 matches at 10,000 and a full page at 100,000).
RARE_SURNAME_EVERY = 300
RARE_SURNAME_UNTIL = 9000
FIRST_NAMES = ["Zoë", "Amara", "Liam", "Mei", "Olu", "Sofia", "Ravi", "Hannah", "Tomás", "Yuki"]
LAST_NAMES = ["O'Brien-Nguyễn", "Okafor", "Schmidt", "Chen", "Haddad", "Kowalski", "Silva"]
# Copied per row; everything else is set per copy.
PER_COPY = {"id", "reference", "submission_key", "guide_token_hash", "submitted_at",
            "guide_expires_at", "status", "first_name", "last_name", "version"}  # fmt: skip


def has_rare_surname(number):
    """Whether the seeded intake numbered `number` (AS-B…, from 1) gets RARE_SURNAME."""
    return number % RARE_SURNAME_EVERY == 0 and number <= RARE_SURNAME_UNTIL


def seed(count, *, rng=None):
    """One real intake through intake_submit, then copies of it up to `count`."""
    from bench.answers import validated_answers
    from intake import services

    template, _ = services.intake_submit(answers=validated_answers(), submission_key=uuid.uuid4())
    return copy_intakes(template, count - 1, rng=rng)


def copy_intakes(template, count, *, rng=None, submitted_within_days=365, batch=BATCH):
    """Adds `count` copies of the saved intake `template`, `batch` rows per
    transaction: unique references and keys, submitted at random over the last
    `submitted_within_days` days, mixed statuses, caution rows on about a third.
    Returns (intakes, cautions) in the database afterwards.

    The template's columns are converted for the database once; each copy converts
    only the columns it changes (bulk_create
    would convert all ~50 columns of every row). PostgreSQL takes them by COPY,
    SQLite by executemany."""
    from django.db import connection, transaction
    from django.utils import timezone

    from education.levels import Severity
    from intake.choices import CautionKey
    from intake.models import Intake, IntakeCaution, IntakeStatus

    rng = rng or random.Random(20261126)  # noqa: S311 - test data, not secrets
    fields = [field for field in Intake._meta.concrete_fields if not field.primary_key]
    prepared = {
        field.attname: field.get_db_prep_save(getattr(template, field.attname), connection)
        for field in fields
        if field.attname not in PER_COPY
    }
    by_name = {field.attname: field for field in fields}
    quote = connection.ops.quote_name
    # Table and column names from the model, quoted; values always as parameters.
    insert = (
        f"INSERT INTO {quote(Intake._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    copy = (
        f"COPY {quote(Intake._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) FROM STDIN"
    )
    now = timezone.now()
    span = submitted_within_days * 24 * 3600
    statuses = [IntakeStatus.NEW] * 2 + [IntakeStatus.IN_REVIEW] + [IntakeStatus.REVIEWED] * 7
    caution_keys = list(CautionKey)
    severities = [choice.value for choice in Severity] + [""]
    start = Intake.objects.filter(reference__startswith="AS-B").count()
    made = 0
    while made < count:
        size = min(batch, count - made)
        rows = []
        references = []
        for number in range(start + made + 1, start + made + size + 1):
            submitted = now - datetime.timedelta(seconds=rng.randrange(span))
            references.append(f"AS-B{number:07d}")
            per_copy = {
                "reference": references[-1],
                "submission_key": uuid.uuid4(),
                "guide_token_hash": hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                "submitted_at": submitted,
                "guide_expires_at": submitted + datetime.timedelta(days=30),
                "status": rng.choice(statuses),
                "first_name": rng.choice(FIRST_NAMES),
                "last_name": RARE_SURNAME if has_rare_surname(number) else rng.choice(LAST_NAMES),
            }
            for name in PER_COPY - per_copy.keys() - {"id"}:
                per_copy[name] = by_name[name].get_default()
            rows.append(
                [
                    prepared[field.attname]
                    if field.attname in prepared
                    else field.get_db_prep_save(per_copy[field.attname], connection)
                    for field in fields
                ]
            )
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(copy) as stream:  # psycopg 3: COPY … FROM STDIN
                    for row in rows:
                        stream.write_row(row)
            else:
                cursor.executemany(insert, rows)
            saved = Intake.objects.filter(reference__in=references).values_list("pk", flat=True)
            IntakeCaution.objects.bulk_create(
                IntakeCaution(
                    intake_id=pk,
                    key=key,
                    title=key.label,
                    highest_severity=rng.choice(severities),
                )
                for pk in saved
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


def resume_links(count, path, steps_done=3):
    """`count` drafts with their first `steps_done` steps answered, each with a fresh
    single-use "finish later" link, made by intake/drafts.py's own functions (as the
    step views and "Save and finish later" call them); the tokens go to `path`, one a
    line, for the resume scenario (the bench has no mailbox to read them from)."""
    from urllib.parse import urlencode

    from django.contrib.sessions.backends.db import SessionStore
    from django.http import QueryDict

    from bench.answers import bench_steps
    from intake import drafts
    from intake.steps import STEPS

    answers, tokens = bench_steps(), []
    for _ in range(count):
        session = SessionStore()
        for step in STEPS[:steps_done]:
            # A browser's POST: a QueryDict, as the step view hands it over.
            data = QueryDict(urlencode(answers[step.slug], doseq=True))
            form = step.form_class(data=data)
            if not form.is_valid():
                raise SystemExit(f"bench answers for {step.slug} are not valid: {form.errors}")
            draft = drafts.draft_step_save(session=session, step=step, form=form, data=data)
        tokens.append(drafts.draft_link_issue(draft=draft))
    Path(path).write_text("\n".join(tokens) + "\n")
    return len(tokens)


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bench_settings")
    import django

    django.setup()
    if len(argv) > 3 and argv[1] == "--resume-links":
        made = resume_links(int(argv[2]), argv[3])
        print(f"seeded: {made} drafts with a finish-later link each")
        return
    if len(argv) > 2 and argv[1] == "--add":
        from intake.models import Intake

        template = Intake.objects.order_by("pk").first()
        intakes, cautions = copy_intakes(template, int(argv[2]), rng=random.Random(int(argv[2])))  # noqa: S311
        print(f"seeded: {intakes} intakes, {cautions} cautions")
        return
    count = int(argv[1]) if len(argv) > 1 else 10_000
    intakes, cautions = seed(count)
    device = ""
    if os.environ.get("BENCH_TOTP_USER") and os.environ.get("BENCH_TOTP_KEY"):
        user = os.environ["BENCH_TOTP_USER"]
        if totp_device(user, os.environ["BENCH_TOTP_KEY"]):
            device = f", an authenticator for {user}"
    print(f"seeded: {intakes} intakes, {cautions} cautions{device}")


if __name__ == "__main__":
    main(sys.argv)
