"""Integration tokens in the admin: created by the manager, shown once, revoked, never deleted."""

import re

import pytest

from fhir.models import IntegrationToken, TokenScope
from fhir.services import token_hash

pytestmark = pytest.mark.django_db

ADMIN = "/admin/fhir/integrationtoken/"


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    client.user = manager
    return client


def test_the_manager_creates_a_token_and_sees_it_once(manager_client, intake):
    response = manager_client.post(f"{ADMIN}add/", {"name": "EHR bridge", "scope": "read"})
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'value="(fhirtok_[^"]+)"', html).group(1)
    assert "shown only this once" in html
    assert "no-store" in response["Cache-Control"]
    row = IntegrationToken.objects.get(name="EHR bridge")
    assert row.token_hash == token_hash(token) and token not in row.token_hash
    assert row.created_by == manager_client.user and row.scope == TokenScope.READ
    # The token works, and is never shown again.
    api = manager_client.get(
        f"/fhir/QuestionnaireResponse/{intake.reference}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 200
    for page in (ADMIN, f"{ADMIN}{row.pk}/change/"):
        shown = manager_client.get(page)
        assert shown.status_code == 200
        assert token not in shown.content.decode() and row.token_hash not in shown.content.decode()
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert "Active" in manager_client.get(ADMIN).content.decode()


def test_revoking_in_the_admin_stops_the_token(manager_client, token, intake):
    row, secret = token
    response = manager_client.post(
        ADMIN, {"action": "revoke", "_selected_action": [row.pk]}, follow=True
    )
    assert "Revoked 1 token(s)." in response.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert "Revoked " in manager_client.get(ADMIN).content.decode()
    api = manager_client.get("/fhir/QuestionnaireResponse", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 401


def test_a_token_cannot_be_deleted_or_renamed(manager_client, token):
    row = token[0]
    assert manager_client.get(f"{ADMIN}{row.pk}/delete/").status_code == 403
    manager_client.post(f"{ADMIN}{row.pk}/change/", {"name": "Renamed", "scope": "questionnaire"})
    row.refresh_from_db()
    assert (row.name, row.scope) == ("EHR bridge", TokenScope.READ)


@pytest.mark.parametrize(
    "path", [ADMIN, f"{ADMIN}?scope__exact=read", f"{ADMIN}?q=EHR", f"{ADMIN}add/"]
)
def test_every_admin_page_opens(manager_client, token, path):
    assert manager_client.get(path).status_code == 200


def test_a_dermatologist_cannot_manage_tokens(client, dermatologist):
    client.force_login(dermatologist)
    assert client.get(ADMIN).status_code in (302, 403)
