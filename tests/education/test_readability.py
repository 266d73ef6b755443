from education.readability import is_plain_enough, page_text, reading_grade


def test_plain_text_scores_low_and_dense_text_scores_high():
    plain = "The gel lifts the dent. It fades in a year. You may bruise."
    dense = (
        "Hyaluronic acid dermal filler augmentation demonstrates considerable variability "
        "regarding longevity, contingent upon formulation characteristics, injection "
        "methodology and individual metabolic degradation."
    )
    assert reading_grade(plain) < 5
    assert reading_grade(dense) > 12
    assert is_plain_enough(reading_grade(plain))
    assert not is_plain_enough(reading_grade(dense))


def test_list_items_count_as_sentences():
    assert page_text(["Redness\nSwelling", "Intro"]) == "Redness. Swelling. Intro."


def test_empty_text_scores_zero():
    assert reading_grade("") == 0.0
