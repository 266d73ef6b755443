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
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from clinic.client_ip import client_ip
from clinic.views import as_outage, service_unavailable
from intake import selectors, services
from intake import tasks as intake_tasks
from intake.forms import SubmitForm
from intake.models import guide_url
from intake.steps import (
    STEP_BY_SLUG,
    STEPS,
    IntakeDraft,
    answer_rows,
    next_step,
    previous_step,
    step_number,
)

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def start(request):
    draft = IntakeDraft(request.session)
    has_draft = bool(draft.data["answers"])
    # A returning patient carries on where they stopped, or checks a finished draft.
    missing = draft.first_missing_step()
    if not has_draft:
        carry_on_url = reverse("intake:step", args=[STEPS[0].slug])
    elif missing is None:
        carry_on_url = reverse("intake:check")
    else:
        carry_on_url = reverse("intake:step", args=[missing.slug])
    return render(
        request,
        "intake/start.html",
        {"steps": STEPS, "carry_on_url": carry_on_url, "has_draft": has_draft},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    current = STEP_BY_SLUG.get(slug)
    if current is None:
        raise Http404("No such step")
    returning_to_check = request.GET.get("return") == "check"
    empty_form_html = None
    if request.method == "POST":
        form = current.form_class(data=request.POST)
        if form.is_valid():
            try:
                _draft_save_step(request, current, form.cleaned_data)
            except DatabaseError:
                logger.exception("intake: step %s could not be saved", current.slug)
                request.session.modified = False
                return _step_page(request, current, form, returning_to_check, status=503)
            following = next_step(current)
            if returning_to_check or following is None:
                return redirect("intake:check")
            return redirect("intake:step", slug=following.slug)
    else:
        draft = IntakeDraft(request.session)
        initial = draft.answers_for(current)
        if initial and request.GET.get("recheck"):
            # Sent back from the check page: show what no longer holds, with the answers.
            form = draft.bound_form(current)
        elif initial:
            form = current.form_class(initial=initial)
        else:
            # A first look at a step (no answers yet) is the same page for everyone.
            form, empty_form_html = None, _empty_form_html(current)
    return _step_page(request, current, form, returning_to_check, empty_form_html=empty_form_html)


def _draft_save_step(request, current, cleaned_data):
    """Reads the draft, adds the step and writes the session here rather than in
    the session middleware after the view, so a database failure can still show
    the patient their answers (a failure in the middleware could only answer an
    error page). A brand-new session stays marked modified, so the middleware
    also sets its cookie."""
    IntakeDraft(request.session).save_step(current, cleaned_data)
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    is_new = cookie is None or cookie != request.session.session_key
    request.session.save()
    request.session.modified = is_new  # written: nothing left but the new cookie


def _step_page(request, current, form, returning_to_check, *, empty_form_html=None, status=200):
    back = previous_step(current)
    response = render(
        request,
        "intake/step.html",
        {
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
        },
        status=status,
    )
    return as_outage(request, response) if status == 503 else response


def _empty_form_html(step):
    """The step's empty form as HTML, shared by every patient's first view of the
    step: it holds no answer and no token. Kept in the per-process "chrome" cache,
    which cannot go down with Redis and starts empty with each release."""
    cache = caches["chrome"]
    key = f"intake:empty-form:{step.slug}"
    html = cache.get(key)
    if html is None:
        html = render_crispy_form(step.form_class())
        cache.set(key, html, timeout=None)
    return mark_safe(html)  # noqa: S308 - rendered from our own form definitions only


def _check_sections(draft):
    """Each step's questions and the patient's answers so far."""
    sections = []
    for current in STEPS:
        answers = draft.answers_for(current)
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
    draft = IntakeDraft(request.session)
    missing = draft.first_missing_step()
    # The key is made (and the session written) only when there is something to
    # send: a visit with no answers stores nothing, so it makes no session row.
    key = draft.submission_key() if missing is None else None
    return render(
        request,
        "intake/check.html",
        {
            "sections": _check_sections(draft),
            "missing": missing,
            "submit_form": SubmitForm(initial={"submission_key": key}),
        },
    )


def _not_saved(request, submission_key):
    return service_unavailable(
        request,
        "intake/not_saved.html",
        {"submit_form": SubmitForm(initial={"submission_key": submission_key})},
    )


def _client_id(request):
    return client_ip(request) or "unknown"


def _submit(request):
    """Saves the draft once. Raises DatabaseError when the database is down."""
    form = SubmitForm(data=request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    if form.cleaned_data["website"]:
        logger.info("intake: honeypot filled; submission refused")
        return render(request, "400.html", status=400)
    submission_key = form.cleaned_data["submission_key"]
    token = services.guide_token_for(submission_key)
    draft = IntakeDraft(request.session)
    if draft.data.get("submission_key") != str(submission_key):
        # Not this session's draft. A replay after success (the draft is cleared
        # once saved) goes straight to the guide.
        if selectors.guide_for_token(token) is not None:
            return redirect(guide_url(token))
        if "submission_key" not in draft.data:
            # The session (and the answers in it) is gone: say so, and start again.
            messages.info(
                request,
                "We could not find your answers. This can happen if the form was left open "
                "for a long time. Please start again.",
            )
            return redirect("intake:start")
        return render(request, "400.html", status=400)
    answers, bad_step = draft.validated_answers()
    if answers is None:
        # An answer that was fine then no longer is (an event date now past): show
        # that step with its answers and the problem, then come back here.
        step_url = reverse("intake:step", kwargs={"slug": bad_step.slug})
        return redirect(f"{step_url}?return=check&recheck=1")
    client_id = _client_id(request)
    if not services.submission_slot_take(client_id=client_id):
        wait_minutes = max(1, settings.INTAKE_RATE_LIMIT_WINDOW_SECONDS // 60)
        return render(request, "intake/too_many.html", {"wait_minutes": wait_minutes}, status=429)
    try:
        intake, created = services.intake_submit(answers=answers, submission_key=submission_key)
    except DatabaseError:
        services.submission_slot_release(client_id=client_id)
        raise
    try:
        if created:
            # The worker sends the e-mails; the patient never waits for a mail server.
            intake_tasks.intake_submitted_queue(
                intake=intake, site_url=request.build_absolute_uri("/")
            )
        else:
            services.submission_slot_release(client_id=client_id)
        draft.clear()
        request.session.save()
    except DatabaseError:
        # Saved: from here on the patient goes to the guide whatever fails. A draft
        # not cleared only sends a later POST of it to the same guide.
        logger.warning("intake %s: saved; the follow-up writes failed", intake.reference)
    request.session.modified = False
    return redirect(guide_url(token))


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
