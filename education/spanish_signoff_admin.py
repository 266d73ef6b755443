"""The "Spanish wording sign-off" screen: a Spanish-speaking clinician reads every fit
reason and caution wording in English and Spanish side by side and signs the Spanish as
one version (education/spanish_signoff.py). A changelist, like the clinical sign-off, so
it goes through the project's (OTP) admin site."""

from django.contrib import admin, messages

from education.models import Caution, SpanishWordingVersion, TreatmentFit
from education.signoff_admin import SignOffScreenAdmin
from education.spanish_signoff import (
    CAUTION_WORDINGS,
    SpanishWordingsChanged,
    spanish_wording_state,
    spanish_wordings_sign_off,
)

SIGN_OFF_PERMISSION = "education.sign_off_spanish_wordings"


def _rows():
    fits = [
        {
            "what": f"{fit.treatment.name_en} × {fit.scar_type.name_en}",
            "english": fit.reason_en or "",
            "spanish": fit.reason_es or "",
        }
        for fit in TreatmentFit.objects.select_related("treatment", "scar_type").order_by(
            "treatment__order", "scar_type__order"
        )
    ]
    cautions = [
        {
            "what": f"{caution.title_en}: {name.replace('_', ' ')}",
            "english": getattr(caution, f"{name}_en") or "",
            "spanish": getattr(caution, f"{name}_es") or "",
        }
        for caution in Caution.objects.order_by("order", "key")
        for name in CAUTION_WORDINGS
        if getattr(caution, f"{name}_en") or getattr(caution, f"{name}_es")
    ]
    return fits, cautions


@admin.register(SpanishWordingVersion)
class SpanishWordingSignOffAdmin(SignOffScreenAdmin):
    permission = SIGN_OFF_PERMISSION
    screen_template = "admin/education/spanish_sign_off.html"
    screen_title = "Spanish wording sign-off"

    def screen_context(self):
        fits, cautions = _rows()
        return {
            "state": spanish_wording_state(),
            "sections": [
                ("fits", f"Fit reasons ({len(fits)})", "Treatment × scar type", fits),
                ("cautions", "Caution wordings", "Caution and wording", cautions),
            ],
        }

    def sign(self, request):
        try:
            version = spanish_wordings_sign_off(
                user=request.user, expected_digest=request.POST.get("digest", "")
            )
        except SpanishWordingsChanged:
            self.message_user(
                request,
                "Not signed: a Spanish wording changed while you were reading. "
                "Read the page again, then sign.",
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                f"Signed off the Spanish wordings (version {version.digest[:12]}).",
                messages.SUCCESS,
            )
