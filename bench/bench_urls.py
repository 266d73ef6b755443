"""URLs for `make bench` only (bench.bench_settings): the project's, plus one page
that exists to measure the floor under the review queue.

`/review/bench-floor/` goes through everything the queue goes through before its
own work: the staff session, the user, the two-factor check (the same decorator),
the idle timeout and the intake.review_intake permission check, then answers a few
bytes. Its ratio to
/healthz is the highest any page of the review workspace can reach on the machine,
so the queue's target can be read against it. It is never in the project's URLs.
"""

from django.http import HttpResponse
from django.urls import path

from clinic.access import staff_view
from clinic.urls import handler400, handler500  # noqa: F401
from clinic.urls import urlpatterns as project_urlpatterns
from intake.review.views import REVIEW_PERMISSION

SIGNED_IN_FLOOR_TEXT = "signed-in floor"


@staff_view(REVIEW_PERMISSION)
def signed_in_floor(request):
    return HttpResponse(SIGNED_IN_FLOOR_TEXT, content_type="text/plain")


urlpatterns = [path("review/bench-floor/", signed_in_floor), *project_urlpatterns]
