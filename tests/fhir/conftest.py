"""Fixtures for the FHIR tests: intakes with cautions, tokens and a token-carrying client."""

import pytest

from fhir import services
from fhir.models import TokenScope
from tests.intake.answers import submitted_intake


@pytest.fixture
def intake(clinic_content):
    """An intake that raises cautions of several severities (urgent, contraindicated…)."""
    return submitted_intake(
        {
            "health": {
                "isotretinoin": "taking_now",
                "implants": ["pacemaker"],
                "smokes": "yes",
                "allergies": ["lidocaine", "other"],
                "allergy_other": "Sticking plasters",
            },
            "your-skin": {"recent_sun": ["tan", "sun_trip_planned"]},
        }
    )


@pytest.fixture
def token(db):
    """(row, token) of a read token."""
    return services.integration_token_create(name="EHR bridge")


@pytest.fixture
def api(client, token):
    """A client that sends the read token with every request."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token[1]}"
    return client


@pytest.fixture
def questionnaire_only_token(db):
    return services.integration_token_create(name="Forms catalogue", scope=TokenScope.QUESTIONNAIRE)
