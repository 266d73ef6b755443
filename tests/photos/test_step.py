"""The patient's photo step: stored re-made, clear refusals, nothing else lost."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from intake.models import Draft
from intake.photos import images
from intake.photos.models import photo_consent_given
from tests.intake.answers import fill_all_steps

pytestmark = pytest.mark.django_db


def _upload(name="front.jpg", data=None):
    if data is None:
        out = io.BytesIO()
        Image.new("RGB", (400, 300), (190, 130, 110)).save(out, "JPEG")
        data = out.getvalue()
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.fixture
def filled(client):
    fill_all_steps(client)
    return client


def test_three_photos_with_consent_are_stored_and_removable(filled, photo_root):
    response = filled.post(
        "/intake/photos/",
        {"photo_consent": "on", "front": _upload(), "left": _upload(), "right": _upload()},
    )
    assert response.status_code == 302 and response["Location"] == "/intake/check/"
    draft = Draft.objects.get()
    assert draft.photos.count() == 3
    filled.post("/intake/photos/", {"remove": "left"})
    assert sorted(draft.photos.values_list("view", flat=True)) == ["front", "right"]


def test_a_photo_without_consent_is_refused(filled, photo_root):
    response = filled.post("/intake/photos/", {"front": _upload()})
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert not Draft.objects.get().photos.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", images.EMPTY),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", images.WRONG_TYPE),
        (b"%PDF-1.7", images.WRONG_TYPE),
    ],
)
def test_a_refused_file_gets_its_message_and_the_rest_is_kept(filled, photo_root, data, message):
    response = filled.post(
        "/intake/photos/",
        {"photo_consent": "on", "front": _upload(), "left": _upload("bad", data)},
    )
    assert response.status_code == 200
    assert str(message) in response.content.decode()
    draft = Draft.objects.get()
    assert list(draft.photos.values_list("view", flat=True)) == ["front"]
    assert draft.step_data["about-you"]  # every other answer is still there


def test_skipping_is_fine(filled):
    assert filled.get("/intake/photos/").status_code == 200
    html = filled.get("/intake/check/").content.decode()
    assert "/intake/photos/" in html and "You added" not in html


def test_the_check_page_says_how_many_photos_go_with_the_answers(filled, photo_root):
    filled.post("/intake/photos/", {"photo_consent": "on", "front": _upload(), "left": _upload()})
    assert (
        "You added 2 photos. They go with your answers."
        in filled.get("/intake/check/").content.decode()
    )
    filled.post("/intake/photos/", {"remove": "left"})
    assert (
        "You added 1 photo. It goes with your answers."
        in filled.get("/intake/check/").content.decode()
    )


def test_a_file_over_the_size_limit_is_refused_at_its_field(filled, photo_root, settings):
    settings.INTAKE_PHOTO_MAX_BYTES = 1024 * 1024
    big = _upload("big.jpg", b"\xff\xd8\xff" + b"\0" * (1024 * 1024 + 1))
    response = filled.post(
        "/intake/photos/", {"photo_consent": "on", "front": _upload(), "right": big}
    )
    assert response.status_code == 200
    assert str(images.TOO_BIG.format(mb=1)) in response.content.decode()
    assert list(Draft.objects.get().photos.values_list("view", flat=True)) == ["front"]


def test_consent_taken_back_deletes_the_photos_and_is_remembered(filled, photo_root):
    filled.post("/intake/photos/", {"photo_consent": "on", "front": _upload()})
    draft = Draft.objects.get()
    assert photo_consent_given(draft)
    response = filled.post("/intake/photos/", {})
    assert response["Location"] == "/intake/check/"
    draft.refresh_from_db()
    assert not draft.photos.exists()
    assert not photo_consent_given(draft)
    consent_box = re.search(
        r'<input type="checkbox"[^>]*name="photo_consent"[^>]*>',
        filled.get("/intake/photos/").content.decode(),
        re.S,
    )
    assert consent_box and "checked" not in consent_box.group(0)


def test_a_photo_sent_after_consent_is_taken_back_changes_nothing(filled, photo_root):
    filled.post("/intake/photos/", {"photo_consent": "on", "front": _upload()})
    filled.post("/intake/photos/", {"left": _upload()})  # box unticked: refused
    draft = Draft.objects.get()
    assert list(draft.photos.values_list("view", flat=True)) == ["front"]
    assert photo_consent_given(draft)


def test_two_errors_on_one_field_share_one_described_element(rf):
    # aria-describedby points at one id; two errors must not repeat it.
    from django.template.loader import render_to_string

    from intake.photos.forms import PhotoStepForm
    from intake.photos.models import PhotoView

    form = PhotoStepForm(data={})
    form.is_valid()
    form.add_error("front", "First problem.")
    form.add_error("front", "Second problem.")
    slots = [(view, label, None, form[view]) for view, label in PhotoView.choices]
    html = render_to_string("photos/step.html", {"form": form, "slots": slots}, request=rf.get("/"))
    assert html.count('id="front-error"') == 1
    assert "First problem." in html and "Second problem." in html


def test_the_photo_consent_is_recorded_on_the_intake(filled, photo_root):
    from intake.models import Intake
    from tests.intake.answers import submission_key

    filled.post("/intake/photos/", {"photo_consent": "on", "front": _upload()})
    response = filled.post(
        "/intake/check/", {"submission_key": submission_key(filled), "website": ""}
    )
    assert response.status_code == 302
    intake = Intake.objects.get()
    assert intake.photo_consent is True
    assert intake.photos.count() == 1


def test_no_photo_step_means_no_photo_consent(filled):
    from intake.models import Intake
    from tests.intake.answers import submission_key

    filled.post("/intake/check/", {"submission_key": submission_key(filled), "website": ""})
    assert Intake.objects.get().photo_consent is False
