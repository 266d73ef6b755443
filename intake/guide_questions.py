"""The guide's "questions you may want to ask", without near-duplicates and in groups: a
short list for any treatment, then the ones the patient's answers raise, then one list per
suggested treatment (under the treatment's own name).

Editors write an explainer's questions one treatment at a time, so the same question comes
back in other words ("How many visits will I likely need?" after "How many sessions would
I need, and over how many months?"). Pure: plain data in, plain data out.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Words that do not change what a question asks.
FILLER = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "be",
        "can",
        "could",
        "do",
        "does",
        "for",
        "how",
        "i",
        "in",
        "is",
        "it",
        "likely",
        "me",
        "my",
        "of",
        "or",
        "should",
        "the",
        "this",
        "to",
        "what",
        "which",
        "will",
        "with",
        "would",
        "you",
        "your",
    )
)
# Words editors use for the same thing.
SAME_AS = {"visit": "session", "visits": "session", "sessions": "session", "months": "month"}


def question_words(question: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", question.casefold())
    return frozenset(SAME_AS.get(word, word) for word in words if word not in FILLER)


def is_near_duplicate(question: str, earlier: str) -> bool:
    """Same words once filler is dropped, or one asks a part of what the other asks."""
    mine, theirs = question_words(question), question_words(earlier)
    if not mine or not theirs:
        return question.strip().casefold() == earlier.strip().casefold()
    if mine == theirs:
        return True
    smaller, larger = sorted((mine, theirs), key=len)
    return len(smaller) >= 3 and smaller <= larger


@dataclass
class QuestionGroup:
    title: str  # a lazy string for the first two groups
    questions: list[str] = field(default_factory=list)
    url: str | None = None  # the treatment's page, when the group is a treatment's


def question_groups(*, questions, general, treatments):
    """``questions``: the guide's stored list (in order); ``general``: the questions for any
    treatment; ``treatments``: (name, page link, that treatment's questions) for each
    suggested, published treatment, in reading-list order. Every stored question appears once, in
    the first group it belongs to, unless it nearly repeats one already shown."""
    shown: list[str] = []

    def take(candidates):
        kept = []
        for question in candidates:
            if question in questions and not any(is_near_duplicate(question, q) for q in shown):
                shown.append(question)
                kept.append(question)
        return kept

    general_group = QuestionGroup(_("For any treatment"), take(general))
    treatment_questions = {q for _, _, own in treatments for q in own}
    yours = QuestionGroup(
        _("About your answers"),
        take([q for q in questions if q not in general and q not in treatment_questions]),
    )
    groups = [general_group, yours]
    for name, url, own in treatments:
        groups.append(QuestionGroup(name, take(own), url=url))
    return [group for group in groups if group.questions]
