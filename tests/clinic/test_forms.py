"""The error summary's links land on an input that exists on the page (so following
one puts the keyboard focus where the answer goes, not on a wrapper)."""

import re

import pytest

from clinic.two_factor import CodeForm
from intake.forms import YourScarsForm
from intake.review.forms import AssessmentForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("form", "data"),
    [
        (AssessmentForm, {"version": "1", "status": "new", "scar_types_seen": ["nope"]}),
        (YourScarsForm, {}),
        (CodeForm, {"code": "1"}),
    ],
)
def test_every_error_link_points_at_an_input_of_the_form(clinic_content, form, data):
    bound = form(data=data)
    assert not bound.is_valid()
    links = bound.error_links()
    assert links
    html = "".join(str(bound[name]) for name in bound.fields)
    ids = set(re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', html))
    for anchor, message in links:
        assert anchor.removeprefix("#") in ids, (anchor, message)
