"""A scar photo: its re-made JPEG lives in the private "photos" storage (STORAGES), the
row here. It belongs to a draft until the intake is sent, then to the intake; deleting
either (the admin, a purge in batches) deletes the file once the transaction commits."""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from intake.draft_sql import StepDataWith


def photo_storage():
    """Looked up on each use, so settings (tests, S3 via django-storages) take effect."""
    return storages["photos"]


class PhotoView(models.TextChoices):
    FRONT = "front", "Front"
    LEFT = "left", "Left side"
    RIGHT = "right", "Right side"


class IntakePhoto(models.Model):
    draft = models.ForeignKey(
        "intake.Draft", on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    intake = models.ForeignKey(
        "intake.Intake", on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    view = models.CharField(max_length=5, choices=PhotoView)
    # A random name: nothing of the patient's file name or the reference is in it.
    file_name = models.CharField(max_length=100, unique=True, editable=False)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["view"]
        app_label = "intake"

    def __str__(self):
        return f"Photo {self.view}"

    def read(self):
        with photo_storage().open(self.file_name, "rb") as handle:
            return handle.read()


def photo_store(*, draft, view, jpeg):
    """Stores a re-made JPEG for the draft, replacing its photo of the same view."""
    name = photo_storage().save(f"{secrets.token_hex(16)}.jpg", ContentFile(jpeg))
    with transaction.atomic():
        IntakePhoto.objects.filter(draft=draft, view=view).delete()
        return IntakePhoto.objects.create(draft=draft, view=view, file_name=name)


# The photo step's consent, in Draft.step_data beside the steps' raw form data.
CONSENT_KEY = "photos"


def photo_consent_given(draft):
    return bool(draft.step_data.get(CONSENT_KEY, {}).get("photo_consent"))


def photo_step_save(*, draft, consent, remade):
    """Saves the photo step: with consent, each re-made photo replaces the draft's photo of
    its view; without it (consent taken back), every photo of the draft is deleted."""
    if consent:
        for view, jpeg in remade.items():
            if jpeg:
                photo_store(draft=draft, view=view, jpeg=jpeg)
    else:
        IntakePhoto.objects.filter(draft=draft).delete()
    draft.step_data[CONSENT_KEY] = {"photo_consent": ["on"] if consent else []}
    # Only this key, inside the UPDATE: a step saved meanwhile (re-making a photo takes
    # a moment) is kept, not overwritten with the copy read when the request began.
    type(draft).objects.filter(pk=draft.pk).update(
        step_data=StepDataWith(CONSENT_KEY, draft.step_data[CONSENT_KEY])
    )


def photos_move_to_intake(*, draft, intake):
    """At submit, in its transaction: the draft's photos become the intake's."""
    IntakePhoto.objects.filter(draft=draft).update(draft=None, intake=intake)


@receiver(post_delete, sender=IntakePhoto)
def _photo_file_delete(sender, instance, **kwargs):
    name = instance.file_name
    transaction.on_commit(lambda: photo_storage().delete(name))
