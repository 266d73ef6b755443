"""{% answer_list rows %} (intake/templatetags/answers.py): the check page's and the review
page's answers, built in Python with every answer escaped."""

from django.template import Context, Template
from django.utils import translation

TEMPLATE = Template("{% load answers %}{% answer_list rows %}")


def rendered(rows):
    return TEMPLATE.render(Context({"rows": rows}))


def test_each_answer_is_escaped_and_on_its_own_line():
    html = rendered([{"label": "Scars <b>", "answers": ["Ice pick & boxcar", "<script>"]}])
    assert html == (
        '<dl class="check-answers">\n'
        '<div class="check-row"><dt>Scars &lt;b&gt;</dt>'
        "<dd>Ice pick &amp; boxcar<br>&lt;script&gt;</dd></div>\n"
        "</dl>"
    )


def test_a_question_without_an_answer_says_so_in_the_page_language():
    rows = [{"label": "Allergies", "answers": []}, {"label": "Name", "answers": ["Ana"]}]
    assert '<dd><span class="text-body-secondary">Not answered</span></dd>' in rendered(rows)
    with translation.override("es"):
        spanish = rendered(rows)
    assert "Not answered" not in spanish and "<dd>Ana</dd>" in spanish


def test_no_rows_give_an_empty_list():
    assert rendered([]) == '<dl class="check-answers">\n\n</dl>'
