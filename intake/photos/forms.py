"""The optional photo step: its own consent, then up to three photos."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clinic.forms import ErrorSummaryMixin
from intake.photos.images import EMPTY, TOO_BIG, PhotoRefused, photo_remake
from intake.photos.models import PhotoView

ACCEPT = "image/jpeg,image/png,image/heic,image/heif,.heic,.heif"
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
    front = forms.FileField(
        required=False,
        label=_("Front of your face"),
        error_messages={"empty": EMPTY},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    left = forms.FileField(
        required=False,
        label=_("Left side of your face"),
        error_messages={"empty": EMPTY},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    right = forms.FileField(
        required=False,
        label=_("Right side of your face"),
        error_messages={"empty": EMPTY},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, has_photos=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_photos = has_photos

    def _remade(self, name):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        max_bytes = settings.INTAKE_PHOTO_MAX_BYTES
        if upload.size > max_bytes:  # refused before a byte is decoded
            raise forms.ValidationError(TOO_BIG.format(mb=max_bytes // (1024 * 1024)))
        try:
            return photo_remake(upload.read(), max_bytes=max_bytes)
        except PhotoRefused as refused:
            raise forms.ValidationError(str(refused.message)) from refused

    def clean_front(self):
        return self._remade("front")

    def clean_left(self):
        return self._remade("left")

    def clean_right(self):
        return self._remade("right")

    def clean(self):
        cleaned = super().clean()
        sent = any(cleaned.get(view) for view in PhotoView.values)
        if sent and not cleaned.get("photo_consent"):
            self.add_error("photo_consent", CONSENT_NEEDED)
        return cleaned
