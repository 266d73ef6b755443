"""The reading list's markup (intake/templates/intake/includes/reading_items.html)."""


def test_a_treatments_cautions_are_joined_by_a_semicolon_with_no_space_before_it():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    item = SimpleNamespace(
        url="/learn/treatments/x/",
        suggestion=SimpleNamespace(name="Fractional lasers", reasons=["A reason."]),
        cautions=[("keloid_tendency", "Keloids"), ("smoker", "Smokes")],
    )
    html = render_to_string("intake/includes/reading_items.html", {"items": [item]})
    assert '>Keloids</a>; <a href="#caution-smoker">Smokes</a>' in html
    assert " ;" not in html
