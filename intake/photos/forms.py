"""The optional photo step: its own consent, then up to three photos."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clinic.forms import ErrorSummaryMixin
from intake.photos.images import EMPTY, TOO_BIG, PhotoRefused, photo_remake
from intake.photos.models import PhotoView

ACCEPT = "image/jpeg,image/png,image/heic,image/heif,.heic,.heif"
# What the patient reads beside each file field (the staff pages use PhotoView's labels).
PATIENT_LABELS = {
    PhotoView.FRONT: _("Front of your face"),
    PhotoView.LEFT: _("Left side of your face"),
    PhotoView.RIGHT: _("Right side of your face"),
}
CONSENT_NEEDED = _("Tick the box to agree, so we can keep your photos, or skip this step.")


class PhotoStepForm(ErrorSummaryMixin, forms.Form):
    photo_consent = forms.BooleanField(
        required=False,
        label=_(
            "I agree that the clinic keeps these photos. Only the dermatologists and the "
            "clinical team looking after me see them. They are kept with my form for as long "
            "as my answers are, then deleted. They are never used for marketing and never "
            "shared with anyone else."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One file field per view of PhotoView, the one list of the photos we ask for.
        for view in PhotoView.values:
            self.fields[view] = forms.FileField(
                required=False,
                label=PATIENT_LABELS[view],
                error_messages={"empty": EMPTY},
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )

    def _remade(self, view):
        """The re-made JPEG of one upload, None when none was sent; a refusal becomes
        that field's error, so the other photos are still taken."""
        upload = self.cleaned_data.get(view)
        if not upload:
            return None
        max_bytes = settings.INTAKE_PHOTO_MAX_BYTES
        if upload.size > max_bytes:  # refused before a byte is decoded
            self.add_error(view, TOO_BIG.format(mb=max_bytes // (1024 * 1024)))
            return None
        try:
            return photo_remake(upload.read(), max_bytes=max_bytes)
        except PhotoRefused as refused:
            self.add_error(view, str(refused.message))
            return None

    def clean(self):
        cleaned = super().clean()
        for view in PhotoView.values:
            if view in cleaned:
                cleaned[view] = self._remade(view)
        sent = any(cleaned.get(view) for view in PhotoView.values)
        if sent and not cleaned.get("photo_consent"):
            self.add_error("photo_consent", CONSENT_NEEDED)
        return cleaned
