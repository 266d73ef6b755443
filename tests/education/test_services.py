"""The seed loader and the editors' services."""

import datetime
import json
import shutil

import pytest
from django.core.management import call_command

from education.levels import PageStatus
from education.models import Caution, CautionEffect, ScarType, Treatment, TreatmentFit
from education.services import CONTENT_DIR, clinic_content_load, pages_mark_reviewed, pages_publish
from tests.factories import TreatmentFactory, UserFactory, as_shown

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (ScarType, Treatment, TreatmentFit, Caution, CautionEffect)
    ]


def test_loader_creates_the_clinics_content(clinic_content):
    assert ScarType.objects.published().count() == 7
    assert set(Treatment.objects.published().values_list("key", flat=True)) == {
        "ha_filler", "bellafill", "fractional_laser", "chemical_peel",
        "tca_cross", "rf_microneedling", "pdo_threads",
    }  # fmt: skip
    assert Treatment.objects.get(key="subcision").status == PageStatus.DRAFT
    assert TreatmentFit.objects.count() == 8 * 7
    assert Caution.objects.count() == 22


def test_seeded_pages_name_the_clinic_setting_as_reviewer(settings, db):
    settings.CLINIC_CONTENT_REVIEWER = "Riverside medical team"
    clinic_content_load()
    for page in [*Treatment.objects.all(), *ScarType.objects.all()]:
        assert page.reviewer_name == "Riverside medical team"
        assert not page.signed_off
        assert page.next_review_due > page.last_reviewed


def test_loader_is_idempotent(clinic_content):
    before = counts()
    report = clinic_content_load()
    assert counts() == before
    assert report.created == {}
    assert report.updated == {}


def test_loader_keeps_admin_edits_unless_asked_to_overwrite(clinic_content):
    editor = UserFactory()
    treatment = Treatment.objects.get(key="ha_filler")
    treatment.summary = "Edited by an editor."
    treatment.updated_by = editor
    treatment.save()

    report = clinic_content_load()
    treatment.refresh_from_db()
    assert treatment.summary == "Edited by an editor."
    assert report.kept["treatments"] == 1
    # The report names it, so the seed's corrections can be carried over by hand.
    assert report.behind == [f"treatment {treatment.name}"]
    assert f"seed text differs: treatment {treatment.name}" in "\n".join(report.lines())

    clinic_content_load(overwrite=True)
    treatment.refresh_from_db()
    assert treatment.summary != "Edited by an editor."
    assert treatment.updated_by is None


def test_loader_refreshes_rows_nobody_edited(tmp_path, clinic_content):
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    rows = json.loads((directory / "treatments.json").read_text())
    rows[0]["summary"] = "A newer seeded summary."
    (directory / "treatments.json").write_text(json.dumps(rows))
    clinic_content_load(directory=directory)
    assert Treatment.objects.get(key=rows[0]["key"]).summary == "A newer seeded summary."


def test_dry_run_writes_nothing(db, capsys):
    call_command("load_clinic_content", "--dry-run")
    assert "Would load" in capsys.readouterr().out
    assert counts() == [0, 0, 0, 0, 0]


def test_command_reports_success(db, capsys):
    call_command("load_clinic_content")
    output = capsys.readouterr().out
    assert "treatments: 8 created" in output
    assert "Loaded the clinic's content." in output


def test_publish_refuses_a_page_without_a_reviewer_and_stamps_the_editor():
    editor = UserFactory()
    ready = TreatmentFactory(status=PageStatus.DRAFT)
    unreviewed = TreatmentFactory(status=PageStatus.DRAFT, reviewer_name="")
    published, refused = pages_publish(pages=[ready, unreviewed], user=editor)
    assert published == [ready]
    assert [page for page, _ in refused] == [unreviewed]
    ready.refresh_from_db()
    unreviewed.refresh_from_db()
    assert ready.status == PageStatus.PUBLISHED
    assert ready.updated_by == editor
    assert unreviewed.status == PageStatus.DRAFT


def test_mark_reviewed_records_the_reviewer_and_the_next_due_date():
    reviewer = UserFactory(first_name="Ana", last_name="Lopez")
    page = TreatmentFactory(signed_off=False)
    pages_mark_reviewed(
        pages=[page], user=reviewer, shown=as_shown([page]), today=datetime.date(2026, 11, 25)
    )
    page.refresh_from_db()
    assert page.reviewer_name == "Ana Lopez"
    assert page.signed_off
    assert page.last_reviewed == datetime.date(2026, 11, 25)
    assert page.next_review_due == datetime.date(2027, 11, 25)
