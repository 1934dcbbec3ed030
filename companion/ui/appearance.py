"""Language, text size and contrast: stored in the user store, applied to the whole program.

Dutch is the program's own language (the source texts); English comes from
``resources/i18n/strategiekit_en.qm`` (see ``tools/update_translations.py``).
Text size scales the application font, every size in the style sheet and the
few widths given in pixels (:func:`px`). :func:`apply_appearance` changes all
of it at once in a running window: translators and style first, then every
live text and size again (:mod:`companion.ui.live`), so nothing is rebuilt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from companion.i18n import LANGUAGE_SETTING, LANGUAGES
from companion.paths import resources_dir
from companion.ui import live
from companion.ui.style import HIGH_CONTRAST, NORMAL, Theme, style_sheet

log = logging.getLogger(__name__)

LANGUAGE_KEY = LANGUAGE_SETTING
TEXT_SIZE_KEY = "weergave.tekstgrootte"
CONTRAST_KEY = "weergave.contrast"
TEXT_SIZES = (100, 125, 150, 175, 200)


class Appearance(NamedTuple):
    """The person's choice. A NamedTuple like the records made before the first paint:
    no method source generated and compiled at import, as a dataclass has."""

    language: str = "nl"
    text_size: int = 100  # percent, 100-200
    high_contrast: bool = False


def load_appearance(settings) -> Appearance:
    """The stored choice (anything with ``setting()``, e.g. the UserStore); bad values: default."""
    language = settings.setting(LANGUAGE_KEY, "nl")
    size = settings.setting(TEXT_SIZE_KEY, "100")
    return Appearance(
        language=language if language in LANGUAGES else "nl",
        text_size=min(200, max(100, int(size))) if (size or "").isdigit() else 100,
        high_contrast=settings.setting(CONTRAST_KEY, "0") == "1",
    )


def save_appearance(settings, appearance: Appearance) -> None:
    """Keep the choice; what equals the defaults (of IT, or the program's) is not stored,
    so it keeps following them."""
    program = Appearance()
    for key, value, default in (
        (LANGUAGE_KEY, appearance.language, program.language),
        (TEXT_SIZE_KEY, str(appearance.text_size), str(program.text_size)),
        (CONTRAST_KEY, "1" if appearance.high_contrast else "0", "0"),
    ):
        settings.choose_setting(key, value, default)


@dataclass
class _State:
    applied: Appearance | None = None
    translators: list[QTranslator] = field(default_factory=list)
    base_font: QFont | None = None
    base_palette: QPalette | None = None


_state = _State()


def current() -> Appearance:
    return _state.applied or Appearance()


def scale() -> float:
    return current().text_size / 100


def px(pixels: float) -> int:
    """A size in pixels at the chosen text size."""
    return round(pixels * scale())


def theme() -> Theme:
    return HIGH_CONTRAST if current().high_contrast else NORMAL


def apply_appearance(appearance: Appearance, app: QApplication | None = None) -> bool:
    """Make ``appearance`` the program's look and language; False when nothing changed."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert app is not None
    before = _state.applied
    if before == appearance:
        return False
    if _state.base_font is None:
        _state.base_font = QFont(app.font())
        _state.base_palette = QPalette(app.palette())
    _state.applied = appearance
    if before is None or before.language != appearance.language:
        _install_translators(app, appearance.language)
    if before is None or before.text_size != appearance.text_size:
        font = QFont(_state.base_font)
        size = _state.base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * appearance.text_size / 100)
        else:
            font.setPixelSize(round(_state.base_font.pixelSize() * appearance.text_size / 100))
        app.setFont(font)
    if before is None or before.high_contrast != appearance.high_contrast:
        app.setPalette(high_contrast_palette() if appearance.high_contrast else normal_palette())
    if (
        before is None
        or before.text_size != appearance.text_size
        or before.high_contrast != appearance.high_contrast
    ):
        app.setStyleSheet(style_sheet(appearance.text_size / 100, theme()))  # repolishes all
    live.refresh()
    return True


def reset_appearance(app: QApplication | None = None) -> None:
    """Back to Dutch, 100 %, normal contrast (tests use this to leave the app as found)."""
    apply_appearance(Appearance(), app)


def _install_translators(app: QApplication, language: str) -> None:
    for translator in _state.translators:
        app.removeTranslator(translator)
    _state.translators = []
    QLocale.setDefault(QLocale("en_GB" if language == "en" else "nl_NL"))
    files = []
    if language == "en":
        files.append((str(resources_dir() / "i18n"), "strategiekit_en"))
    else:
        # Qt's own words (context menus, standard dialogs) in Dutch.
        files.append((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase_nl"))
    for folder, name in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _state.translators.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)


def normal_palette() -> QPalette:
    """The system's colours, with two readable at 4.5:1: the example text in empty
    fields (Qt's own is the text colour at half strength, about 3:1) and what is
    chosen where the style sheet does not reach (the day in the calendar: the
    style's light blue under white text is 3.7:1)."""
    palette = QPalette(_state.base_palette)
    roles = QPalette.ColorRole
    palette.setColor(roles.PlaceholderText, QColor(NORMAL.placeholder))
    palette.setColor(roles.Highlight, QColor(NORMAL.accent))
    palette.setColor(roles.HighlightedText, QColor(NORMAL.accent_text))
    return palette


def high_contrast_palette() -> QPalette:
    """White text on black, yellow selection: also for what the style sheet does not reach."""
    palette = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, black),
        (roles.WindowText, white),
        (roles.Base, black),
        (roles.AlternateBase, QColor("#141414")),
        (roles.Text, white),
        (roles.Button, black),
        (roles.ButtonText, white),
        (roles.BrightText, yellow),
        (roles.Highlight, yellow),
        (roles.HighlightedText, black),
        (roles.ToolTipBase, black),
        (roles.ToolTipText, white),
        (roles.Link, QColor("#7fdfff")),
        (roles.LinkVisited, QColor("#d9a6ff")),
        (roles.PlaceholderText, QColor(HIGH_CONTRAST.placeholder)),
    ):
        palette.setColor(role, colour)
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#b0b0b0"))
    return palette
