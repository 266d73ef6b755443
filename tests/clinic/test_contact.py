"""The clinic's phone number shows wherever patients are told to call, from one setting;
development shows a placeholder, and the deploy check warns without it."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from clinic.checks import clinic_phone_check
from clinic.contact import PHONE_PLACEHOLDER
from intake.forms import AboutYouForm
from tests.intake.answers import VALID_STEPS

pytestmark = pytest.mark.django_db


def test_deploy_check_warns_without_a_phone(settings):
    settings.CLINIC_PHONE = ""
    assert [w.id for w in clinic_phone_check(None)] == ["clinic.W001"]
    settings.CLINIC_PHONE = "555 010 0100"
    assert clinic_phone_check(None) == []


def test_deploy_check_is_registered_with_the_deploy_checks(settings):
    settings.CLINIC_PHONE = ""
    with pytest.raises(SystemCheckError, match="clinic.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


@pytest.mark.parametrize(
    ("phone", "shown"), [("", PHONE_PLACEHOLDER), ("555 010 0100", "555 010 0100")]
)
@pytest.mark.parametrize("url", ["/privacy/", "/accessibility/", "/intake/guide/not-a-token/"])
def test_pages_that_say_call_show_the_number(client, settings, url, phone, shown):
    settings.CLINIC_PHONE = phone
    html = client.get(url).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert shown in main


def test_under_18_stop_names_the_number(settings):
    settings.CLINIC_PHONE = "555 010 0100"
    today = datetime.date.today()
    data = {
        **VALID_STEPS["about-you"],
        "date_of_birth": today.replace(year=today.year - 16).isoformat(),
    }
    form = AboutYouForm(data=data)
    assert not form.is_valid()
    assert "call the clinic at 555 010 0100" in form.errors["date_of_birth"][0]


def test_confirmation_email_names_the_number(settings):
    from intake.tasks import confirmation_message
    from tests.intake.answers import submitted_intake

    settings.CLINIC_PHONE = "555 010 0100"
    intake = submitted_intake({})
    body = confirmation_message(intake, site_url="https://clinic.test/").body
    assert "please call the clinic at 555 010 0100." in body
