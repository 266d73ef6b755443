"""Validation with the fhir.resources R4 models: parse, serialize, compare."""

import json

import fhir.resources
from fhir.resources import construct_fhir_element

assert fhir.resources.__fhir_version__ == "4.0.1", "these tests validate against R4"


def assert_valid_r4(resource: dict):
    """Parses ``resource`` as its R4 type and checks it serializes back to the same JSON."""
    parsed = construct_fhir_element(resource["resourceType"], resource)
    assert json.loads(parsed.json()) == resource
    return parsed
