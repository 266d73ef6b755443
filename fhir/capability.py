"""The API's ``CapabilityStatement`` (``GET /fhir/metadata``): what it serves, read-only."""

from django.conf import settings

from fhir import codes
from fhir.search import DEFAULT_COUNT, MAX_COUNT


def capability_statement(*, date: str) -> dict:
    search_params = [
        {
            "name": "_lastUpdated",
            "type": "date",
            "documentation": "gt or ge and an instant: intakes submitted after it.",
        },
        {"name": "status", "type": "token", "documentation": "Every intake is completed."},
        {
            "name": "_count",
            "type": "number",
            "documentation": f"Page size, {DEFAULT_COUNT} unless given, at most {MAX_COUNT}.",
        },
    ]
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": date,
        "publisher": settings.CLINIC_NAME,
        "kind": "instance",
        "implementation": {
            "description": f"{settings.CLINIC_NAME} acne scar intakes (read-only)",
            "url": codes.base_url(),
        },
        "fhirVersion": codes.FHIR_VERSION,
        "format": ["json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Read-only. Each search result brings the intake's Patient, "
                "Flags and reading list (DocumentReference) as included entries.",
                "security": {
                    "description": "An integration token from the clinic manager, sent as "
                    "Authorization: Bearer <token>. Every intake read is in the audit log."
                },
                "resource": [
                    {
                        "type": "Questionnaire",
                        "interaction": [{"code": "read"}],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": search_params,
                    },
                ],
            }
        ],
    }
