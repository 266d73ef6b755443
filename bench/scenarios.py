"""What `make bench` measures. To bench another page, add a Scenario to SCENARIOS.

A scenario's `iteration(client)` is one visitor's visit; every request it makes
with a `label` is timed and reported under that label. Requests without a label
still load the server but are not reported. `headline` names the labels the
table prints first; `labels` orders the rest (otherwise first seen). The `healthz`
scenario is the baseline every other label's throughput is compared with.
"""

from collections.abc import Callable
from dataclasses import dataclass

from bench.loadgen import input_value
from tests.intake.answers import VALID_STEPS

BASELINE = "healthz"
BASELINE_LABEL = "GET /healthz"
SUBMIT_LABEL = "POST /intake/check/ (submit)"


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    iteration: Callable
    headline: tuple = ()
    labels: tuple = ()
    # Baselines run briefly (BENCH_BASELINE_SECONDS); the rest run BENCH_SECONDS.
    baseline: bool = False


def healthz(client):
    client.request("GET", "/healthz", expect=(200,), label=BASELINE_LABEL)


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


SCENARIOS = {
    scenario.name: scenario
    for scenario in (
        Scenario(
            BASELINE,
            "GET /healthz (one SELECT 1): the floor every page is compared with",
            healthz,
            headline=(BASELINE_LABEL,),
            baseline=True,
        ),
        Scenario(
            "intake_submit",
            "a new patient posts the 7 intake steps, opens the check page and submits",
            intake_submit,
            headline=(SUBMIT_LABEL, "POST /intake/your-scars/"),
            labels=(
                f"GET /intake/{next(iter(VALID_STEPS))}/",
                *(f"POST /intake/{slug}/" for slug in VALID_STEPS),
                "GET /intake/check/",
            ),
        ),
    )
}
