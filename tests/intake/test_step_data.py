"""What a step page says beyond its questions comes from the step's data (intake/steps.py)."""

import pytest

from intake.steps import STEP_BY_SLUG

pytestmark = pytest.mark.django_db


def test_the_consent_step_links_to_the_privacy_notice_from_its_data(client):
    assert STEP_BY_SLUG["consent"].link.url_name == "privacy"
    html = client.get("/intake/consent/").content.decode()
    assert 'Please read our <a href="/privacy/">privacy notice</a> before you agree.' in html
    assert "privacy notice</a>" not in client.get("/intake/goals/").content.decode()
