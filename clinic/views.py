"""Site-wide pages: home, policies, health check and friendly error pages."""

import logging
import sys

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.log import log_response
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


class StaffLoginView(auth_views.LoginView):
    """Django's login, styled like the site; django-axes counts the failures."""

    redirect_authenticated_user = True


def plain_error_page(title):
    """Used when even the styled error page cannot render (e.g. the database is down and a
    context processor needs it): plain, but still friendly, free of internals and in the
    page's language."""
    return format_html(
        "<!DOCTYPE html><html lang='{}'><head><meta charset='utf-8'>"
        "<title>{}</title></head><body><main>"
        "<h1>{}</h1>"
        "<p>{}</p>"
        "</main></body></html>",
        get_language() or settings.LANGUAGE_CODE,
        title,
        title,
        gettext("There was a problem on our side. Please try again in a few minutes."),
    )


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; never sets a cookie."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("healthz: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


# Django's own 403 and 404 views render 403.html / 404.html with the request; its 400
# view renders 400.html without it, so the page would lose the clinic's name.
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


# How long a browser or a proxy should wait before asking again during an outage.
RETRY_AFTER_SECONDS = 30


def caused_by_database(error):
    """True when `error`, or what it was raised from or while handling, is a
    database failure (the database is down, or stopped answering)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DatabaseError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def as_outage(request, response, *, exception=None):
    """Mark a 503 as an outage: Retry-After, and logged once here as a warning so
    Django does not log it again at error level. With ADMIN_EMAILS set, an outage
    would otherwise mail the admins on every request; the outage itself is what
    /healthz monitoring reports."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    log_response(
        "Service unavailable (database): %s",
        request.path,
        response=response,
        request=request,
        exception=exception,
        level="warning",
    )
    return response


def service_unavailable(request, template="503.html", context=None, *, exception=None):
    """A friendly 503 with Retry-After, rendered without reading the session or
    the database (both may be what is down). Django's session middleware saves
    nothing on a 5xx, so whatever the session held is kept as it was."""
    try:
        response = render(request, template, context, status=503)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        response = HttpResponse(
            plain_error_page(gettext("Sorry, this page is not available right now")), status=503
        )
    return as_outage(request, response, exception=exception)


def server_error(request):
    """handler500. A database outage is not a bug: it answers 503, the promise
    for every page while PostgreSQL is down (Django calls this while handling
    the exception, so sys.exc_info() names it)."""
    if caused_by_database(sys.exc_info()[1]):
        return service_unavailable(request, exception=sys.exc_info()[1])
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return HttpResponseServerError(plain_error_page(gettext("Sorry, something went wrong")))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /intake/",
        "Disallow: /review/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def privacy_notice(request):
    """The clinic's current Notice of Privacy Practices, as the manager published it."""
    from clinic.models import PrivacyNotice  # noqa: PLC0415 (views load before apps in checks)

    notice = PrivacyNotice.objects.current()
    return render(request, "privacy_notice.html", {"notice": notice})
