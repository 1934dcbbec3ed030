"""Contrast of all text, in both themes: at least 4.5:1 (WCAG 2), computed from the colours.

The ratio is computed here from the relative luminance WCAG defines (sRGB to
linear, 0.2126 R + 0.7152 G + 0.0722 B), from the colours the style sheet and
the palette really use: the pairs in ``companion.ui.style.TEXT_ON_BACKGROUND``,
a check that the style sheet uses no text colour or background outside those
pairs, and the application palette as the program sets it.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from companion.ui.appearance import Appearance, apply_appearance, reset_appearance
from companion.ui.style import (
    HIGH_CONTRAST,
    NO_TEXT_ON,
    NORMAL,
    TEXT_ON_BACKGROUND,
    Theme,
    style_sheet,
)

THEMES = [NORMAL, HIGH_CONTRAST]
ENOUGH = 4.5


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_ratio_is_the_one_wcag_gives():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WebAIM's example
    assert contrast("#1a1a1a", "#1d4e89") < ENOUGH  # dark text on the dark blue bar: too weak


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_every_text_colour_on_its_background_is_readable(theme: Theme):
    weak = [
        f"{fg} {getattr(theme, fg)} on {bg} {getattr(theme, bg)}: "
        f"{contrast(getattr(theme, fg), getattr(theme, bg)):.2f}"
        for fg, bg in TEXT_ON_BACKGROUND
        if contrast(getattr(theme, fg), getattr(theme, bg)) < ENOUGH
    ]
    assert not weak, weak
    # Greyed-out controls are exempt in WCAG, but must still be seen.
    for bg in ("window", "button"):
        assert contrast(theme.disabled, getattr(theme, bg)) >= 3.0


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_error_text_stands_out_from_ordinary_text(theme: Theme):
    # Readable is not enough: an error in the colour of ordinary text is not seen as one.
    # Dark red against near-black text is about 2.1, light red against white about 2.0.
    assert contrast(theme.error, theme.text) >= 1.5
    hue = QColor(theme.error).hslHue()
    assert hue <= 15 or hue >= 345  # red, the colour people read as "wrong"


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_the_style_sheet_uses_only_checked_pairs(theme: Theme):
    sheet = style_sheet(1.0, theme).lower()
    foregrounds = {getattr(theme, fg).lower() for fg, _bg in TEXT_ON_BACKGROUND}
    foregrounds.add(theme.disabled.lower())  # greyed out: checked at 3:1 above
    backgrounds = {getattr(theme, bg).lower() for _fg, bg in TEXT_ON_BACKGROUND}
    backgrounds |= {getattr(theme, name).lower() for name in NO_TEXT_ON}
    hex_colour = r"(#[0-9a-f]{6})\b"
    texts = set(re.findall(r"(?<![-\w])(?:selection-)?color:\s*" + hex_colour, sheet))
    fills = set(
        re.findall(
            r"(?:selection-background-color|alternate-background-color|background(?:-color)?)"
            r":\s*" + hex_colour,
            sheet,
        )
    )
    assert texts and fills  # the check reads the sheet
    assert texts <= foregrounds, texts - foregrounds
    assert fills <= backgrounds, fills - backgrounds


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_the_palette_the_program_sets_is_readable(qtbot, high_contrast):
    apply_appearance(Appearance(high_contrast=high_contrast))
    try:
        palette = QApplication.palette()
        roles = QPalette.ColorRole
        pairs = [
            (roles.WindowText, roles.Window),
            (roles.Text, roles.Base),
            (roles.Text, roles.AlternateBase),
            (roles.ButtonText, roles.Button),
            (roles.PlaceholderText, roles.Base),
            (roles.HighlightedText, roles.Highlight),
            (roles.ToolTipText, roles.ToolTipBase),
        ]
        weak = []
        for fg, bg in pairs:
            ratio = contrast(palette.color(fg).name(), palette.color(bg).name())
            if ratio < ENOUGH:
                weak.append(f"{fg.name} on {bg.name}: {ratio:.2f}")
        assert not weak, weak
    finally:
        reset_appearance()
