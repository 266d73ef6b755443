"""The patient's optional photo step: a plain multipart form (works with JS off). Each
photo is re-made and stored at once on the browser's draft; a refused file gets its
message at its field while the other photos and every other answer stay."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from intake import drafts
from intake.draft_views import draft_moved
from intake.photos.forms import PhotoStepForm
from intake.photos.models import IntakePhoto, PhotoView, photo_store

CONSENT_KEY = "photos"  # in Draft.step_data, beside the steps' raw data


@never_cache
@require_http_methods(["GET", "POST"])
def photos_step(request):
    held = drafts.draft_for_session(request.session)
    if held.ownership is drafts.Ownership.MOVED:
        return draft_moved(request)
    draft = held.draft
    if draft is None:
        return redirect("intake:start")
    if request.method == "POST" and request.POST.get("remove") in PhotoView.values:
        IntakePhoto.objects.filter(draft=draft, view=request.POST["remove"]).delete()
        return redirect("intake:photos")
    consented = bool(draft.step_data.get(CONSENT_KEY, {}).get("photo_consent"))
    form = PhotoStepForm(initial={"photo_consent": consented})
    if request.method == "POST":
        form = PhotoStepForm(data=request.POST, files=request.FILES)
        form.is_valid()
        cleaned = getattr(form, "cleaned_data", {})
        consent = bool(cleaned.get("photo_consent"))
        if consent:
            for view in PhotoView.values:
                if cleaned.get(view):
                    photo_store(draft=draft, view=view, jpeg=cleaned[view])
        elif "photo_consent" not in form.errors:
            # Consent taken back: the photos go too.
            IntakePhoto.objects.filter(draft=draft).delete()
        draft.step_data[CONSENT_KEY] = {"photo_consent": ["on"] if consent else []}
        type(draft).objects.filter(pk=draft.pk).update(step_data=draft.step_data)
        if not form.errors:
            return redirect("intake:check")
    photos = {photo.view: photo for photo in IntakePhoto.objects.filter(draft=draft)}
    slots = [(view, label, photos.get(view), form[view]) for view, label in PhotoView.choices]
    return render(request, "photos/step.html", {"form": form, "slots": slots})
