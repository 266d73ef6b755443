"""fhir/intake_record.py: one intake as a valid R4 Bundle that says what the patient said."""

import datetime

import pytest
from django.utils import timezone

from fhir import codes, intake_record, questionnaire, selectors
from intake.models import IntakeCaution
from intake.services import guide_open_record
from tests.fhir.validate import assert_valid_r4

pytestmark = pytest.mark.django_db


def _bundle(intake):
    loaded = selectors.intake_for_export(reference=intake.reference)
    return intake_record.intake_bundle(loaded, now=timezone.now())


def _resources(bundle, kind):
    return [
        entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind
    ]


def _answers(response):
    return {item["linkId"]: item["answer"] for group in response["item"] for item in group["item"]}


def test_the_bundle_and_each_resource_are_valid_r4_and_round_trip(intake):
    bundle = _bundle(intake)
    assert_valid_r4(bundle)
    for entry in bundle["entry"]:
        assert_valid_r4(entry["resource"])
        assert entry["fullUrl"] == (
            f"{codes.base_url()}/{entry['resource']['resourceType']}/{entry['resource']['id']}"
        )
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds[:2] == ["QuestionnaireResponse", "Patient"] and kinds[-1] == "DocumentReference"
    assert bundle["type"] == "collection"


def test_the_response_is_completed_authored_and_names_the_versioned_questionnaire(intake):
    (response,) = _resources(_bundle(intake), "QuestionnaireResponse")
    assert response["status"] == "completed"
    assert response["id"] == intake.reference
    assert response["questionnaire"] == f"{codes.questionnaire_url()}|{intake.rule_version}"
    authored = datetime.datetime.fromisoformat(response["authored"])
    assert authored == intake.submitted_at
    assert response["subject"]["reference"] == f"Patient/{intake.reference}-patient"


def test_every_answer_fits_the_questionnaire_item_it_answers(intake):
    """Each answer's linkId is a question of the Questionnaire, in its step, of its type,
    and each coded answer is one of that item's options."""
    (response,) = _resources(_bundle(intake), "QuestionnaireResponse")
    form = questionnaire.questionnaire(version=intake.rule_version)
    items = {
        (group["linkId"], item["linkId"]): item for group in form["item"] for item in group["item"]
    }
    value_key = {"choice": "valueCoding", "string": "valueString", "text": "valueString"}
    value_key |= {"date": "valueDate", "boolean": "valueBoolean"}
    for group in response["item"]:
        for answered in group["item"]:
            item = items[(group["linkId"], answered["linkId"])]
            assert len(answered["answer"]) == 1 or item.get("repeats")
            for answer in answered["answer"]:
                assert list(answer) == [value_key[item["type"]]]
                if item["type"] == "choice":
                    assert answer["valueCoding"] in [o["valueCoding"] for o in item["answerOption"]]


def test_answers_say_what_the_patient_said(intake):
    (response,) = _resources(_bundle(intake), "QuestionnaireResponse")
    answers = _answers(response)
    assert [a["valueCoding"]["code"] for a in answers["recent_sun"]] == ["tan", "sun_trip_planned"]
    assert answers["isotretinoin"][0]["valueCoding"]["display"] == "I take it now"
    assert answers["date_of_birth"] == [{"valueDate": "1990-04-12"}]
    assert answers["allergy_other"] == [{"valueString": "Sticking plasters"}]
    assert answers["consent_storage"] == [{"valueBoolean": True}]
    assert answers["first_name"] == [{"valueString": "Zoë"}]
    # Optional questions left blank are not answered at all (FHIR has no empty answer).
    assert "anything_else" not in answers and "event_date" not in answers


def test_the_patient_carries_the_contact_details(intake):
    (patient,) = _resources(_bundle(intake), "Patient")
    assert patient["name"] == [{"use": "official", "family": "O'Brien-Nguyễn", "given": ["Zoë"]}]
    assert patient["telecom"] == [
        {"system": "email", "value": "zoe@example.org"},
        {"system": "phone", "value": "+1 555 123 4567"},
    ]
    assert patient["birthDate"] == "1990-04-12"
    assert patient["identifier"][0]["value"] == intake.reference


def test_each_caution_is_a_flag_coded_by_its_key_with_its_severity(intake):
    flags = _resources(_bundle(intake), "Flag")
    stored = {row.key: row.highest_severity for row in IntakeCaution.objects.filter(intake=intake)}
    assert [flag["code"]["coding"][0]["code"] for flag in flags] == list(stored)
    assert {"isotretinoin_recent", "implanted_device_or_metal", "smoker"} <= set(stored)
    for flag in flags:
        key = flag["code"]["coding"][0]["code"]
        assert flag["code"]["coding"][0]["system"] == codes.code_system("caution")
        assert flag["status"] == "active"
        assert flag["subject"]["reference"] == f"Patient/{intake.reference}-patient"
        extensions = {ext["url"]: ext for ext in flag["extension"]}
        severity = extensions[codes.extension_url("caution-severity")]["valueCoding"]["code"]
        assert severity == stored[key]
        priority = extensions[codes.FLAG_PRIORITY_EXTENSION]["valueCodeableConcept"]["coding"][0]
        assert priority["code"] == intake_record.FLAG_PRIORITY[severity][0]
        categories = [c["coding"][0]["code"] for c in flag["category"]]
        assert categories == (["clinical", "safety"] if severity == "urgent" else ["clinical"])


@pytest.mark.parametrize(
    ("severity", "priority"),
    [("urgent", "PH"), ("contraindicated", "PH"), ("usually_deferred", "PM"), ("discuss", "PL")],
)
def test_severity_maps_to_a_core_flag_priority(severity, priority):
    assert intake_record.FLAG_PRIORITY[severity][0] == priority


def test_the_reading_list_is_a_document_reference_with_what_was_opened(intake):
    guide_open_record(intake=intake, page="treatment:dermal-fillers")
    guide_open_record(intake=intake, page="page:compare")
    (document,) = _resources(_bundle(intake), "DocumentReference")
    assert_valid_r4(document)
    by_title = {item["attachment"]["title"]: item for item in document["content"]}
    fillers = next(item for title, item in by_title.items() if title.startswith("Dermal fillers"))
    assert fillers["attachment"]["url"].endswith("/learn/treatments/dermal-fillers/")
    opened = [e for e in fillers["extension"] if e["url"] == codes.extension_url("opened-at")]
    assert len(opened) == 1
    groups = {e["valueCode"] for item in document["content"] for e in item.get("extension", [])
              if e["url"] == codes.extension_url("reading-list-group")}  # fmt: skip
    assert "suggested" in groups
    compare = by_title["page:compare"]
    assert compare["attachment"]["url"].endswith("/learn/compare/")
    opened_url = codes.extension_url("opened-at")
    unopened = [
        item
        for item in document["content"]
        if not any(e["url"] == opened_url for e in item.get("extension", []))
    ]
    assert unopened, "pages not opened are listed too"


def test_an_intake_without_cautions_or_phone_is_still_valid(clinic_content):
    from tests.intake.answers import submitted_intake

    plain = submitted_intake({"about-you": {"phone": ""}})
    bundle = _bundle(plain)
    assert_valid_r4(bundle)
    (patient,) = _resources(bundle, "Patient")
    assert [t["system"] for t in patient["telecom"]] == ["email"]


def test_an_intake_without_a_rule_version_names_the_questionnaire_alone(intake):
    intake.rule_version = ""
    response = intake_record.questionnaire_response(intake)
    assert response["questionnaire"] == codes.questionnaire_url()
    assert_valid_r4(response)


def test_an_old_intake_with_keys_no_version_has_today_still_exports(intake):
    from tests.intake.test_old_intakes import OLD_RESULT

    intake.match_result = OLD_RESULT
    intake.save()
    bundle = _bundle(intake)
    assert_valid_r4(bundle)
    (flag,) = _resources(bundle, "Flag")
    assert flag["code"]["coding"][0]["code"] == "retired_caution"
    assert [e["url"] for e in flag["extension"]] == [codes.extension_url("caution-severity")]
