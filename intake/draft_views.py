"""Save and finish later: the page after a draft is saved and its link mailed, the
link itself, the date-of-birth check that reopens the draft in this browser, and the
pages for a draft now open elsewhere or a link that no longer works."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.client_ip import client_ip, limit_key
from intake import drafts
from intake.draft_forms import ResumeForm
from intake.drafts import retention_words
from intake.finish_later import LinkOutcome, finish_later, masked_email

__all__ = ["draft_moved", "retention_words", "save_for_later"]


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def save_for_later(request, draft):
    """After "Save and finish later" (the draft is saved): a new single-use link,
    mailed unless a limit holds it back; the page says which."""
    ip_address = client_ip(request)

    def link_for(token):
        return request.build_absolute_uri(reverse("intake:resume_link", kwargs={"token": token}))

    result = finish_later(
        draft=draft, client_id=limit_key(request), link_for=link_for, ip_address=ip_address
    )
    missing = drafts.first_missing_step(draft)
    carry_on = reverse("intake:step", args=[missing.slug]) if missing else reverse("intake:check")
    limited = result.outcome is LinkOutcome.CLIENT_LIMITED
    return render(
        request,
        "intake/saved.html",
        {
            "outcome": result.outcome.value,
            "wait_minutes": result.wait_minutes,
            "email": masked_email(draft.email),
            "expires_at": draft.expires_at,
            "carry_on_url": carry_on,
        },
        status=429 if limited else 200,
    )


def draft_moved(request):
    return render(request, "intake/moved.html", status=409)


@never_cache
@require_POST
def start_again(request):
    """Leaves a draft that is now open elsewhere (it is not changed) and starts afresh."""
    drafts.draft_forget(request.session)
    return redirect("intake:start")


def _link_missing(request, *, ended=False):
    context = {"ended": ended, "kept": retention_words(settings.INTAKE_DRAFT_RETENTION_HOURS)}
    return _noindex(render(request, "intake/link_missing.html", context, status=404))


@never_cache
@require_GET
def resume_link(request, token):
    """The e-mailed link. Like Django's password reset, the token moves into the
    session and leaves the address bar, so no Referer or later log line carries it."""
    if drafts.draft_for_link(token) is None:
        return _link_missing(request)
    request.session[drafts.RESUME_SESSION_KEY] = token
    response = _noindex(redirect("intake:resume"))
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def resume(request):
    token = request.session.get(drafts.RESUME_SESSION_KEY)
    draft = drafts.draft_for_link(token)
    if draft is None:
        return _link_missing(request)
    form = ResumeForm(data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        outcome = drafts.draft_resume(
            session=request.session,
            token=token,
            date_of_birth=form.cleaned_data["date_of_birth"],
            ip_address=client_ip(request),
        )
        if outcome.result is drafts.ResumeResult.RESUMED:
            missing = drafts.first_missing_step(outcome.draft)
            if missing is None:
                return redirect("intake:check")
            return redirect("intake:step", slug=missing.slug)
        if outcome.result is drafts.ResumeResult.WRONG_DATE:
            left = outcome.tries_left
            form.add_error(
                "date_of_birth",
                ngettext(
                    "This date of birth does not match the one in your answers. "
                    "You can try %(count)d more time.",
                    "This date of birth does not match the one in your answers. "
                    "You can try %(count)d more times.",
                    left,
                )
                % {"count": left},
            )
        else:
            request.session.pop(drafts.RESUME_SESSION_KEY, None)
            return _link_missing(request, ended=outcome.result is drafts.ResumeResult.ENDED)
    # The site's own Referrer-Policy: "no-referrer" would make the browser send
    # "Origin: null" with the form, which CSRF protection refuses.
    return _noindex(render(request, "intake/resume.html", {"form": form}))
