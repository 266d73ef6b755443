"""The review workspace: roles, the permission matrix, audit, queue, assessment."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from intake.models import AuditEvent, Intake, IntakeStatus
from tests.factories import DermatologistFactory, EditorFactory, ManagerFactory, StaffFactory
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(clinic_content):
    return submitted_intake({"health": {"isotretinoin": "taking_now", "implants": ["pacemaker"]}})


def review_urls(intake):
    ref = intake.reference
    return ["/review/", f"/review/{ref}/", f"/review/{ref}/print/", f"/review/{ref}/history/"]


def test_groups_have_the_permissions_of_their_role():
    editors = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    dermatologists = set(
        Group.objects.get(name="Dermatologists").permissions.values_list("codename", flat=True)
    )
    assert {"change_treatment", "add_scartype", "view_caution"} <= editors
    assert not {code for code in editors if "intake" in code}
    assert {"review_intake", "review_treatment", "review_scartype"} <= dermatologists
    assert "change_treatment" not in dermatologists


@pytest.mark.parametrize("who", ["anonymous", "editor", "dermatologist", "superuser", "staff"])
def test_permission_matrix(client, intake, who):
    if who == "editor":
        client.force_login(EditorFactory())
    elif who == "dermatologist":
        client.force_login(DermatologistFactory())
    elif who == "superuser":
        client.force_login(ManagerFactory())
    elif who == "staff":
        client.force_login(StaffFactory())
    for url in review_urls(intake):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/?next=")
        elif who in ("editor", "staff"):
            assert response.status_code == 403, url
            assert "You do not have access to this page" in response.content.decode()
        else:
            assert response.status_code == 200, url
    # Saving an assessment follows the same matrix; only the role changes anything.
    response = client.post(f"/review/{intake.reference}/", {"version": 0, "status": "reviewed"})
    expected_status = {"anonymous": 302, "editor": 403, "staff": 403}.get(who, 302)
    assert response.status_code == expected_status
    if who in ("anonymous", "editor", "staff"):
        assert AuditEvent.objects.count() == 0
        assert Intake.objects.get().status == IntakeStatus.NEW
    else:
        assert response["Location"] == f"/review/{intake.reference}/"
        assert Intake.objects.get().status == IntakeStatus.REVIEWED


def test_every_view_print_and_history_is_audited(client, intake, dermatologist):
    client.force_login(dermatologist)
    client.get(f"/review/{intake.reference}/", REMOTE_ADDR="10.0.0.7")
    client.get(f"/review/{intake.reference}/print/")
    client.get(f"/review/{intake.reference}/history/")
    events = list(AuditEvent.objects.order_by("id"))
    assert [event.action for event in events] == ["view", "print", "history"]
    assert all(event.actor == dermatologist for event in events)
    assert events[0].ip_address == "10.0.0.7"
    assert all(event.intake_reference == intake.reference for event in events)


def test_intake_page_puts_cautions_first_with_clinician_notes(client, intake, dermatologist):
    client.force_login(dermatologist)
    html = client.get(f"/review/{intake.reference}/").content.decode()
    cautions_at = html.index("Cautions")
    answers_at = html.index('id="answers-heading"')
    assert cautions_at < answers_at
    # Contraindicated (pacemaker, RF) sorts above discuss (isotretinoin).
    assert html.index("Contraindicated") < html.index("Isotretinoin")
    assert "Never advise the patient to stop" in html  # clinician note
    # Treatments by name and severities in words, not rule keys.
    assert "RF microneedling: Contraindicated" in html
    assert "rf_microneedling" not in html and ": contraindicated" not in html
    assert "Zoë" in html
    # One sentence, its full stop right after the value (no stray space before it).
    skin_type_line = r"Self-reported skin type \(Fitzpatrick\): [1-6](, confirm in clinic)?\."
    assert re.search(skin_type_line, html)


def test_intake_page_shows_what_the_patient_opened(client, intake, dermatologist):
    from intake.services import guide_open_record

    guide_open_record(intake=intake, page="treatment:dermal-fillers")
    client.force_login(dermatologist)
    html = client.get(f"/review/{intake.reference}/").content.decode()
    fillers = re.search(r"Dermal fillers \(hyaluronic acid\)</a>(.*?)</li>", html, re.S).group(1)
    assert "opened 1 time, first on" in fillers
    assert "not opened" in html  # the other suggestions


def assessment_data(intake, **changes):
    return {
        "version": intake.version,
        "status": "in_review",
        "grade": "3",
        "notes": "Mixed rolling and boxcar on both cheeks.",
        "plan": "Discuss subcision and laser.",
        **changes,
    }


def test_assessment_is_saved_and_audited_with_what_changed(client, intake, dermatologist):
    client.force_login(dermatologist)
    response = client.post(f"/review/{intake.reference}/", assessment_data(intake))
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.IN_REVIEW
    assert intake.assessment.grade == 3
    assert intake.assessment.updated_by == dermatologist
    change = AuditEvent.objects.get(action="change")
    assert "status: New → In review" in change.detail
    assert "grade: (blank) → 3 – Moderate" in change.detail
    # The audit log outlives the intake: the dermatologist's words stay out of it.
    assert "notes: changed" in change.detail and "plan: changed" in change.detail
    assert "cheeks" not in change.detail and "subcision" not in change.detail
    html = client.get(f"/review/{intake.reference}/").content.decode()
    assert "status: New → In review" in html


def test_dermatologist_sets_and_corrects_the_consultation_date_audited(
    client, intake, dermatologist
):
    client.force_login(dermatologist)
    booked = timezone.localdate() + datetime.timedelta(days=6)
    data = assessment_data(intake, consultation_on=booked.isoformat())
    assert client.post(f"/review/{intake.reference}/", data).status_code == 302
    intake.refresh_from_db()
    assert intake.consultation_on == booked
    moved = booked + datetime.timedelta(days=1)
    data = assessment_data(intake, consultation_on=moved.isoformat())
    assert client.post(f"/review/{intake.reference}/", data).status_code == 302
    intake.refresh_from_db()
    assert intake.consultation_on == moved
    first, second = AuditEvent.objects.filter(action="change").order_by("id")
    assert f"consultation date: (blank) → {booked.isoformat()}" in first.detail
    assert f"consultation date: {booked.isoformat()} → {moved.isoformat()}" in second.detail
    html = client.get(f"/review/{intake.reference}/").content.decode()
    assert f"consultation date: {booked.isoformat()} → {moved.isoformat()}" in html
    assert f'name="consultation_on" value="{moved.isoformat()}"' in html


def test_patients_consultation_date_is_on_the_intake_and_queue(
    client, clinic_content, dermatologist
):
    booked = timezone.localdate() + datetime.timedelta(days=2)
    dated = submitted_intake({"goals": {"consultation_on": booked.isoformat()}})
    undated = submitted_intake(submitted_at=timezone.now() - datetime.timedelta(days=5))
    assert dated.consultation_on == booked
    client.force_login(dermatologist)
    html = client.get("/review/").content.decode()
    assert html.index(dated.reference) < html.index(undated.reference)
    assert "Not booked" in html
    html = client.get("/review/", {"consultation": "soon"}).content.decode()
    assert dated.reference in html and undated.reference not in html


def test_second_concurrent_save_gets_a_conflict_and_nothing_is_overwritten(
    client, intake, dermatologist
):
    other = DermatologistFactory(username="drkim")
    opened_version = intake.version
    client.force_login(other)
    client.post(f"/review/{intake.reference}/", assessment_data(intake, notes="First words."))
    client.force_login(dermatologist)
    response = client.post(
        f"/review/{intake.reference}/",
        assessment_data(intake, version=opened_version, notes="Second words."),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this intake" in html
    assert "Second words." in html  # what this person typed is kept
    intake.refresh_from_db()
    assert intake.assessment.notes == "First words."
    assert AuditEvent.objects.filter(action="change").count() == 1
    # The conflict page shows the record again: that is a view, and it is recorded.
    last = AuditEvent.objects.order_by("-id").first()
    assert (last.action, last.actor_username) == ("view", "drlee")


def test_invalid_grade_is_refused_and_the_record_shown_is_audited(client, intake, dermatologist):
    client.force_login(dermatologist)
    response = client.post(f"/review/{intake.reference}/", assessment_data(intake, grade="7"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Isotretinoin" in html  # the whole record is on this page...
    events = list(AuditEvent.objects.values_list("action", "actor_username", "intake_reference"))
    assert events == [("view", "drlee", intake.reference)]  # ...so its reading is recorded


def test_a_refused_assessment_keeps_every_choice_and_word(client, intake, dermatologist):
    """The status and grade selects are drawn by our own one-template widget: a refused
    save (here a date that is not one) must show them as chosen, with the words typed."""
    client.force_login(dermatologist)
    data = assessment_data(intake, grade="4", consultation_on="31/31/2026")
    response = client.post(f"/review/{intake.reference}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<option value="in_review" selected>In review</option>' in html
    assert '<option value="4" selected>4 – Severe</option>' in html
    assert html.count(" selected>") == 2
    assert "Mixed rolling and boxcar on both cheeks." in html
    assert "Discuss subcision and laser." in html


def test_unknown_reference_is_404(client, dermatologist):
    client.force_login(dermatologist)
    assert client.get("/review/AS-NOPE123/").status_code == 404


def test_queue_orders_new_first_oldest_first_and_filters(client, clinic_content, dermatologist):
    now = timezone.now()
    old_new = submitted_intake(submitted_at=now - datetime.timedelta(days=3))
    young_new = submitted_intake(submitted_at=now - datetime.timedelta(days=1))
    reviewed = submitted_intake(
        {"about-you": {"first_name": "Amara"}},
        submitted_at=now - datetime.timedelta(days=9),
        status=IntakeStatus.REVIEWED,
    )
    cautious = submitted_intake(
        {"health": {"smokes": "yes"}}, submitted_at=now - datetime.timedelta(days=2)
    )
    client.force_login(dermatologist)
    html = client.get("/review/").content.decode()
    order = [html.index(i.reference) for i in (old_new, cautious, young_new, reviewed)]
    assert order == sorted(order)

    html = client.get("/review/", {"status": "reviewed"}).content.decode()
    assert reviewed.reference in html and old_new.reference not in html
    html = client.get("/review/", {"caution": "smoker"}).content.decode()
    assert cautious.reference in html and old_new.reference not in html
    html = client.get("/review/", {"q": "amara"}).content.decode()
    assert reviewed.reference in html and old_new.reference not in html
    html = client.get("/review/", {"q": young_new.reference.lower()}).content.decode()
    assert young_new.reference in html and old_new.reference not in html


def test_queue_filters_are_the_forms_own_fields(client, dermatologist):
    """Rendered from QueueFilterForm, so the page offers exactly what it validates."""
    from intake.review.forms import QueueFilterForm

    client.force_login(dermatologist)
    params = {"status": "reviewed", "caution": "smoker", "consultation": "soon", "q": "amara"}
    html = client.get("/review/", params).content.decode()
    form = QueueFilterForm(data=params)
    assert form.is_valid()
    for name in form.fields:
        assert str(form[name]) in html, name
        assert f'<label for="id_{name}" class="form-label">{form[name].label}</label>' in html
    assert html.count("<option") == sum(
        len(field.choices) for field in form.fields.values() if hasattr(field, "choices")
    )


def test_queue_pages_by_25(client, clinic_content, dermatologist):
    for _ in range(26):
        submitted_intake()
    client.force_login(dermatologist)
    html = client.get("/review/").content.decode()
    assert html.count('href="/review/AS-') == 25
    assert "Page 1<" in html and "Showing intakes 1 to 25." in html
    assert 'href="?page=2"' in html


def test_queue_query_count_does_not_grow(client, clinic_content, dermatologist):
    from django.test.utils import CaptureQueriesContext

    submitted_intake({"health": {"smokes": "yes"}})
    client.force_login(dermatologist)
    client.get("/review/")
    with CaptureQueriesContext(connection) as one:
        client.get("/review/")
    intakes = [submitted_intake({"health": {"smokes": "yes"}}) for _ in range(10)]
    base = intakes[0]
    # 200 intakes quickly: copy rows rather than re-running the rules each time.
    from intake.models import IntakeCaution

    for number in range(189):
        base.pk = None
        base.reference = f"AS-Q{number:06d}"
        base.submission_key = __import__("uuid").uuid4()
        base.guide_token_hash = f"{number:064d}"
        base.save()
        IntakeCaution.objects.create(intake=base, key="smoker", title="Smoker")
    assert Intake.objects.count() == 200
    with CaptureQueriesContext(connection) as many:
        client.get("/review/")
    assert len(many) == len(one)
    # session, user, two permission lookups, session save, count, page, cautions.
    assert len(one) <= 10, [query["sql"][:80] for query in one.captured_queries]


def test_intake_page_query_count_is_bounded(client, intake, dermatologist):
    from django.test.utils import CaptureQueriesContext

    client.force_login(dermatologist)
    # The first look reads the content names (treatments, scar types) for this content
    # version (education/lookups.py); later ones do not.
    client.get(f"/review/{intake.reference}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/review/{intake.reference}/")
    # 8 statements (one for the rule book's sign-off, which replaced the two
    # counts of unapproved rows) plus two savepoint pairs; none grows with answers.
    assert len(queries) <= 12, [query["sql"][:90] for query in queries.captured_queries]


def test_content_names_are_read_again_after_an_editor_saves(client, intake, dermatologist):
    from education.models import ScarType

    client.force_login(dermatologist)
    client.get(f"/review/{intake.reference}/")
    scar_type = ScarType.objects.order_by("order").first()
    scar_type.name = "Renamed by an editor"
    scar_type.save()
    page = client.get(f"/review/{intake.reference}/").content.decode()
    assert "Renamed by an editor" in page


def test_audit_rows_cannot_be_changed_in_the_admin(client, intake, dermatologist):
    client.force_login(dermatologist)
    client.get(f"/review/{intake.reference}/")
    event = AuditEvent.objects.get()
    boss = ManagerFactory()
    client.force_login(boss)
    assert client.get("/admin/intake/auditevent/").status_code == 200
    change = client.get(f"/admin/intake/auditevent/{event.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert client.post(f"/admin/intake/auditevent/{event.pk}/delete/").status_code == 403
    assert client.get("/admin/intake/auditevent/add/").status_code == 403
    client.force_login(dermatologist)
    assert client.get("/admin/intake/auditevent/").status_code == 403


def test_database_refuses_update_and_delete_of_audit_rows_on_postgresql(intake, dermatologist):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    from intake.services import audit_record

    event = audit_record(actor=dermatologist, action="view", intake=intake)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="edited")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


def test_print_view_shows_the_record_without_the_assessment_form(client, intake, dermatologist):
    client.force_login(dermatologist)
    html = client.get(f"/review/{intake.reference}/print/").content.decode()
    assert intake.reference in html and "Zoë" in html
    assert "Contraindicated" in html
    assert "Never advise the patient to stop" in html  # clinician note
    assert 'name="status"' not in html  # a printout, not a form


def test_intake_page_flags_rules_pending_clinical_review(client, intake, dermatologist):
    from education.services import rulebook_sign_off

    client.force_login(dermatologist)
    html = client.get(f"/review/{intake.reference}/").content.decode()
    assert "Pending clinical review." in html
    assert intake.rule_version[:12] in html
    rulebook_sign_off(user=dermatologist, expected_digest=intake.rule_version)
    html = client.get(f"/review/{intake.reference}/").content.decode()
    assert "Pending clinical review." not in html
    assert f"Rule book version <code>{intake.rule_version[:12]}</code>, signed off by" in html


def test_intake_page_says_when_the_confirmation_email_did_not_go(client, intake, dermatologist):
    client.force_login(dermatologist)
    missing = "<strong>The confirmation e-mail has not been sent</strong>"
    assert intake.confirmation_sent_at is None  # submitted_intake sends no e-mail
    assert missing in client.get(f"/review/{intake.reference}/").content.decode()
    Intake.objects.filter(pk=intake.pk).update(confirmation_sent_at=timezone.now())
    html = client.get(f"/review/{intake.reference}/").content.decode()
    assert missing not in html
    assert "Confirmation e-mail sent." in html


@pytest.mark.parametrize("dated", [False, True])
def test_queue_query_count_is_the_same_at_5_and_50_intakes(
    client, clinic_content, dermatologist, dated
):
    """Flat whether the rows have consultation dates or not (the order's two blocks)."""
    from django.test.utils import CaptureQueriesContext

    from intake.models import IntakeCaution

    base = submitted_intake({"health": {"smokes": "yes"}})
    if dated:  # every page then reads one block: a page that holds both reads one more
        base.consultation_on = timezone.localdate()
        base.save()
    client.force_login(dermatologist)
    counts = []
    for total in (5, 50):
        while Intake.objects.count() < total:
            number = Intake.objects.count()
            base.pk = None
            base.reference = f"AS-C{number:06d}"
            base.submission_key = __import__("uuid").uuid4()
            base.guide_token_hash = None
            base.consultation_on = (
                timezone.localdate() + datetime.timedelta(days=number % 7) if dated else None
            )
            base.save()
            IntakeCaution.objects.create(intake=base, key="smoker", title="Smoker")
        client.get("/review/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/review/").status_code == 200
        counts.append(len(queries))
    # Never more at 50: a page reads one row past what it shows (intake/review/paging.py),
    # so at 5 dated intakes it also reads the (empty) second block; at 50 it does not.
    assert counts[1] <= counts[0] <= counts[1] + 1, counts
