"""The staff photo view: only a dermatologist (with the second factor), audited, no-store."""

import uuid

import pytest

from intake import services
from intake.models import AuditAction, AuditEvent
from tests.factories import DermatologistFactory
from tests.intake.answers import validated_answers
from tests.photos.test_storage import _draft_with_photos

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake_with_photos(photo_root):
    intake, _ = services.intake_submit(
        answers=validated_answers(), submission_key=uuid.uuid4(), draft=_draft_with_photos()
    )
    return intake


def _url(intake, photo):
    return f"/review/{intake.reference}/photos/{photo.pk}/"


def test_a_dermatologist_sees_the_photo_and_each_view_is_audited(client, intake_with_photos):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="review_intake"))
    user = DermatologistFactory()
    client.force_login(user)
    photo = intake_with_photos.photos.get(view="front")
    for _ in range(2):
        response = client.get(_url(intake_with_photos, photo))
        assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert response.content == photo.read()
    audited = AuditEvent.objects.filter(action=AuditAction.PHOTO, actor=user)
    assert audited.count() == 2
    assert set(audited.values_list("detail", flat=True)) == {"front"}
    page = client.get(f"/review/{intake_with_photos.reference}/")
    assert page.content.decode().count(f"/photos/{photo.pk}/") == 2  # thumbnail and link


def test_anonymous_and_an_editor_are_refused(client, intake_with_photos):
    from django.contrib.auth.models import User

    photo = intake_with_photos.photos.first()
    response = client.get(_url(intake_with_photos, photo))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get(_url(intake_with_photos, photo)).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.PHOTO).exists()


def test_a_photo_of_another_intake_is_not_found(client, admin_user, intake_with_photos):
    client.force_login(admin_user)
    photo = intake_with_photos.photos.first()
    assert client.get(f"/review/AS-NOPE/photos/{photo.pk}/").status_code == 404
