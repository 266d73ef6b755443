"""Clinical sign-off (docs/clinical-rules.md): versions keyed by content, the diff, the
sign-off action and screen, "changed since sign-off", and the system check."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.checks import run_checks

from education.levels import Severity
from education.models import Caution, CautionEffect, RuleBookVersion, Treatment, TreatmentFit
from education.selectors import rulebook_snapshot
from education.services import (
    RuleBookChanged,
    clinic_content_load,
    pages_mark_reviewed,
    rulebook_sign_off,
)
from education.signoff import SignOffState, digest, rulebook_diff
from intake.selectors import rulebook_load
from tests.factories import UserFactory, as_shown

pytestmark = pytest.mark.django_db
SCREEN = "/admin/education/rulebookversion/"


@pytest.fixture
def dermatologist(db):
    user = UserFactory(username="drlee", first_name="Dana", last_name="Lee", is_staff=True)
    user.groups.add(Group.objects.get(name="Dermatologists"))
    return user


def sign(user):
    return rulebook_sign_off(user=user, expected_digest=rulebook_snapshot().digest)


def fit(treatment="tca_cross", scar="ice_pick"):
    return TreatmentFit.objects.get(treatment__key=treatment, scar_type__key=scar)


def test_digest_ignores_key_order_and_sees_any_change():
    assert digest({"a": 1, "b": [1, 2]}) == digest({"b": [1, 2], "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})
    assert len(digest({})) == 64


def test_diff_names_levels_reasons_wordings_severities_and_rows():
    old = {
        "treatments": [{"key": "t", "name": "Laser", "published": False}],
        "scar_types": [{"key": "s", "name": "Rolling"}],
        "fits": {"t:s": {"level": "can_help", "reason": "Old."}},
        "cautions": {
            "c": {"title": "Gold", "patient_wording": "Old.", "severity": {"t": "discuss"}},
            "gone": {"title": "Gone", "patient_wording": "", "severity": {}},
        },
    }
    new = {
        "treatments": [{"key": "t", "name": "Laser", "published": True}],
        "scar_types": [{"key": "s", "name": "Rolling"}],
        "fits": {"t:s": {"level": "first_choice", "reason": "New."}},
        "cautions": {
            "c": {"title": "Gold", "patient_wording": "New.", "severity": {"t": "contraindicated"}},
            "added": {"title": "Added", "patient_wording": "", "severity": {}},
        },
    }
    changes = {change.what: (change.before, change.after) for change in rulebook_diff(old, new)}
    assert changes == {
        "Treatment published: Laser": ("", ""),
        "Laser × Rolling: level": ("can_help", "first_choice"),
        "Laser × Rolling: reason": ("Old.", "New."),
        "Caution “Gold”: patient wording": ("Old.", "New."),
        "Caution “Gold”: severity": ("Laser: discuss", "Laser: contraindicated"),
        "Caution added: Added": ("", ""),
        "Caution removed: Gone": ("", ""),
    }
    assert rulebook_diff(None, new) == []
    assert rulebook_diff(new, new) == []


def test_each_version_names_a_stored_snapshot_keyed_by_content(clinic_content):
    book, version = rulebook_load()
    stored = RuleBookVersion.objects.get()
    assert stored.digest == version == digest(stored.snapshot)
    assert stored.snapshot["fits"]["tca_cross:ice_pick"]["level"] == "first_choice"
    assert rulebook_load()[1] == version and RuleBookVersion.objects.count() == 1

    row = fit()
    row.level = "can_help"
    row.save()
    edited = rulebook_load()[1]
    assert edited != version and RuleBookVersion.objects.count() == 2

    row.level = "first_choice"
    row.save()  # the same words again are the same version
    assert rulebook_load()[1] == version and RuleBookVersion.objects.count() == 2


def test_sign_off_stamps_every_rule_and_an_edit_shows_changed(clinic_content, dermatologist):
    version = sign(dermatologist)
    assert version.signed_by == dermatologist and version.is_signed
    assert {row.sign_off_state for row in TreatmentFit.objects.all()} == {SignOffState.SIGNED}
    cautions = Caution.objects.prefetch_related("effects__treatment")
    assert {row.sign_off_state for row in cautions} == {SignOffState.SIGNED}
    assert set(Caution.objects.values_list("approved_by", flat=True)) == {"Dana Lee"}
    # A signature is not an edit: the rows keep no editor, and the next intake uses it.
    assert TreatmentFit.objects.filter(updated_by__isnull=False).count() == 0
    assert rulebook_load()[1] == version.digest

    row = fit()
    row.reason = "A reason the dermatologist has not read."
    row.save()
    assert fit().sign_off_state == SignOffState.CHANGED
    effect = CautionEffect.objects.filter(caution__key="gold_threads").first()
    effect.severity = Severity.DISCUSS
    effect.save()
    caution = Caution.objects.get(key="gold_threads")
    assert caution.sign_off_state == SignOffState.CHANGED
    assert not RuleBookVersion.objects.get(digest=rulebook_load()[1]).is_signed


def test_sign_off_refuses_a_rule_book_that_changed_since_it_was_shown(
    clinic_content, dermatologist
):
    shown = rulebook_snapshot().digest
    row = fit()
    row.level = "limited"
    row.save()
    with pytest.raises(RuleBookChanged):
        rulebook_sign_off(user=dermatologist, expected_digest=shown)
    assert not RuleBookVersion.objects.signed().exists()
    assert not TreatmentFit.objects.exclude(approved_by="").exists()


def test_dermatologists_get_the_sign_off_permission_from_a_migration():
    group = Group.objects.get(name="Dermatologists")
    assert group.permissions.filter(codename="sign_off_rulebook").exists()
    editors = Group.objects.get(name="Content editors")
    assert not editors.permissions.filter(codename="sign_off_rulebook").exists()


def test_sign_off_screen_shows_the_matrix_cautions_and_changes(
    client, clinic_content, dermatologist
):
    client.force_login(dermatologist)
    html = client.get(SCREEN).content.decode()
    assert "Pending clinical review." in html
    assert "No rule book has been signed off yet" in html
    assert html.count('<th scope="row">') == Treatment.objects.count()
    assert "First choice" in html and "(draft, not offered)" in html
    assert Caution.objects.get(key="gold_threads").patient_wording in html
    assert "RF microneedling: Contraindicated" in html

    response = client.post(SCREEN, {"digest": rulebook_snapshot().digest}, follow=True)
    html = response.content.decode()
    assert "Signed off rule book version" in html
    assert "<strong>Signed off.</strong>" in html and "Dana Lee" in html

    row = fit()
    row.level = "limited"
    row.save()
    html = client.get(SCREEN).content.decode()
    assert "Changed (was First choice)" in html
    assert "TCA CROSS × Ice pick scars: level" in html


def test_a_stale_sign_off_is_refused_with_a_message(client, clinic_content, dermatologist):
    client.force_login(dermatologist)
    response = client.post(SCREEN, {"digest": "0" * 64}, follow=True)
    assert "the rules changed while you were reading" in response.content.decode()
    assert not RuleBookVersion.objects.signed().exists()


def test_only_the_sign_off_permission_opens_and_signs(client, clinic_content):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(editor)
    assert client.get(SCREEN).status_code == 403
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_rulebookversion"))
    client.force_login(viewer)
    assert "Only a dermatologist can sign" in client.get(SCREEN).content.decode()
    assert client.post(SCREEN, {"digest": rulebook_snapshot().digest}).status_code == 403
    assert not RuleBookVersion.objects.signed().exists()


def test_sign_off_screen_query_count(
    client, clinic_content, dermatologist, django_assert_num_queries
):
    client.force_login(dermatologist)
    sign(dermatologist)
    client.get(SCREEN)
    # Session and user (2), permissions (1: clinic.auth_backends reads user and group
    # permissions together), the snapshot (5), last signed, current, two page lists and
    # the history (5), and the admin's app list: none per row.
    with django_assert_num_queries(13):
        assert client.get(SCREEN).status_code == 200


def test_rule_approvals_are_read_only_in_the_admin(client, clinic_content):
    boss = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(boss)
    for model in (TreatmentFit, Caution):
        url = f"/admin/education/{model._meta.model_name}/{model.objects.first().pk}/change/"
        form = client.get(url).context["adminform"].form
        assert "approved_by" not in form.fields and "approved_on" not in form.fields


def test_admin_lists_say_changed_since_sign_off(client, clinic_content, dermatologist):
    page = Treatment.objects.get(key="chemical_peel")
    pages_mark_reviewed(pages=[page], user=dermatologist, shown=as_shown([page]))
    page.refresh_from_db()
    sign(dermatologist)
    boss = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(boss)
    assert (
        "Changed since sign-off" not in client.get("/admin/education/treatment/").content.decode()
    )
    page.limits = "A limit the dermatologist has not read."
    page.save()
    row = fit()
    row.level = "limited"
    row.save()
    for path in ("/admin/education/treatment/", "/admin/education/treatmentfit/"):
        assert "Changed since sign-off" in client.get(path).content.decode(), path
    assert not Treatment.objects.get(pk=page.pk).is_medically_reviewed


def test_loader_never_writes_new_seed_text_over_a_signed_rule(clinic_content, dermatologist):
    sign(dermatologist)
    TreatmentFit.objects.filter(pk=fit().pk).update(reason="As signed.")
    report = clinic_content_load()
    assert fit().reason == "As signed."
    assert report.kept["treatment fits"] == TreatmentFit.objects.count()


def warning_ids(**kwargs):
    return sorted(
        message.id
        for message in run_checks(**kwargs)
        if message.id and message.id.startswith("education.")
    )


def test_check_names_what_is_pending_only_when_asked_about_the_database(
    clinic_content, dermatologist
):
    assert warning_ids(include_deployment_checks=True) == []  # CI's deploy check
    assert warning_ids(databases=["default"]) == ["education.W001", "education.W003"]
    pages = [*Treatment.objects.published()]
    from education.models import ScarType

    for signing in (pages, [*ScarType.objects.published()]):
        pages_mark_reviewed(pages=signing, user=dermatologist, shown=as_shown(signing))
    sign(dermatologist)
    assert warning_ids(databases=["default"]) == []
    page = Treatment.objects.get(pk=pages[0].pk)
    page.summary = "A summary the dermatologist has not read."
    page.save()
    messages = [m for m in run_checks(databases=["default"]) if m.id == "education.W002"]
    assert len(messages) == 1 and page.name in messages[0].msg


def test_a_page_signed_before_hashes_were_kept_counts_as_changed():
    from education.signoff import sign_off_state

    entry = {"summary": "Words."}
    assert sign_off_state(signed=False, signed_sha256="", entry=entry) == SignOffState.PENDING
    assert sign_off_state(signed=True, signed_sha256="", entry=entry) == SignOffState.CHANGED
    signed = digest(entry)
    assert sign_off_state(signed=True, signed_sha256=signed, entry=entry) == SignOffState.SIGNED
