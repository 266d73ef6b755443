"""`{% answer_list rows %}`: the answers of one step as a description list, for the check
page and the review page (rows from intake.steps.answer_rows).

Built in Python, not through a template include: the include ran three nested loops of
template nodes per question, which cost more than everything else the review page's
answers need (about 1.4 ms of its render for some 35 questions; issue 18). The markup is
the one the include wrote."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

ROW = '<div class="check-row"><dt>{}</dt><dd>{}</dd></div>'


@register.simple_tag
def answer_list(rows):
    not_answered = format_html(
        '<span class="text-body-secondary">{}</span>', gettext("Not answered")
    )
    rows_html = format_html_join(
        "\n", ROW, ((row["label"], _answers(row["answers"], not_answered)) for row in rows)
    )
    return format_html('<dl class="check-answers">\n{}\n</dl>', rows_html)


def _answers(answers, not_answered):
    if not answers:
        return not_answered
    # Each answer escaped, one a line.
    return format_html_join(mark_safe("<br>"), "{}", ((answer,) for answer in answers))
