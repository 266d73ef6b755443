"""The "Mark … medically reviewed today" actions: a confirmation page with the words that
will be signed, then a signature only for the words still as shown (education/
page_signoff_admin.py). The tester's case: an editor changes a page after the
dermatologist read it; it must not go out as "medically reviewed" by her."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from education import bilingual
from education.models import ScarType, Treatment
from education.services import pages_mark_reviewed
from education.signoff import SignOffState
from tests.factories import ScarTypeFactory, TreatmentFactory, UserFactory, as_shown

pytestmark = pytest.mark.django_db
TREATMENTS = "/admin/education/treatment/"
CHANGED = "It changed since you opened the confirmation; review it again."


class HiddenInputs(HTMLParser):
    """The hidden fields of the confirmation form, as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and attrs.get("type") == "hidden" and name != "csrfmiddlewaretoken":
            self.fields.append((name, attrs.get("value", "")))


def confirm_data(response):
    parser = HiddenInputs()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def open_confirmation(client, pages, action="mark_reviewed_today", url=TREATMENTS):
    return client.post(url, {"action": action, "_selected_action": [page.pk for page in pages]})


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def derm_client(client, dermatologist):
    client.force_login(dermatologist)
    return client


def test_the_confirmation_shows_the_words_escaped_and_signs_nothing(derm_client):
    page = TreatmentFactory(signed_off=False, side_effects="Redness\n<b>Swelling</b>")
    response = open_confirmation(derm_client, [page])
    assert response.status_code == 200
    assert "admin/education/review_confirmation.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "<h1>Sign off the selected treatments</h1>" in html
    assert f'<h2 id="page-{page.pk}-heading">{page.name}</h2>' in html
    assert "<dt>Common side effects</dt>" in html
    assert "Redness<br>&lt;b&gt;Swelling&lt;/b&gt;" in html  # escaped, line by line
    assert page.what_it_is in html and page.rare_risks in html
    assert confirm_data(response) == {
        "_selected_action": [str(page.pk)],
        f"shown_{page.pk}": [page.sign_off_digest()],
        "action": ["mark_reviewed_today"],
        "post": ["yes"],
    }
    assert f'href="/learn/preview/treatments/{page.pk}/"' in html
    page.refresh_from_db()
    assert not page.signed_off and page.signed_sha256 == ""


def test_confirming_signs_the_pages_as_shown(derm_client):
    pages = [TreatmentFactory(signed_off=False), TreatmentFactory(signed_off=False)]
    data = confirm_data(open_confirmation(derm_client, pages))
    response = derm_client.post(TREATMENTS, data, follow=True)
    assert "Marked 2 page(s) as reviewed today by you." in messages_of(response)
    for page in pages:
        page.refresh_from_db()
        assert page.sign_off_state == SignOffState.SIGNED
        assert page.reviewer_name == "Dana Lee"


def test_an_edit_after_the_confirmation_opened_is_not_signed(derm_client, editor):
    changed, untouched = TreatmentFactory(signed_off=False), TreatmentFactory(signed_off=False)
    data = confirm_data(open_confirmation(derm_client, [changed, untouched]))
    # The tester's edit: made while the dermatologist reads the confirmation.
    edited = Treatment.objects.get(pk=changed.pk)
    edited.side_effects = "No side effects at all. Safe in pregnancy."
    edited.updated_by = editor
    edited.save()

    response = derm_client.post(TREATMENTS, data, follow=True)
    assert f"Not signed: {changed}. {CHANGED}" in messages_of(response)
    assert "Marked 1 page(s) as reviewed today by you." in messages_of(response)
    edited.refresh_from_db()
    assert not edited.signed_off and not edited.is_medically_reviewed
    assert edited.side_effects == "No side effects at all. Safe in pregnancy."
    assert edited.reviewer_name == changed.reviewer_name  # not hers
    untouched.refresh_from_db()
    assert untouched.is_medically_reviewed


def test_an_edit_of_a_signed_page_keeps_it_changed_not_re_signed(derm_client):
    page = TreatmentFactory(signed_off=False)
    derm_client.post(TREATMENTS, confirm_data(open_confirmation(derm_client, [page])))
    data = confirm_data(open_confirmation(derm_client, [page]))
    Treatment.objects.filter(pk=page.pk).update(limits="A limit she has not read.")
    derm_client.post(TREATMENTS, data)
    page.refresh_from_db()
    assert page.sign_off_state == SignOffState.CHANGED


def test_a_post_without_the_shown_words_signs_nothing(derm_client):
    # The old one-click post, or a forged one: no digest, no signature.
    page = TreatmentFactory(signed_off=False)
    response = derm_client.post(
        TREATMENTS,
        {"action": "mark_reviewed_today", "_selected_action": [page.pk], "post": "yes"},
        follow=True,
    )
    assert f"Not signed: {page}. {CHANGED}" in messages_of(response)
    page.refresh_from_db()
    assert not page.signed_off


def test_without_the_permission_nothing_is_shown_or_signed(client, dermatologist):
    page = TreatmentFactory(signed_off=False)
    client.force_login(dermatologist)
    data = confirm_data(open_confirmation(client, [page]))
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_treatment", "change_treatment"])
    )
    client.force_login(editor)
    response = open_confirmation(client, [page])
    assert response.status_code == 302  # "No action selected": back to the list
    response = client.post(TREATMENTS, data, follow=True)  # the confirming POST, replayed
    assert "No action selected." in messages_of(response)
    page.refresh_from_db()
    assert not page.signed_off


def test_the_permission_is_asked_again_by_the_action_itself(rf, dermatologist, editor):
    # Django's action list already leaves the action out; the action does not rely on it.
    model_admin = admin.site._registry[Treatment]
    request = rf.post(TREATMENTS, {"post": "yes"})
    request.user = editor
    with pytest.raises(PermissionDenied):
        model_admin.mark_reviewed_today(request, Treatment.objects.none())


def test_scar_types_are_confirmed_with_their_choices_in_words(derm_client):
    scar = ScarTypeFactory(signed_off=False, kind="atrophic")
    url = "/admin/education/scartype/"
    response = open_confirmation(derm_client, [scar], url=url)
    html = response.content.decode()
    assert "Sign off the selected scar types" in html
    assert f'href="/learn/preview/scars/{scar.pk}/"' in html
    assert scar.how_to_recognise in html
    derm_client.post(url, confirm_data(response))
    assert ScarType.objects.get(pk=scar.pk).is_medically_reviewed


@pytest.fixture
def spanish_client(client, dermatologist):
    dermatologist.user_permissions.add(Permission.objects.get(codename="review_treatment_es"))
    client.force_login(type(dermatologist).objects.get(pk=dermatologist.pk))
    return client


def test_the_spanish_sign_off_confirms_the_spanish_words(spanish_client, editor):
    page = TreatmentFactory(signed_off=False, side_effects_es="Enrojecimiento", limits_es="Poco")
    other = TreatmentFactory(signed_off=False, side_effects_es="Hinchazón")
    response = open_confirmation(spanish_client, [page, other], "mark_spanish_reviewed_today")
    html = response.content.decode()
    assert "Sign off the Spanish of the selected treatments" in html
    assert "Enrojecimiento" in html and 'lang="es"' in html
    assert f'href="/es/learn/preview/treatments/{page.pk}/"' in html
    assert not Treatment.objects.get(pk=page.pk).signed_off_es

    Treatment.objects.filter(pk=other.pk).update(side_effects_es="Ninguno.")
    response = spanish_client.post(TREATMENTS, confirm_data(response), follow=True)
    assert f"Not signed: the Spanish of {other}. {CHANGED}" in messages_of(response)
    assert "Marked the Spanish of 1 page(s) as reviewed today by you." in messages_of(response)
    page.refresh_from_db()
    other.refresh_from_db()
    assert bilingual.spanish_sign_off_state(page) == SignOffState.SIGNED
    assert not page.signed_off  # the English is signed on its own
    assert bilingual.spanish_sign_off_state(other) == SignOffState.PENDING


def test_a_dermatologist_can_open_the_preview_of_what_she_signs(client, dermatologist, editor):
    draft = TreatmentFactory(status="draft", signed_off=False)
    scar = ScarTypeFactory(status="draft", signed_off=False)
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(f"/learn/preview/treatments/{draft.pk}/").status_code == 403
    client.force_login(dermatologist)
    assert not dermatologist.has_perm("education.change_treatment")
    for url in (
        f"/learn/preview/treatments/{draft.pk}/",
        f"/es/learn/preview/treatments/{draft.pk}/",
        f"/learn/preview/scars/{scar.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["preview"] is True
    # Only a view: she still cannot save the page in the admin.
    response = client.get(f"/admin/education/treatment/{draft.pk}/change/")
    assert response.status_code == 403 or "_save" not in response.content.decode()


def test_the_service_signs_one_models_pages_at_a_time(dermatologist):
    # `shown` is keyed by pk, and a treatment and a scar type can share one.
    pages = [TreatmentFactory(), ScarTypeFactory()]
    with pytest.raises(ValueError, match="one model's pages"):
        pages_mark_reviewed(pages=pages, user=dermatologist, shown=as_shown(pages))


def test_a_page_that_does_not_validate_is_named_and_the_others_are_signed(derm_client):
    broken, fine = TreatmentFactory(signed_off=False), TreatmentFactory(signed_off=False)
    # As an import or an old row could leave it: the admin's form would refuse this.
    Treatment.objects.filter(pk=broken.pk).update(summary="")
    data = confirm_data(open_confirmation(derm_client, [broken, fine]))
    response = derm_client.post(TREATMENTS, data, follow=True)
    assert response.status_code == 200  # it was a server error page for the whole batch
    shown = messages_of(response)
    assert "Marked 1 page(s) as reviewed today by you." in shown
    assert any(
        text.startswith(f"Not signed: {broken}. Fix it first: ") and "blank" in text
        for text in shown
    ), shown
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert not broken.is_medically_reviewed and fine.is_medically_reviewed
