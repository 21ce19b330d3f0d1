"""Names are listed in German dictionary order, with numbers in numeric order."""

from __future__ import annotations

from citynet.collation import name_key


def test_umlauts_sort_with_their_base_letter_not_after_z():
    names = ["Kreis Wesel", "Köln", "Kranenburg", "Kamen", "Mönchengladbach", "Monheim am Rhein", "Märkischer Kreis"]
    assert sorted(names, key=name_key) == [
        "Kamen",
        "Köln",
        "Kranenburg",
        "Kreis Wesel",
        "Märkischer Kreis",
        "Mönchengladbach",
        "Monheim am Rhein",
    ]


def test_case_is_ignored_and_sharp_s_is_ss():
    assert sorted(["straße", "Strasburg", "STRAND"], key=name_key) == ["STRAND", "Strasburg", "straße"]


def test_numbers_in_numeric_order():
    assert sorted(["Netzwerk 10", "Netzwerk 2", "Netzwerk 1"], key=name_key) == [
        "Netzwerk 1",
        "Netzwerk 2",
        "Netzwerk 10",
    ]


def test_names_that_differ_only_in_accents_keep_one_order():
    assert sorted(["Mühlheim", "Muhlheim"], key=name_key) == sorted(["Muhlheim", "Mühlheim"], key=name_key)
    assert name_key("Mühlheim") != name_key("Muhlheim")
