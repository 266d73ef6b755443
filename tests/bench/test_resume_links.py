"""The bench's resume links (bench/seed.py resume_links) are real finish-later links made
by intake/drafts.py: each opens its own draft at the first unanswered step, once."""

import pytest

from bench.loadgen import Stopped
from bench.scenarios import FIRST_UNANSWERED, ResumeLinks
from bench.seed import resume_links
from intake import drafts

pytestmark = pytest.mark.django_db


def test_each_seeded_link_opens_a_draft_at_the_first_unanswered_step(tmp_path):
    path = tmp_path / "links.txt"
    assert resume_links(2, path) == 2
    tokens = path.read_text().split()
    found = [drafts.draft_for_link(token) for token in tokens]
    assert len({draft.pk for draft in found}) == 2
    for draft in found:
        assert f"/intake/{drafts.first_missing_step(draft).slug}/" == FIRST_UNANSWERED


def test_links_are_handed_out_once_then_the_clients_stop():
    links = ResumeLinks(["a", "b"])
    assert {links.take(), links.take()} == {"a", "b"}
    with pytest.raises(Stopped):
        links.take()
