"""Two real concurrent submissions of one draft save one intake (PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import connection, connections

from intake import services
from intake.models import Intake
from intake.steps import STEPS
from tests.intake.answers import VALID_STEPS


def validated_answers():
    answers = {}
    for step in STEPS:
        form = step.form_class(data=VALID_STEPS[step.slug])
        assert form.is_valid(), form.errors
        answers.update(form.cleaned_data)
    return answers


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_of_one_draft_save_one_intake():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no race")
    from education.services import clinic_content_load

    clinic_content_load()
    answers = validated_answers()
    key = uuid.uuid4()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(services.intake_submit(answers=answers, submission_key=key))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert Intake.objects.count() == 1
    assert len({intake.pk for intake, _ in results}) == 1
    assert sum(created for _, created in results) == 1
