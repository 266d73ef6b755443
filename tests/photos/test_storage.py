"""Photos follow the draft into the intake, and go (files too) when it is deleted or purged."""

import datetime
import io
import uuid

import pytest
from django.utils import timezone
from PIL import Image

from intake import services
from intake.models import Draft, Intake
from intake.photos.images import photo_remake
from intake.photos.models import IntakePhoto, photo_storage, photo_store
from tests.intake.answers import validated_answers

pytestmark = pytest.mark.django_db


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (190, 130, 110)).save(out, "JPEG")
    return photo_remake(out.getvalue())


def _draft_with_photos(**fields):
    draft = Draft.objects.create(reference=f"AS-{uuid.uuid4().hex[:7].upper()}", **fields)
    for view in ("front", "left", "right"):
        photo_store(draft=draft, view=view, jpeg=_jpeg())
    return draft


def _files(root):
    return sorted(path.name for path in root.glob("*")) if root.exists() else []


def test_files_get_random_names_in_the_private_root(photo_root):
    draft = _draft_with_photos()
    names = [photo.file_name for photo in draft.photos.all()]
    assert sorted(names) == _files(photo_root)
    assert all(draft.reference not in name and len(name) == 36 for name in names)


def test_a_photo_replaced_or_removed_leaves_no_file(photo_root, django_capture_on_commit_callbacks):
    draft = _draft_with_photos()
    with django_capture_on_commit_callbacks(execute=True):
        photo_store(draft=draft, view="front", jpeg=_jpeg())
        draft.photos.get(view="left").delete()
    assert len(_files(photo_root)) == 2


def test_the_photos_move_with_the_intake_at_submit(photo_root):
    draft = _draft_with_photos()
    intake, created = services.intake_submit(
        answers=validated_answers(), submission_key=uuid.uuid4(), draft=draft
    )
    assert created
    assert sorted(intake.photos.values_list("view", flat=True)) == ["front", "left", "right"]
    assert IntakePhoto.objects.filter(draft__isnull=False).count() == 0
    assert photo_storage().exists(intake.photos.first().file_name)


def test_deleting_an_intake_deletes_its_files(photo_root, django_capture_on_commit_callbacks):
    draft = _draft_with_photos()
    intake, _ = services.intake_submit(
        answers=validated_answers(), submission_key=uuid.uuid4(), draft=draft
    )
    assert len(_files(photo_root)) == 3
    with django_capture_on_commit_callbacks(execute=True):
        intake.delete()
    assert _files(photo_root) == []
    assert not IntakePhoto.objects.exists()


def test_purging_old_intakes_and_drafts_deletes_their_files(
    photo_root, django_capture_on_commit_callbacks
):
    old = timezone.now() - datetime.timedelta(days=400)
    draft = _draft_with_photos()
    intake, _ = services.intake_submit(
        answers=validated_answers(), submission_key=uuid.uuid4(), draft=draft
    )
    Intake.objects.filter(pk=intake.pk).update(submitted_at=old)
    _draft_with_photos(saved_at=old)
    kept = _draft_with_photos()
    assert len(_files(photo_root)) == 9
    with django_capture_on_commit_callbacks(execute=True):
        report = services.intakes_purge(draft_hours=72, submitted_days=365)
    assert (report.intakes, report.drafts) == (1, 1)
    assert _files(photo_root) == sorted(p.file_name for p in kept.photos.all())
