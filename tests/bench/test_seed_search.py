"""The scale bench's search finds the same intakes at every scale (bench/seed.py): a full
page and more at 10,000, and no more at 100,000, so "flat in N" measures the search in a
larger table, not a page with more rows."""

from bench.seed import has_rare_surname


def matches(intakes):
    return sum(has_rare_surname(number) for number in range(1, intakes + 1))


def test_the_searched_surname_has_the_same_matches_at_both_scales():
    assert matches(10_000) == matches(100_000) == 30


def test_the_matches_fill_the_first_page_of_the_queue():
    from intake.review.views import PAGE_SIZE

    assert matches(10_000) > PAGE_SIZE
