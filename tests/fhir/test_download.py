"""“Download for the health record (FHIR JSON)” on the dermatologist's intake page."""

import json

import pytest

from intake.models import AuditAction, AuditEvent
from tests.factories import EditorFactory
from tests.fhir.validate import assert_valid_r4

pytestmark = pytest.mark.django_db


def test_the_intake_page_offers_the_download(client, intake, dermatologist):
    client.force_login(dermatologist)
    html = client.get(f"/review/{intake.reference}/").content.decode()
    assert f'href="/review/{intake.reference}/fhir.json"' in html
    assert "Download for the health record (FHIR JSON)" in html


def test_the_download_is_an_audited_valid_bundle_never_stored(client, intake, dermatologist):
    client.force_login(dermatologist)
    response = client.get(f"/review/{intake.reference}/fhir.json", REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="{intake.reference}-fhir.json"'
    )
    assert "no-store" in response["Cache-Control"]
    bundle = json.loads(response.content)
    assert_valid_r4(bundle)
    assert bundle["entry"][0]["resource"]["id"] == intake.reference
    event = AuditEvent.objects.get(intake=intake)
    assert (event.actor, event.action, event.ip_address) == (
        dermatologist,
        AuditAction.VIEW,
        "10.9.8.7",
    )
    assert event.detail == "Downloaded for the health record (FHIR JSON)"


def test_only_reviewers_may_download(client, intake):
    client.force_login(EditorFactory())
    assert client.get(f"/review/{intake.reference}/fhir.json").status_code == 403
    assert not AuditEvent.objects.exists()
    client.logout()
    assert client.get(f"/review/{intake.reference}/fhir.json").status_code == 302


def test_an_unknown_intake_is_404(client, dermatologist):
    client.force_login(dermatologist)
    assert client.get("/review/AS-NOPE/fhir.json").status_code == 404
    assert client.post("/review/AS-NOPE/fhir.json").status_code == 405
