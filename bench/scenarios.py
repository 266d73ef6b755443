"""What `make bench` measures, and the targets it judges.

PAGES are single GETs measured with wrk (closed loop, BENCH_CLIENTS connections);
`session=True` sends the signed-in dermatologist's cookies. Each page's req/s is
compared with /healthz's (the floor: one SELECT 1) in the same run.

SCENARIOS are multi-request flows for the Python load generator (bench/loadgen.py):
`iteration(client)` is one visitor's visit, and every request it makes with a
`label` is timed and reported under that label. The submit path needs a fresh
session per visitor and the 7 step POSTs, which wrk cannot do.

To bench another page, add a Page to PAGES (with a target if it has one).
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.answers import bench_steps
from bench.loadgen import Stopped, input_value

VALID_STEPS = bench_steps()

BASELINE = "healthz"
BASELINE_PATH = "/healthz"
SUBMIT_LABEL = "POST /intake/check/ (submit)"

# Targets (the issue): public pages >= 0.6 x /healthz req/s (the review pages: bench/scale.py),
# the submit POST's p99 < 100 ms at 16 clients (issue 16; judged at BENCH_CLIENTS clients).
PUBLIC_MIN_RATIO = 0.6
SUBMIT_MAX_P99_MS = 100.0


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    description: str
    min_ratio: float | None = None
    session: bool = False
    # Text the page must contain when the bench checks it before measuring.
    must_contain: str = ""
    # For the queue: at least this many occurrences of must_contain.
    min_occurrences: int = 1


PAGES = {
    page.name: page
    for page in (
        Page(BASELINE, BASELINE_PATH, "health check, one SELECT 1 (the baseline)",
             must_contain='"ok"'),
        Page("learn", "/learn/", "scar guide (public)", PUBLIC_MIN_RATIO, must_contain="<h1"),
        Page("explainer", "/learn/treatments/fractional-lasers/",
             "treatment explainer (public)", PUBLIC_MIN_RATIO, must_contain="<h1"),
        Page("compare", "/learn/compare/", "treatment comparison (public)", PUBLIC_MIN_RATIO,
             must_contain="<h1"),
        Page("intake_step", "/intake/about-you/", "first intake step, no cookie (public)",
             PUBLIC_MIN_RATIO, must_contain="csrfmiddlewaretoken"),
        Page("signed_in_floor", "/review/bench-floor/",
             "signed-in floor: session, user, two-factor device and permission check, "
             "then an empty answer (bench-only page; no target)",
             session=True, must_contain="signed-in floor"),
        # No ratio to /healthz any more (issue 18): the queue is judged against the
        # signed-in floor at 10,000 and 100,000 intakes (bench/scale.py).
        Page("review_queue", "/review/",
             "review queue, first page of 25, signed-in dermatologist",
             None, session=True, must_contain='href="/review/AS-',
             min_occurrences=25),
    )
}  # fmt: skip


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    iteration: Callable
    headline: tuple = ()
    labels: tuple = ()


def intake_submit(client):
    """A new patient fills in all seven steps, then submits on the check page.

    Like a browser, but without following the redirects after each step's POST
    (so each step costs one POST): GET the first step for the CSRF cookie and
    token, POST every step, GET the check page for the submission key, POST it.
    """
    client.reset()
    slugs = list(VALID_STEPS)
    page = client.request("GET", f"/intake/{slugs[0]}/", label=f"GET /intake/{slugs[0]}/")
    token = input_value(page.text, "csrfmiddlewaretoken")
    for index, slug in enumerate(slugs):
        following = f"/intake/{slugs[index + 1]}/" if index + 1 < len(slugs) else "/intake/check/"
        client.request(
            "POST",
            f"/intake/{slug}/",
            form={**VALID_STEPS[slug], "csrfmiddlewaretoken": token},
            expect=(302,),
            location=following,
            label=f"POST /intake/{slug}/",
        )
    check = client.request("GET", "/intake/check/", label="GET /intake/check/")
    key = input_value(check.text, "submission_key")
    client.request(
        "POST",
        "/intake/check/",
        form={
            "csrfmiddlewaretoken": input_value(check.text, "csrfmiddlewaretoken"),
            "submission_key": key,
            "website": "",
        },
        expect=(302,),
        location="/intake/guide/",
        label=SUBMIT_LABEL,
    )


RESUME_LABEL = "GET first unanswered step"


class ResumeLinks:
    """The single-use links bench/seed.py made (one a line in a file), handed out once
    each across the client threads; when none is left the clients stop."""

    def __init__(self, tokens=()):
        self._tokens = iter(tokens)
        self._lock = threading.Lock()

    def load(self, path):
        self.__init__([t for t in Path(path).read_text().split() if t])

    def take(self):
        with self._lock:
            token = next(self._tokens, None)
        if token is None:
            raise Stopped
        return token


RESUME_LINKS = ResumeLinks()
DOB_FIELDS = {
    k: v for fields in VALID_STEPS.values() for k, v in fields.items() if k == "date_of_birth"
}
# The seeded drafts answered the first three steps (bench/seed.py resume_links).
FIRST_UNANSWERED = f"/intake/{list(VALID_STEPS)[3]}/"


def resume(client):
    """A patient opens the e-mailed link on another device: GET the link (the token moves
    into the session), GET the date-of-birth page, POST the date, GET the first
    unanswered step it sends them to."""
    client.reset()
    token = RESUME_LINKS.take()
    client.request("GET", f"/intake/resume/{token}/", expect=(302,), location="/intake/resume/",
                   label="GET /intake/resume/<link>/")  # fmt: skip
    page = client.request("GET", "/intake/resume/", label="GET /intake/resume/")
    client.request(
        "POST",
        "/intake/resume/",
        form={**DOB_FIELDS, "csrfmiddlewaretoken": input_value(page.text, "csrfmiddlewaretoken")},
        expect=(302,),
        location=FIRST_UNANSWERED,
        label="POST /intake/resume/ (date of birth)",
    )
    client.request("GET", FIRST_UNANSWERED, label=RESUME_LABEL)


SCENARIOS = {
    scenario.name: scenario
    for scenario in (
        Scenario(
            "intake_submit",
            "a new patient posts the 7 intake steps, opens the check page and submits",
            intake_submit,
            headline=(SUBMIT_LABEL,),
            labels=(
                f"GET /intake/{next(iter(VALID_STEPS))}/",
                *(f"POST /intake/{slug}/" for slug in VALID_STEPS),
                "GET /intake/check/",
            ),
        ),
        Scenario(
            "resume",
            "a patient opens a finish-later link, confirms the date of birth and lands on "
            "the first unanswered step",
            resume,
            headline=(RESUME_LABEL,),
            labels=(
                "GET /intake/resume/<link>/",
                "GET /intake/resume/",
                "POST /intake/resume/ (date of birth)",
            ),
        ),
    )
}
