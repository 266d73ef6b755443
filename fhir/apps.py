from pathlib import Path

from django.apps import AppConfig


class FhirConfig(AppConfig):
    """``fhir`` is a namespace package, not a regular one: the test-only ``fhir.resources``
    (tests/fhir) installs the ``fhir.resources`` namespace, and a regular ``fhir`` package
    here would hide it (or be hidden by it). So this app has no ``__init__.py``, and its
    folder is given here, since a namespace has more than one."""

    name = "fhir"
    verbose_name = "Health record (FHIR)"
    path = str(Path(__file__).resolve().parent)
