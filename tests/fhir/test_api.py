"""The read-only FHIR API: tokens, refusals as OperationOutcomes, search and paging, audit."""

import datetime
import json
import logging
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from fhir import services
from fhir.models import IntegrationToken
from intake.models import AuditAction, AuditEvent, Intake
from tests.factories import DermatologistFactory
from tests.fhir.validate import assert_valid_r4

pytestmark = pytest.mark.django_db

SEARCH = "/fhir/QuestionnaireResponse"


def _json(response):
    assert response["Content-Type"].startswith("application/fhir+json")
    return json.loads(response.content)


def assert_outcome(response, status, code):
    assert response.status_code == status, response.content[:300]
    body = _json(response)
    assert_valid_r4(body)
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == code
    return body


def test_metadata_is_a_valid_capability_statement_and_needs_no_token(client):
    response = client.get("/fhir/metadata")
    body = _json(response)
    assert response.status_code == 200
    assert_valid_r4(body)
    assert body["fhirVersion"] == "4.0.1"
    types = {r["type"]: r for r in body["rest"][0]["resource"]}
    assert set(types) == {"Questionnaire", "QuestionnaireResponse"}
    assert {i["code"] for i in types["QuestionnaireResponse"]["interaction"]} == {
        "read",
        "search-type",
    }


def test_questionnaire_is_served_at_its_canonical_url_with_the_rule_book_version(
    api, clinic_content
):
    from fhir import codes
    from intake.selectors import rulebook_load

    response = api.get("/fhir/Questionnaire/acne-scar-intake")
    body = _json(response)
    assert response.status_code == 200
    assert_valid_r4(body)
    assert body["url"] == codes.questionnaire_url()
    assert urlsplit(body["url"]).path == "/fhir/Questionnaire/acne-scar-intake"
    assert body["version"] == rulebook_load()[1]
    assert_outcome(api.get("/fhir/Questionnaire/another"), 404, "not-found")


def test_a_submitted_intake_names_the_questionnaire_version_the_api_serves(api, intake):
    questionnaire = _json(api.get("/fhir/Questionnaire/acne-scar-intake"))
    response = _json(api.get(f"{SEARCH}/{intake.reference}"))
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"


@pytest.mark.parametrize(
    "path", ["/fhir/Questionnaire/acne-scar-intake", SEARCH, f"{SEARCH}/AS-1", "/fhir/Patient/1"]
)
def test_no_token_or_a_bad_token_is_401(client, token, path):
    body = assert_outcome(client.get(path), 401, "login")
    assert "Authorization: Bearer" in body["issue"][0]["diagnostics"]
    assert client.get(path)["WWW-Authenticate"].startswith("Bearer")
    for header in ("Bearer fhirtok_wrong", "Basic dXNlcjpwYXNz", "Bearer", token[1]):
        response = client.get(path, HTTP_AUTHORIZATION=header)
        assert_outcome(response, 401, "login")


def test_a_signed_in_staff_session_is_not_a_token(client, intake):
    client.force_login(DermatologistFactory())
    assert_outcome(client.get(SEARCH), 401, "login")
    assert_outcome(client.get(f"{SEARCH}/{intake.reference}"), 401, "login")


def test_a_revoked_token_is_401_from_the_next_request(api, token, intake):
    assert api.get(SEARCH).status_code == 200
    services.integration_tokens_revoke(queryset=IntegrationToken.objects.filter(pk=token[0].pk))
    body = assert_outcome(api.get(SEARCH), 401, "login")
    assert "revoked" in body["issue"][0]["diagnostics"]
    assert_outcome(api.get(f"{SEARCH}/{intake.reference}"), 401, "login")


def test_a_questionnaire_only_token_may_not_read_intakes(client, questionnaire_only_token, intake):
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {questionnaire_only_token[1]}"
    assert client.get("/fhir/Questionnaire/acne-scar-intake").status_code == 200
    assert_outcome(client.get(SEARCH), 403, "forbidden")
    assert_outcome(client.get(f"{SEARCH}/{intake.reference}"), 403, "forbidden")
    assert not AuditEvent.objects.filter(actor_username__startswith="Forms catalogue").exists()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_write_method_is_405(api, intake, method):
    for path in ("/fhir/metadata", SEARCH, f"{SEARCH}/{intake.reference}"):
        response = getattr(api, method)(path, data="{}", content_type="application/fhir+json")
        assert_outcome(response, 405, "not-supported")
        assert response["Allow"] == "GET, HEAD"
    assert Intake.objects.filter(pk=intake.pk).exists()


@pytest.mark.parametrize("path", ["/fhir/Patient", "/fhir/Patient/AS-1", "/fhir/Flag/x"])
def test_another_resource_type_is_404(api, path):
    assert_outcome(api.get(path), 404, "not-supported")


def test_an_unknown_response_is_404(api, db):
    assert_outcome(api.get(f"{SEARCH}/AS-NOPE"), 404, "not-found")


@pytest.mark.parametrize(
    "query",
    [
        "name=x",
        "_lastUpdated=2026-01-01",
        "_lastUpdated=lt2026-01-01T00:00:00Z",
        "_lastUpdated=gt2026-01-01T00:00:00",
        "_lastUpdated=gtyesterday",
        # Well-formed but impossible: these were 500s.
        "_lastUpdated=gt9999-99-99",
        "_lastUpdated=ge2026-02-30",
        "_lastUpdated=gt2026-13-01T00:00:00Z",
        "status=done",
        "_count=0",
        "_count=101",
        "_count=ten",
        "_cursor=bm90IGEgY3Vyc29y",
        "_cursor=%%%",
        "_format=xml",
        "status=completed&status=completed",
    ],
)
def test_a_bad_search_parameter_is_400(api, db, query):
    assert_outcome(api.get(f"{SEARCH}?{query}"), 400, "invalid")


def test_answers_are_never_cached(api, intake):
    for path in ("/fhir/metadata", SEARCH, f"{SEARCH}/{intake.reference}", f"{SEARCH}?x=1"):
        assert "no-store" in api.get(path)["Cache-Control"], path


def test_read_returns_the_response_and_is_audited_under_the_tokens_name(api, intake, token):
    response = api.get(f"{SEARCH}/{intake.reference}", REMOTE_ADDR="10.1.2.3")
    body = _json(response)
    assert response.status_code == 200
    assert_valid_r4(body)
    assert body["id"] == intake.reference
    event = AuditEvent.objects.get(intake=intake)
    assert (event.actor, event.actor_username, event.action) == (
        None,
        "EHR bridge (integration token)",
        AuditAction.VIEW,
    )
    assert event.ip_address == "10.1.2.3" and "FHIR API" in event.detail
    token[0].refresh_from_db()
    assert token[0].last_used_at is not None


def _make_intakes(base, count, *, start, prefix="C"):
    """Copies of ``base`` submitted one minute apart from ``start`` (the rules run once)."""
    import uuid

    made = []
    for number in range(count):
        copy = Intake.objects.get(pk=base.pk)
        copy.pk = None
        copy.reference = f"AS-{prefix}{number:06d}"
        copy.submission_key = uuid.uuid4()
        copy.guide_token_hash = None
        copy.submitted_at = start + datetime.timedelta(minutes=number)
        copy.save()
        made.append(copy)
    return made


def _pull(api, url):
    """Follows next links from ``url``; returns the matched responses' ids and the bundles."""
    ids, bundles = [], []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content[:300]
        bundle = _json(response)
        bundles.append(bundle)
        ids += [
            e["resource"]["id"] for e in bundle.get("entry", []) if e["search"]["mode"] == "match"
        ]
        url = next((link["url"] for link in bundle["link"] if link["relation"] == "next"), None)
    return ids, bundles


def test_search_pages_through_every_intake_once_oldest_first(api, intake):
    start = timezone.now() - datetime.timedelta(days=1)
    intake.submitted_at = start - datetime.timedelta(hours=1)
    intake.save()
    made = _make_intakes(intake, 12, start=start)
    ids, bundles = _pull(api, f"{SEARCH}?status=completed&_count=5")
    assert ids == [intake.reference] + [row.reference for row in made]
    assert [
        len([e for e in b.get("entry", []) if e["search"]["mode"] == "match"]) for b in bundles
    ] == [5, 5, 3]
    for bundle in bundles:
        assert bundle["type"] == "searchset" and bundle["total"] == 13
        assert_valid_r4(bundle)
    # Each match brings its Patient, Flags and reading list as included entries.
    kinds = {
        e["resource"]["resourceType"]
        for e in bundles[0]["entry"]
        if e["search"]["mode"] == "include"
    }
    assert kinds == {"Patient", "Flag", "DocumentReference"}


def test_incremental_pulls_with_last_updated_bring_only_new_intakes(api, intake):
    start = timezone.now() - datetime.timedelta(days=1)
    first = _make_intakes(intake, 3, start=start)
    intake.delete()
    ids, bundles = _pull(api, f"{SEARCH}?status=completed")
    assert ids == [row.reference for row in first]
    last_seen = bundles[-1]["entry"][-4]["resource"]  # not the last entry: includes follow
    newest = max(
        e["resource"]["meta"]["lastUpdated"]
        for b in bundles
        for e in b["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    )
    assert last_seen  # the bundle has entries
    assert _pull(api, f"{SEARCH}?_lastUpdated=gt{newest}")[0] == []
    later = Intake.objects.get(pk=first[-1].pk)
    later.pk, later.reference = None, "AS-LATER01"
    later.submission_key = __import__("uuid").uuid4()
    later.submitted_at = timezone.now()
    later.save()
    from urllib.parse import quote

    assert _pull(api, f"{SEARCH}?_lastUpdated=gt{quote(newest)}&status=completed")[0] == [
        "AS-LATER01"
    ]
    # An unencoded "+" of the zone arrives as a space: still read as the instant it was.
    assert _pull(api, f"{SEARCH}?_lastUpdated=gt{newest}")[0] == ["AS-LATER01"]
    assert _pull(api, f"{SEARCH}?_lastUpdated=ge{quote(newest)}")[0] == [
        first[-1].reference,
        "AS-LATER01",
    ]


def test_other_statuses_find_nothing(api, intake):
    bundle = _json(api.get(f"{SEARCH}?status=in-progress"))
    assert bundle["total"] == 0 and "entry" not in bundle


def test_search_audits_each_intake_on_the_page(api, intake):
    made = _make_intakes(intake, 3, start=timezone.now() - datetime.timedelta(hours=1))
    api.get(f"{SEARCH}?_count=2")
    events = AuditEvent.objects.filter(actor_username="EHR bridge (integration token)")
    # The page's two intakes, oldest first, and nobody else.
    oldest = sorted([intake, *made], key=lambda row: (row.submitted_at, row.pk))[:2]
    assert sorted(e.intake_reference for e in events) == sorted(r.reference for r in oldest)
    assert all(e.detail == "Read through the FHIR API (search)" for e in events)


def test_a_page_of_50_costs_the_same_queries_as_a_page_of_5(api, intake):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = timezone.now() - datetime.timedelta(days=2)
    _make_intakes(intake, 4, start=start)
    api.get(f"{SEARCH}?_count=50")
    with CaptureQueriesContext(connection) as five:
        bundle = _json(api.get(f"{SEARCH}?_count=50"))
    assert bundle["total"] == 5
    _make_intakes(intake, 45, start=start + datetime.timedelta(hours=3), prefix="D")
    with CaptureQueriesContext(connection) as fifty:
        bundle = _json(api.get(f"{SEARCH}?_count=50"))
    assert bundle["total"] == 50 and len(bundle["entry"]) > 50
    assert len(fifty) == len(five), [q["sql"][:80] for q in fifty.captured_queries]
    # Token, its last use, a savepoint, the count, the page, its choice rows, its guide
    # opens, its audit rows, the savepoint's release.
    assert len(five) == 9, [q["sql"][:80] for q in five.captured_queries]


def test_the_rate_limit_answers_429_per_token(api, settings, db):
    settings.FHIR_RATE_LIMIT = 2
    assert api.get(SEARCH).status_code == 200
    assert api.get(SEARCH).status_code == 200
    response = api.get(SEARCH)
    assert_outcome(response, 429, "throttled")
    assert response["Retry-After"] == str(settings.FHIR_RATE_LIMIT_WINDOW_SECONDS)


def test_repeated_bad_tokens_from_one_address_are_throttled(client, settings, token):
    settings.FHIR_RATE_LIMIT_FAILURES = 3
    for _ in range(3):
        assert client.get(SEARCH, HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    assert_outcome(client.get(SEARCH, HTTP_AUTHORIZATION=f"Bearer {token[1]}"), 429, "throttled")


def test_tokens_never_reach_a_log(client, token, caplog, intake):
    import io

    from clinic.redact import redact_secrets

    caplog.set_level(logging.DEBUG)
    # The project's own handlers (with their redacting filters), writing to a buffer.
    written = io.StringIO()
    handlers = {h for name in ("", "django", "clinic") for h in logging.getLogger(name).handlers}
    streams = [(h, h.setStream(written)) for h in handlers if isinstance(h, logging.StreamHandler)]
    assert streams, "the console handler is configured"
    client.get(f"{SEARCH}/{intake.reference}", HTTP_AUTHORIZATION=f"Bearer {token[1]}")
    client.get(SEARCH, HTTP_AUTHORIZATION=f"Bearer {token[1]}x")
    client.get(f"{SEARCH}/{token[1]}", HTTP_AUTHORIZATION=f"Bearer {token[1]}")
    for handler, stream in streams:
        handler.setStream(stream)
    assert "GET /fhir/QuestionnaireResponse/[redacted] 404" in written.getvalue()
    assert token[1] not in written.getvalue()
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert token[1] not in redact_secrets(text)
    line = f'GET /fhir/x "Authorization: Bearer {token[1]}" {token[1]}'
    assert token[1] not in redact_secrets(line)
    assert redact_secrets(f"authorization=bearer {token[1]}") == "authorization=bearer [redacted]"


def test_an_error_report_hides_the_authorization_header(rf, token):
    """The e-mail to ADMINS on a 500 lists the request's headers: never the token."""
    import sys

    from clinic.logging import RedactingExceptionReporter

    request = rf.get("/fhir/QuestionnaireResponse", HTTP_AUTHORIZATION=f"Bearer {token[1]}")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = RedactingExceptionReporter(request, *sys.exc_info())
        text, html = reporter.get_traceback_text(), reporter.get_traceback_html()
    assert "HTTP_AUTHORIZATION" in text
    assert token[1] not in text and token[1] not in html


def test_head_is_allowed_like_get(api, db):
    assert api.head("/fhir/QuestionnaireResponse").status_code == 200
