"""``GET /fhir/QuestionnaireResponse?…``: the search parameters the API understands and the
``searchset`` Bundle it answers with (docs/fhir.md, "Pulling new intakes").

Paging is by keyset, not by offset: the next link carries the last row's (submitted time,
id), so a page costs the same at row 100,000 as at row 1, and an intake submitted while a
client pages is neither skipped nor repeated.
"""

import base64
import binascii
import datetime
import json
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.dateparse import parse_date, parse_datetime

from fhir import codes
from fhir.intake_record import full_url, intake_resources
from fhir.outcomes import FhirError

DEFAULT_COUNT = 50
MAX_COUNT = 100
QR_STATUSES = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
KNOWN = {"_lastUpdated", "status", "_count", "_cursor", "_format"}
JSON_FORMATS = {"json", "application/json", "application/fhir+json"}


@dataclass(frozen=True)
class Search:
    after: datetime.datetime | None = None
    after_inclusive: bool = False
    status: str = "completed"
    count: int = DEFAULT_COUNT
    cursor: tuple[datetime.datetime, int] | None = None


def _bad(message: str) -> FhirError:
    return FhirError(400, "invalid", message)


def _instant(text: str) -> datetime.datetime:
    """A FHIR dateTime: a full instant with its zone, or a date (midnight UTC). A ``+`` sent
    unencoded arrives as a space; it is read as the ``+`` it was."""
    text = text.replace(" ", "+")
    try:  # Well-formed but impossible (month 13, February 30) raises: a 400 like the rest.
        moment = parse_datetime(text) if "T" in text else None
        day = parse_date(text) if "T" not in text and len(text) == 10 else None
    except ValueError:
        moment = day = None
    if day is not None:
        moment = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
    if moment is None or moment.tzinfo is None:
        raise _bad(
            "_lastUpdated must be gt or ge and a time with its zone, "
            "for example gt2026-12-01T09:00:00Z."
        )
    return moment


def encode_cursor(moment: datetime.datetime, pk: int) -> str:
    raw = json.dumps([moment.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor(text: str) -> tuple[datetime.datetime, int]:
    try:
        padded = text + "=" * (-len(text) % 4)
        moment_text, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        moment = parse_datetime(moment_text)
        if moment is None or moment.tzinfo is None or not isinstance(pk, int):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise _bad("_cursor is not one this server gave out. Start again without it.") from None
    return moment, pk


def parse_search(params) -> Search:
    """``params`` is a QueryDict. Raises FhirError (400) for anything it does not understand,
    so a typo never silently returns every intake."""
    unknown = sorted(set(params) - KNOWN)
    if unknown:
        raise _bad(f"Unknown search parameter: {', '.join(unknown)}.")
    for name in params:
        if len(params.getlist(name)) > 1:
            raise _bad(f"Give {name} once.")
    values = {}
    if (fmt := params.get("_format")) is not None and fmt not in JSON_FORMATS:
        raise _bad("Only JSON is served: leave out _format or use _format=json.")
    if (updated := params.get("_lastUpdated")) is not None:
        prefix, text = updated[:2], updated[2:]
        if prefix not in ("gt", "ge"):
            raise _bad("_lastUpdated must start with gt or ge, for example gt2026-12-01T09:00:00Z.")
        values["after"] = _instant(text)
        values["after_inclusive"] = prefix == "ge"
    if (status := params.get("status")) is not None:
        if status not in QR_STATUSES:
            raise _bad(f"status must be one of: {', '.join(sorted(QR_STATUSES))}.")
        values["status"] = status
    if (count := params.get("_count")) is not None:
        if not count.isdigit() or not 1 <= int(count) <= MAX_COUNT:
            raise _bad(f"_count must be a whole number from 1 to {MAX_COUNT}.")
        values["count"] = int(count)
    if (cursor := params.get("_cursor")) is not None:
        values["cursor"] = _cursor(cursor)
    return Search(**values)


def page_link(base: str, params, **changes) -> str:
    query = {name: params.get(name) for name in params}
    query.update(changes)
    return f"{base}?{urlencode({k: v for k, v in query.items() if v is not None})}"


def searchset(*, intakes, total: int, self_url: str, next_url: str | None, now):
    """The searchset Bundle: each QuestionnaireResponse (mode match) followed by the Patient,
    Flags and DocumentReference of that intake (mode include), so one pull brings all."""
    entries = []
    for intake in intakes:
        for index, resource in enumerate(intake_resources(intake)):
            entries.append(
                {
                    "fullUrl": full_url(resource),
                    "resource": resource,
                    "search": {"mode": "match" if index == 0 else "include"},
                }
            )
    links = [{"relation": "self", "url": self_url}]
    if next_url:
        links.append({"relation": "next", "url": next_url})
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": codes.instant(now)},
        "type": "searchset",
        "total": total,
        "link": links,
    }
    if entries:
        bundle["entry"] = entries
    return bundle
