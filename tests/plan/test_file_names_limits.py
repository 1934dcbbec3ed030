"""Export names at their edges: exactly at the byte cap, stacked accents, device names.

The cases mutation testing showed untested (README: "Mutatietests"); each is a
name a person can type and a file they would get.
"""

from __future__ import annotations

import pytest

from companion.plan.file_names import is_windows_device_name, safe_file_name, safe_file_stem


def test_a_name_exactly_at_the_byte_cap_is_kept_whole():
    assert safe_file_stem("x" * 10, "leeg", 10) == "x" * 10
    assert safe_file_stem("é" * 5, "leeg", 10) == "é" * 5  # 10 bytes


def test_the_cut_never_keeps_a_letter_with_only_some_of_its_accents():
    # "q" with an acute and a circumflex (no single code point): 5 bytes per letter.
    letter = "q\u0301\u0302"
    # 8 bytes hold one letter and the start of the next one with its first accent.
    assert safe_file_stem(letter * 3, "leeg", 8) == letter
    assert safe_file_stem(letter * 3, "leeg", 9) == letter
    assert safe_file_stem(letter * 3, "leeg", 10) == letter * 2


@pytest.mark.parametrize(
    ("stem", "device"),
    [
        ("AUX", True),
        ("aux.txt", True),
        ("con.tar.gz", True),  # Windows looks at what comes before the first dot
        ("PRN .csv", True),  # and ignores the spaces after the name
        ("LPT1", True),
        ("COM²", True),
        ("CONSOLE", False),
        ("LPT10", False),
        ("XCON", False),
        (" CON", False),
        ("plan.CON", False),
    ],
)
def test_windows_device_names(stem, device):
    assert is_windows_device_name(stem) is device


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AUX", "AUX_.csv"),
        ("Xanten XL", "Xanten-XL.csv"),  # an X at either end is a letter like any other
        ("plan-X", "plan-X.csv"),
        ("-.Zaanstad.-", "Zaanstad.csv"),
    ],
)
def test_names_at_the_edges(text, expected):
    assert safe_file_name(text, "csv", "leeg") == expected
