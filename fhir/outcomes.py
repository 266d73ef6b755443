"""Errors as FHIR ``OperationOutcome`` resources, with the HTTP status that goes with each."""

import json

from django.http import HttpResponse

from fhir import codes


def fhir_response(resource: dict, *, status: int = 200, headers=None) -> HttpResponse:
    response = HttpResponse(
        json.dumps(resource, ensure_ascii=False), content_type=codes.CONTENT_TYPE, status=status
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def operation_outcome(code: str, diagnostics: str) -> dict:
    """``code`` is an R4 issue-type code (``login``, ``forbidden``, ``not-found``…)."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}],
    }


def outcome_response(status: int, code: str, diagnostics: str, headers=None) -> HttpResponse:
    return fhir_response(operation_outcome(code, diagnostics), status=status, headers=headers)


class FhirError(Exception):
    """Raised by the API's helpers; the view turns it into an OperationOutcome response."""

    def __init__(self, status: int, code: str, diagnostics: str, headers=None):
        super().__init__(diagnostics)
        self.status, self.code, self.diagnostics = status, code, diagnostics
        self.headers = headers or {}

    def response(self) -> HttpResponse:
        return outcome_response(self.status, self.code, self.diagnostics, self.headers)
