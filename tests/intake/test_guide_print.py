"""The printed guide puts no token on paper (issue 13, finding 2): print.css
spells out each link's address, so its links go to the public pages."""

import re
from pathlib import Path

import pytest

from tests.intake.answers import fill_all_steps, submission_key

pytestmark = pytest.mark.django_db
PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "print.css"


def test_printed_guide_links_hold_no_token(client, clinic_content):
    fill_all_steps(client)
    guide = client.post(
        "/intake/check/", {"submission_key": submission_key(client), "website": ""}
    )["Location"]
    token = guide.split("/")[3]
    html = client.get(guide + "print/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    links = re.findall(r'href="([^"]+)"', main)
    assert "/learn/treatments/dermal-fillers/" in links and "/learn/scars/boxcar/" in links
    # The one link back to the guide is on screen only (.no-print is hidden on paper).
    [back] = [link for link in links if token in link]
    assert re.search(r'<p class="no-print">\s*<button[^>]*>[^<]*</button>\s*<a href="' + back, main)
    screen = client.get(guide).content.decode()
    assert f"/intake/guide/{token}/open/" in screen  # on screen, opens are still recorded


def test_print_css_never_spells_out_a_guide_address():
    css = PRINT_CSS.read_text()
    assert 'main a[href*="/guide/"]::after {\n  content: none;' in css
