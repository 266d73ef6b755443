"""Spanish reading ease: its own textstat instance, so English scores do not change."""

import textstat

from education.readability import is_easy_enough_in_spanish, reading_grade, spanish_reading_ease

EASY = "La piel tiene marcas. El médico usa un gel suave. El efecto dura unos meses."
HARD = (
    "La administración intralesional de corticosteroides constituye una alternativa "
    "terapéutica fundamentada para cicatrices hipertróficas, considerando "
    "consideraciones farmacológicas, características histopatológicas y particularidades "
    "individuales de cada paciente."
)


def test_plain_spanish_scores_as_easy_and_dense_spanish_does_not():
    assert is_easy_enough_in_spanish(spanish_reading_ease(EASY))
    assert not is_easy_enough_in_spanish(spanish_reading_ease(HARD))


def test_scoring_spanish_leaves_english_scoring_alone():
    english = "The gel lifts the dent. The effect lasts for some months."
    before = reading_grade(english)
    spanish_reading_ease(HARD)
    assert reading_grade(english) == before
    assert round(textstat.flesch_kincaid_grade(english), 1) == before
