"""The patient's intake pages: start, the steps, check your answers and submit, and the
personal guide with its recorded links. Thin: bind the form, call a service or selector,
render or redirect. The review workspace's views are in intake/review/views.py.

Every intake page is never cached; the guide also says noindex and no-referrer.
"""

import logging

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from clinic.client_ip import limit_key
from clinic.languages import page_in_language
from clinic.views import as_outage, service_unavailable
from intake import drafts, selectors, services
from intake.draft_views import draft_moved, retention_words, save_for_later
from intake.forms import SubmitForm
from intake.models import guide_url
from intake.photos.models import photo_consent_given
from intake.steps import (
    STEP_BY_SLUG,
    STEPS,
    answer_rows,
    next_step,
    previous_step,
    step_number,
)
from intake.submit import Outcome, draft_submit, sent_here

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def start(request):
    draft = drafts.draft_for_session(request.session).draft
    # A returning patient carries on where they stopped, or checks a finished draft.
    missing = drafts.first_missing_step(draft)
    if draft is None:
        carry_on_url = reverse("intake:step", args=[STEPS[0].slug])
    elif missing is None:
        carry_on_url = reverse("intake:check")
    else:
        carry_on_url = reverse("intake:step", args=[missing.slug])
    return render(
        request,
        "intake/start.html",
        {
            "steps": STEPS,
            "carry_on_url": carry_on_url,
            "has_draft": draft is not None,
            "draft_kept": retention_words(settings.INTAKE_DRAFT_RETENTION_HOURS),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    current = STEP_BY_SLUG.get(slug)
    if current is None:
        raise Http404("No such step")
    returning_to_check = request.GET.get("return") == "check"
    empty_form_html = None
    draft = None
    if request.method == "POST":
        form = current.form_class(data=request.POST)
        switch_to = _language_asked(request)
        if switch_to:
            return _switch_language(request, current, form, switch_to, returning_to_check)
        later = "later" in request.POST
        # A patient who stops on a half-answered step (often because they are unsure of an
        # answer) can still save: what they typed is kept as typed, as for a language
        # switch, and the link reopens this step with it. Not step 1: the link is checked
        # against its date of birth and sent to its email address.
        keep_typed = later and current is not STEPS[0] and not form.is_valid()
        if keep_typed or form.is_valid():
            save = drafts.draft_typed_keep if keep_typed else drafts.draft_step_save
            try:
                draft = _draft_save_step(request, current, form, save=save)
            except drafts.DraftMoved:
                return draft_moved(request)
            except DatabaseError:
                logger.exception("intake: step %s could not be saved", current.slug)
                request.session.modified = False
                return _step_page(request, current, form, returning_to_check, status=503)
            if later:
                draft = drafts.draft_loaded(draft)
                if not draft.email:
                    return _step_page(
                        request, current, form, returning_to_check, draft=draft, needs_email=True
                    )
                return save_for_later(request, draft)
            following = next_step(current)
            if returning_to_check or following is None:
                return redirect("intake:check")
            return redirect("intake:step", slug=following.slug)
    else:
        held = drafts.draft_for_session(request.session)
        if held.ownership is drafts.Ownership.MOVED:
            return draft_moved(request)
        draft = held.draft
        # What was typed here before a language switch, as typed; else bound to what
        # the patient sent: an answer that no longer holds (an event
        # date now past) is shown with its problem.
        form = drafts.typed_form(draft, current) or drafts.bound_form(draft, current)
        if form is None:
            # A first look at a step (no answers yet) is the same page for everyone.
            empty_form_html = _empty_form_html(current)
    return _step_page(
        request,
        current,
        form,
        returning_to_check,
        empty_form_html=empty_form_html,
        draft=draft,
    )


def _language_asked(request):
    """The language the step page's switcher asked for (its submit button), if any."""
    code = request.POST.get("switch_language")
    return code if code in dict(settings.LANGUAGES) else None


def _switch_language(request, current, form, code, returning_to_check):
    """Keeps what was typed on this step, unchecked (no error shown, nothing lost),
    then opens the same step in the asked language, where the form shows it again."""
    try:
        _draft_save_step(request, current, form, save=drafts.draft_typed_keep)
    except drafts.DraftMoved:
        return draft_moved(request)
    except DatabaseError:
        logger.exception("intake: step %s could not be kept for a language switch", current.slug)
        request.session.modified = False
        unchecked = drafts.unchecked_form(current, request.POST)
        return _step_page(request, current, unchecked, returning_to_check, status=503)
    return redirect(page_in_language(request.get_full_path(), code))


def _draft_save_step(request, current, form, save=drafts.draft_step_save):
    """Saves the step in the draft here rather than leaving the session to the
    middleware after the view, so a database failure can still show the patient
    their answers (a failure in the middleware could only answer an error page). A
    brand-new session stays marked modified, so the middleware also sets its cookie."""
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    draft = save(session=request.session, step=current, form=form, data=request.POST)
    is_new = cookie is None or cookie != request.session.session_key
    if request.session.modified:
        request.session.modified = is_new  # written: nothing left but the new cookie
    return draft


def _step_page(
    request,
    current,
    form,
    returning_to_check,
    *,
    empty_form_html=None,
    status=200,
    draft=None,
    needs_email=False,
):
    back = previous_step(current)
    context = {
        "step": current,
        "form": form,
        "number": step_number(current),
        "total": len(STEPS),
        "back_url": reverse("intake:check")
        if returning_to_check
        else (reverse("intake:step", args=[back.slug]) if back else reverse("intake:start")),
        "returning_to_check": returning_to_check,
        "empty_form_html": empty_form_html,
        "not_saved": status == 503,
        # "Save and finish later" mails a link: say so when there is no address yet.
        "later_needs_email": current != STEPS[0] and not (draft and draft.email),
        "later_refused": needs_email,
    }
    response = render(request, "intake/step.html", context, status=status)
    return as_outage(request, response) if status == 503 else response


def _empty_form_html(step):
    """The step's empty form as HTML, shared by every patient's first view of the
    step: it holds no answer and no token. Kept in the per-process "chrome" cache,
    which cannot go down with Redis and starts empty with each release."""
    cache = caches["chrome"]
    # Keyed by the language (its labels) and the day (the consent step shows today's
    # date beside the signature).
    language = translation.get_language()
    key = f"intake:empty-form:{step.slug}:{language}:{timezone.localdate().isoformat()}"
    html = cache.get(key)
    if html is None:
        html = render_crispy_form(step.form_class())
        cache.set(key, html, timeout=None)
    return mark_safe(html)  # noqa: S308 - rendered from our own form definitions only


def _check_sections(draft):
    """Each step's questions and the patient's answers so far."""
    sections = []
    for current in STEPS:
        answers = drafts.step_values(draft, current)
        sections.append(
            {
                "step": current,
                "rows": answer_rows(current, (answers or {}).get),
                "complete": answers is not None,
            }
        )
    return sections


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    if request.method == "POST":
        try:
            return _submit(request)
        except DatabaseError:
            # Before the intake was known to be saved. With the database down even
            # the session holding the answers cannot be read, and an earlier POST
            # may have saved this draft, so the page says only that it could not
            # confirm; sending again is safe (one key, one intake). Nothing was
            # written, so the answers are still there when the database returns.
            logger.exception("intake: submission could not be confirmed")
            form = SubmitForm(data=request.POST)
            key = form.cleaned_data["submission_key"] if form.is_valid() else None
            return _not_saved(request, key)
    held = drafts.draft_for_session(request.session)
    if held.ownership is drafts.Ownership.MOVED:
        return draft_moved(request)
    draft = held.draft
    if draft is None and sent_here(request.session):
        # Back after sending: no empty form to fill in again by mistake.
        return render(request, "intake/sent_from_here.html")
    missing = drafts.first_missing_step(draft)
    key = str(draft.submission_key) if draft is not None and missing is None else None
    # Counted only when the patient agreed to photos: no query for everyone else.
    photos = draft.photos.count() if draft is not None and photo_consent_given(draft) else 0
    return render(
        request,
        "intake/check.html",
        {
            "sections": _check_sections(draft),
            "missing": missing,
            "photo_count": photos,
            "submit_form": SubmitForm(initial={"submission_key": key}),
        },
    )


def _not_saved(request, submission_key):
    return service_unavailable(
        request,
        "intake/not_saved.html",
        {"submit_form": SubmitForm(initial={"submission_key": submission_key})},
    )


def _submit(request):
    """Maps the submit service's outcome to a page. Raises DatabaseError when the
    database is down."""
    form = SubmitForm(data=request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    if form.cleaned_data["website"]:
        logger.info("intake: honeypot filled; submission refused")
        return render(request, "400.html", status=400)
    result = draft_submit(
        session=request.session,
        submission_key=form.cleaned_data["submission_key"],
        client_id=limit_key(request),
        site_url=request.build_absolute_uri("/"),
    )
    outcome = result.outcome
    if outcome in (Outcome.SAVED, Outcome.REPLAY):
        request.session.modified = False  # written by the service (or left as it was)
        return redirect(guide_url(result.token))
    if outcome is Outcome.STEP_NEEDS_ANSWER:
        # An answer that was fine then no longer is (an event date now past): show
        # that step with its answers and the problem, then come back here.
        step_url = reverse("intake:step", kwargs={"slug": result.step.slug})
        return redirect(f"{step_url}?return=check&recheck=1")
    if outcome is Outcome.RATE_LIMITED:
        wait_minutes = max(1, settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS // 60)
        return render(request, "intake/too_many.html", {"wait_minutes": wait_minutes}, status=429)
    if outcome is Outcome.ALREADY_SENT:
        # Sent from another browser: say so, and nothing of the intake or its guide.
        return render(request, "intake/already_sent.html", status=409)
    if outcome is Outcome.DRAFT_MOVED:
        return draft_moved(request)
    if outcome is Outcome.SESSION_LOST:
        messages.info(
            request,
            _(
                "We could not find your answers. This can happen if the form was left open "
                "for a long time. Please start again."
            ),
        )
        return redirect("intake:start")
    return render(request, "400.html", status=400)  # Outcome.ANOTHER_DRAFT


def _guide_headers(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_GET
def guide(request, token, printable=False):
    intake = selectors.guide_for_token(token)
    if intake is None:
        return _guide_headers(render(request, "intake/guide_missing.html", status=404))
    template = "intake/guide_print.html" if printable else "intake/guide.html"

    def link(kind, slug):
        if printable:
            # Paper spells out each link's address: the public page, never the token.
            return _public_page_url(kind, slug)
        return reverse("intake:guide_open", kwargs={"token": token, "kind": kind, "slug": slug})

    context = {"intake": intake, "token": token, **selectors.guide_reading_list(intake, link=link)}
    return _guide_headers(render(request, template, context))


def _public_page_url(kind, slug):
    if kind == "page":
        return reverse(selectors.GUIDE_PAGES[slug])
    return reverse(f"education:{kind}_detail", kwargs={"slug": slug})


@never_cache
@require_GET
def guide_open(request, token, kind, slug):
    """Records that the patient opened a page from their guide, then goes there."""
    intake = selectors.guide_for_token(token)
    if intake is None:
        return _guide_headers(render(request, "intake/guide_missing.html", status=404))
    target = selectors.guide_link_target(kind, slug)
    if target is None:
        raise Http404("No such page")
    services.guide_open_record(intake=intake, page=f"{kind}:{slug}")
    return _guide_headers(redirect(target))
