"""The clinic's FHIR identifiers: the canonical base, code systems and extension URLs.

Everything is under one canonical base (``SITE_URL`` + ``/fhir``), so the clinic's codes
never clash with another organisation's. Codes are the app's own stored values (the choice
keys of ``intake/choices.py`` and the caution keys), which never change once used: a value
renamed there would be a new code here, so an old intake stays readable.
"""

import re
from datetime import UTC, date, datetime

from django.conf import settings

FHIR_VERSION = "4.0.1"  # R4
CONTENT_TYPE = "application/fhir+json; charset=utf-8"
QUESTIONNAIRE_ID = "acne-scar-intake"


def base_url() -> str:
    return f"{settings.SITE_URL.rstrip('/')}/fhir"


def questionnaire_url() -> str:
    """The Questionnaire's canonical URL; it is also where the API serves it."""
    return f"{base_url()}/Questionnaire/{QUESTIONNAIRE_ID}"


def code_system(name: str) -> str:
    """A clinic code system: ``<base>/CodeSystem/<name>``."""
    return f"{base_url()}/CodeSystem/{name}"


def extension_url(name: str) -> str:
    """A clinic extension: ``<base>/StructureDefinition/<name>``."""
    return f"{base_url()}/StructureDefinition/{name}"


def identifier_system(name: str) -> str:
    return f"{base_url()}/NamingSystem/{name}"


def choice_system(choice_class) -> str:
    """The code system of one closed answer set: ``ScarLook`` → ``…/CodeSystem/scar-look``."""
    return code_system(re.sub(r"(?<!^)(?=[A-Z])", "-", choice_class.__name__).lower())


def fhir_id(text: str) -> str:
    """A FHIR id (letters, digits, ``-`` and ``.``) from a reference or a key."""
    return re.sub(r"[^A-Za-z0-9.-]", "-", text)[:64]


def instant(moment: datetime) -> str:
    """A FHIR instant, in UTC, to the microsecond (incremental pulls compare it exactly)."""
    return moment.astimezone(UTC).isoformat()


def fhir_date(day: date | None) -> str | None:
    return day.isoformat() if day else None


# Core R4 extensions and code systems used by the clinic's resources.
TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation"
OPTION_EXCLUSIVE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
FLAG_PRIORITY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/flag-priority"
FLAG_PRIORITY_SYSTEM = "http://hl7.org/fhir/flag-priority-code"
FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category"
