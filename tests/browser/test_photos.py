"""Three photos from a phone-sized page to the dermatologist; others refused; all audited."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from PIL import Image

from intake.models import AuditAction, AuditEvent, Intake
from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_intake import answer_every_step, assert_no_sideways_scroll, send_answers
from tests.factories import DermatologistFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def photo_root(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "photos": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "photos")},
        },
    }


@pytest.fixture
def content(db):
    from education.services import clinic_content_load

    clinic_content_load()


def _photo(tmp_path, name, color):
    path = tmp_path / name
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), color).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def test_three_photos_sent_at_375px_reach_only_the_dermatologist(
    page_factory, live_server, content, photo_root, tmp_path
):
    page = page_factory(width=375, height=800)
    answer_every_step(page, live_server)
    page.click("text=Add or change photos of your scars")
    assert_no_axe_violations(page)
    assert_no_sideways_scroll(page, 375)
    page.check("#id_photo_consent")
    for view, color in (("front", "#c98"), ("left", "#b87"), ("right", "#a76")):
        page.set_input_files(f"#id_{view}", _photo(tmp_path, f"{view}.jpg", color))
    page.click("text=Save photos and continue")
    send_answers(page, live_server)
    intake = Intake.objects.get()
    assert intake.photos.count() == 3
    urls = [f"/review/{intake.reference}/photos/{photo.pk}/" for photo in intake.photos.all()]

    anonymous = page_factory(width=375)
    response = anonymous.goto(live_server.url + urls[0])
    assert anonymous.url.startswith(live_server.url + "/accounts/login/"), response.status
    User.objects.create_user("editor", password="correct horse battery staple", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Dermatologists")
    group.permissions.add(Permission.objects.get(codename="review_intake"))
    DermatologistFactory(username="drlee")
    for username, expected in (("editor", 403), ("drlee", 200)):
        staff = page_factory(width=375)
        staff.goto(live_server.url + "/accounts/login/")
        staff.fill("#id_username", username)
        staff.fill("#id_password", "correct horse battery staple")
        staff.click("button[type=submit]")
        staff.wait_for_load_state()
        assert staff.goto(live_server.url + urls[0]).status == expected, username
    # The live server on SQLite shares one in-memory connection between its threads, so
    # the page's three parallel image requests can collide there: the page is loaded with
    # its images held back, then each one is fetched in turn with the same session.
    staff.route("**/photos/*/", lambda route: route.abort())
    staff.goto(live_server.url + f"/review/{intake.reference}/")
    thumbnails = staff.locator("#photos-heading + ul img")
    assert thumbnails.count() == 3
    sources = [thumbnails.nth(index).get_attribute("src") for index in range(3)]
    staff.unroute("**/photos/*/")
    for source in sources:
        photo = staff.request.get(live_server.url + source)
        assert photo.status == 200, source
        assert photo.headers["content-type"] == "image/jpeg"
        assert photo.body()[:3] == b"\xff\xd8\xff"
    audited = AuditEvent.objects.filter(action=AuditAction.PHOTO)
    assert audited.count() == 4  # one full view and three thumbnails, all by drlee
    assert set(audited.values_list("actor_username", flat=True)) == {"drlee"}


@pytest.mark.parametrize("javascript", [False, True], ids=["js-off", "js-on"])
def test_a_refused_photo_at_320px_keeps_the_rest(
    page_factory, live_server, content, photo_root, tmp_path, javascript
):
    page = page_factory(width=320, height=800, javascript=javascript)
    answer_every_step(page, live_server)
    page.click("text=Add or change photos of your scars")
    page.set_input_files("#id_front", _photo(tmp_path, "front.jpg", "#c98"))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.7 not a photo")
    page.check("#id_photo_consent")
    page.set_input_files("#id_left", str(bad))
    page.click("text=Save photos and continue")
    assert page.title().startswith("Error:")
    assert page.locator(".error-summary, [role=alert]").first.is_visible()
    assert page.locator("#left-error").is_visible()
    assert page.is_checked("#id_photo_consent")  # what was ticked is kept
    assert page.get_by_text("Photo added.").count() == 1  # the good photo was stored
    assert_no_sideways_scroll(page, 320)
    if javascript:  # axe runs in the page's JavaScript
        assert_no_axe_violations(page)
    page.screenshot(
        path=f"var/screens/photos-error-320-{'js' if javascript else 'nojs'}.png", full_page=True
    )
    page.click("text=Skip photos")
    assert "/intake/check/" in page.url  # every other answer is still there to check
