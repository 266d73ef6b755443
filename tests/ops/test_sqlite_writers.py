"""On SQLite (the zero-set-up default), writers wait for each other instead of
failing (issue 13, finding 11).

Two racing submits of one draft, under the production gunicorn configuration
(2 sync workers) on a SQLite file: before, one could answer 503 "Your answers
were not sent yet" while the other saved the intake, because two deferred
transactions that both read and then write deadlock on SQLite's lock upgrade
and one is refused at once. With transaction_mode IMMEDIATE and a busy timeout,
the second writer waits its turn and finds the first one's intake.
"""

import shutil
import sqlite3
import threading

from tests.ops import stack as ops
from tests.ops.conftest import sqlite_fill_steps

DRAFTS = 6


def test_racing_submits_of_one_draft_give_one_intake_and_no_error_page(sqlite_app):
    app, db_path = sqlite_app
    answers = []
    for _ in range(DRAFTS):
        patient = ops.Client(app.port)
        key = sqlite_fill_steps(patient)
        # As after an editor's change, each worker builds the rule book again inside
        # the submit's transaction: a read before the write, where SQLite's deferred
        # transactions deadlock.
        shutil.rmtree(app.root / "cache", ignore_errors=True)
        # Two tabs of one browser: the same cookies, the same draft, sent at once.
        tabs = [ops.Client(app.port) for _ in range(2)]
        for tab in tabs:
            tab.cookies = dict(patient.cookies)
        barrier = threading.Barrier(2)

        def send(tab, key=key, barrier=barrier):
            barrier.wait()
            response = tab.post("/intake/check/", {"submission_key": key, "website": ""})
            answers.append((key, response.status, response.location, response.text[:300]))

        threads = [threading.Thread(target=send, args=(tab,)) for tab in tabs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    errors = [answer for answer in answers if answer[1] != 302]
    assert errors == [], f"error pages: {errors}\n{app.log_tail()}"
    assert len(answers) == 2 * DRAFTS
    assert all(location.startswith("/intake/guide/") for _, _, location, _ in answers)
    sent = {key.replace("-", "") for key, _, _, _ in answers}  # SQLite stores UUIDs as hex
    with sqlite3.connect(db_path) as db:
        counts = db.execute(
            "SELECT submission_key, count(*) FROM intake_intake GROUP BY submission_key"
        ).fetchall()
    counts = {key: count for key, count in counts if key in sent}
    assert len(sent) == DRAFTS and counts == dict.fromkeys(sent, 1), counts
