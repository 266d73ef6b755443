"""One submitted intake as FHIR R4: the ``QuestionnaireResponse`` with every answer, the
``Patient`` with the contact details, one ``Flag`` per caution the answers raised, and a
``DocumentReference`` for the reading list (docs/fhir.md says why that, not an extension).

Plain functions over an intake loaded by ``fhir.selectors`` (answers, choice rows and
guide opens already fetched), so a page of them costs no query per intake.
"""

import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from education.levels import Severity
from fhir import codes
from fhir.questionnaire import steps
from intake.choices import CautionKey
from intake.models import MULTI_CHOICES
from intake.questions import QUESTIONS, Kind, Question
from intake.rules import MatchResult
from intake.selectors import GUIDE_PAGES, reading_list_with_opens

# A caution's highest severity as a core flag priority: urgent and contraindicated are
# high, "usually deferred" medium, "discuss" low. The clinic's own severity code travels
# alongside in the caution-severity extension, so nothing is lost in the mapping.
FLAG_PRIORITY = {
    Severity.URGENT: ("PH", "High priority"),
    Severity.CONTRAINDICATED: ("PH", "High priority"),
    Severity.USUALLY_DEFERRED: ("PM", "Medium priority"),
    Severity.DISCUSS: ("PL", "Low priority"),
}
READING_GROUPS = {
    "Suggested": "suggested",
    "Other option": "other_option",
    "Not suggested (contraindicated)": "not_suggested",
}


def resource_ids(intake) -> dict:
    ref = codes.fhir_id(intake.reference)
    return {
        "QuestionnaireResponse": ref,
        "Patient": f"{ref}-patient",
        "DocumentReference": f"{ref}-reading-list",
    }


def full_url(resource: dict) -> str:
    return f"{codes.base_url()}/{resource['resourceType']}/{resource['id']}"


def reference_identifier(intake) -> dict:
    return {"system": codes.identifier_system("intake-reference"), "value": intake.reference}


def _answer_values(question: Question, value) -> list[dict]:
    if question.kind in (Kind.SINGLE, Kind.MULTI):
        labels = question.label_of
        values = value if question.multi else [value]
        return [
            {
                "valueCoding": {
                    "system": codes.choice_system(question.choices),
                    "code": item,
                    "display": str(labels.get(item, item)),
                }
            }
            for item in values
            if item
        ]
    if question.kind == Kind.DATE:
        return [{"valueDate": value.isoformat()}] if value else []
    if question.kind == Kind.CONSENT:
        return [{"valueBoolean": bool(value)}]
    return [{"valueString": value}] if value else []


def answer_items(intake) -> list[dict]:
    """The answered questions, grouped by step as on the form; unanswered ones are left out
    (FHIR has no empty answer)."""
    choice_rows = list(intake.choice_rows.all())
    groups = []
    for slug, title in steps():
        items = []
        for question in QUESTIONS:
            if question.step != slug:
                continue
            if question.key in MULTI_CHOICES:
                value = [row.value for row in choice_rows if row.question == question.key]
            else:
                value = getattr(intake, question.key, None)
            answers = _answer_values(question, value)
            if answers:
                items.append(
                    {"linkId": question.key, "text": str(question.wording), "answer": answers}
                )
        if items:
            groups.append({"linkId": slug, "text": str(title), "item": items})
    return groups


def questionnaire_canonical(intake) -> str:
    """The Questionnaire with the rule book version the intake was read with (an intake
    stored before versions were kept names the Questionnaire alone)."""
    url = codes.questionnaire_url()
    return f"{url}|{intake.rule_version}" if intake.rule_version else url


def questionnaire_response(intake) -> dict:
    ids = resource_ids(intake)
    return {
        "resourceType": "QuestionnaireResponse",
        "id": ids["QuestionnaireResponse"],
        "meta": {"lastUpdated": codes.instant(intake.submitted_at)},
        "identifier": reference_identifier(intake),
        "questionnaire": questionnaire_canonical(intake),
        "status": "completed",
        "subject": {"reference": f"Patient/{ids['Patient']}", "display": intake.full_name},
        "authored": codes.instant(intake.submitted_at),
        "item": answer_items(intake),
    }


def patient(intake) -> dict:
    telecom = [{"system": "email", "value": intake.email}]
    if intake.phone:
        telecom.append({"system": "phone", "value": intake.phone})
    resource = {
        "resourceType": "Patient",
        "id": resource_ids(intake)["Patient"],
        "identifier": [reference_identifier(intake)],
        "name": [{"use": "official", "family": intake.last_name, "given": [intake.first_name]}],
        "telecom": telecom,
    }
    if intake.date_of_birth:
        resource["birthDate"] = intake.date_of_birth.isoformat()
    return resource


def flag(intake, caution) -> dict:
    """One caution the answers raised (a ``TriggeredCaution`` of the stored match)."""
    patient_id = resource_ids(intake)["Patient"]
    categories = [{"system": codes.FLAG_CATEGORY_SYSTEM, "code": "clinical", "display": "Clinical"}]
    if caution.highest_severity == Severity.URGENT:
        categories.append({"system": codes.FLAG_CATEGORY_SYSTEM, "code": "safety"})
    label = dict(CautionKey.choices).get(caution.key, caution.title)
    resource = {
        "resourceType": "Flag",
        "id": codes.fhir_id(f"{intake.reference}-{caution.key}"),
        "status": "active",
        "category": [{"coding": [item]} for item in categories],
        "code": {
            "coding": [
                {"system": codes.code_system("caution"), "code": caution.key, "display": label}
            ],
            "text": caution.title,
        },
        "subject": {"reference": f"Patient/{patient_id}"},
        "period": {"start": codes.instant(intake.submitted_at)},
    }
    extensions = []
    if caution.highest_severity in FLAG_PRIORITY:
        code, display = FLAG_PRIORITY[caution.highest_severity]
        coding = {"system": codes.FLAG_PRIORITY_SYSTEM, "code": code, "display": display}
        extensions.append(
            {"url": codes.FLAG_PRIORITY_EXTENSION, "valueCodeableConcept": {"coding": [coding]}}
        )
    if caution.highest_severity:
        extensions.append(
            {
                "url": codes.extension_url("caution-severity"),
                "valueCoding": {
                    "system": codes.code_system("caution-severity"),
                    "code": caution.highest_severity,
                    "display": Severity(caution.highest_severity).label
                    if caution.highest_severity in Severity.values
                    else caution.highest_severity,
                },
            }
        )
    if caution.not_sure:
        extensions.append({"url": codes.extension_url("raised-by-not-sure"), "valueBoolean": True})
    if extensions:
        resource["extension"] = extensions
    return resource


def flags(intake) -> list[dict]:
    return [
        flag(intake, caution) for caution in MatchResult.from_dict(intake.match_result).cautions
    ]


def page_url(page: str) -> str | None:
    """The public address of a recorded guide page (``treatment:slug``, ``scar:slug`` or
    ``page:key``), or None for a key this version no longer knows."""
    kind, _, slug = page.partition(":")
    if kind == "treatment":
        path = reverse("education:treatment_detail", kwargs={"slug": slug})
    elif kind == "scar":
        path = reverse("education:scar_detail", kwargs={"slug": slug})
    elif kind == "page" and slug in GUIDE_PAGES:
        path = reverse(GUIDE_PAGES[slug])
    else:
        return None
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _content(*, title: str, url: str | None, group: str | None, opened) -> dict:
    attachment = {"contentType": "text/html", "title": title}
    if url:
        attachment["url"] = url
    extensions = []
    if group:
        extensions.append({"url": codes.extension_url("reading-list-group"), "valueCode": group})
    extensions += [
        {"url": codes.extension_url("opened-at"), "valueDateTime": codes.instant(moment)}
        for moment in opened
    ]
    content = {"attachment": attachment}
    if extensions:
        content["extension"] = extensions
    return content


def reading_list(intake) -> dict:
    """The reading list the patient was given (one attachment per page, in the guide's
    order) and each time they opened a page from it."""
    rows, other_pages = reading_list_with_opens(intake)
    content = [
        _content(
            title=row["name"],
            url=page_url(f"treatment:{row['slug']}"),
            group=READING_GROUPS.get(row["group"]),
            opened=row["opened"],
        )
        for row in rows
    ]
    content += [
        _content(title=item["page"], url=page_url(item["page"]), group=None, opened=item["opened"])
        for item in other_pages
    ]
    ids = resource_ids(intake)
    resource = {
        "resourceType": "DocumentReference",
        "id": ids["DocumentReference"],
        "identifier": [reference_identifier(intake)],
        "status": "current",
        "type": {"text": "Patient education reading list"},
        "subject": {"reference": f"Patient/{ids['Patient']}"},
        "date": codes.instant(intake.submitted_at),
        "description": "The explainers the clinic's guide suggested from the intake "
        "answers, with each time the patient opened one.",
        "context": {
            "related": [{"reference": f"QuestionnaireResponse/{ids['QuestionnaireResponse']}"}]
        },
    }
    if content:
        resource["content"] = content
    else:
        resource["content"] = [
            _content(title="No pages suggested", url=None, group=None, opened=())
        ]
    return resource


def intake_resources(intake) -> list[dict]:
    """The QuestionnaireResponse first, then what it refers to or what refers to it. Always
    in English (the record's language; the labels are lazy and follow the active language),
    whatever language the patient answered in: the answers are codes either way."""
    with translation.override("en"):
        return [
            questionnaire_response(intake),
            patient(intake),
            *flags(intake),
            reading_list(intake),
        ]


def intake_bundle(intake, *, now) -> dict:
    """The download: a ``collection`` Bundle of one intake's resources."""
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": codes.instant(now)},
        "identifier": reference_identifier(intake),
        "type": "collection",
        "timestamp": codes.instant(now),
        "entry": [
            {"fullUrl": full_url(resource), "resource": resource}
            for resource in intake_resources(intake)
        ],
    }
