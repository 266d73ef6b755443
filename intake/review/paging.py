"""The review queue's pages without a count of every intake: a page reads one row more
than it shows, which says whether there is a next page. Django's Paginator counts the
whole queue for "page N of M" on every page, a COUNT(*) that grows with the table
(100,000 intakes at a clinic group); staff page with Previous and Next, "page N"."""

from dataclasses import dataclass


@dataclass(frozen=True)
class QueuePage:
    object_list: list
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def start_index(self):
        """The 1-based position of the page's first row (0 on an empty page)."""
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.per_page + len(self.object_list)


# Far past any clinic's queue (a million rows at 25 a page); a larger number is an edited
# address, and its offset would overflow the database's integer.
LAST_PAGE_ASKABLE = 40_000


def page_number(text):
    """The page asked for; anything that is not a whole number from 1 to
    LAST_PAGE_ASKABLE is page 1."""
    try:
        number = int(text)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= LAST_PAGE_ASKABLE else 1


def queue_page(rows, number_text, per_page):
    """The page of `rows` (anything sliced like a queryset) asked for by ?page=; a page
    past the end (the queue shrank, or an edited address) shows the first page."""
    number = page_number(number_text)
    start = (number - 1) * per_page
    window = rows[start : start + per_page + 1]
    if not window and number > 1:
        return queue_page(rows, 1, per_page)
    return QueuePage(
        object_list=list(window[:per_page]),
        number=number,
        per_page=per_page,
        has_next=len(window) > per_page,
    )
