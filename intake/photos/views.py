"""The patient's optional photo step: a plain multipart form (works with JS off). Each
photo is re-made and stored at once on the browser's draft; a refused file gets its
message at its field while the other photos and every other answer stay."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from intake import drafts
from intake.draft_views import draft_moved
from intake.photos.forms import PhotoStepForm
from intake.photos.models import IntakePhoto, PhotoView, photo_consent_given, photo_step_save


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
    form = PhotoStepForm(initial={"photo_consent": photo_consent_given(draft)})
    if request.method == "POST":
        form = PhotoStepForm(data=request.POST, files=request.FILES)
        valid = form.is_valid()
        # A photo sent without consent changes nothing; otherwise the photos that passed
        # are kept even when another was refused.
        if "photo_consent" not in form.errors:
            photo_step_save(
                draft=draft,
                consent=form.cleaned_data["photo_consent"],
                remade={view: form.cleaned_data.get(view) for view in PhotoView.values},
            )
        if valid:
            return redirect("intake:check")
    photos = {photo.view: photo for photo in IntakePhoto.objects.filter(draft=draft)}
    slots = [(view, label, photos.get(view), form[view]) for view, label in PhotoView.choices]
    return render(request, "photos/step.html", {"form": form, "slots": slots})
