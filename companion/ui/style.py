"""The program's look: calm, clear contrast, large click targets, a focus you can see.

:func:`style_sheet` makes the one application style sheet for a text size
(100-200 %) and a theme: every font size, padding and border in it is
scaled, so larger text never gets clipped. The high-contrast theme is
white on black with yellow for focus and selection. Colours that code uses
outside the style sheet (marks in lists, HTML cards) come from
:func:`companion.ui.appearance.theme`.
"""

from __future__ import annotations

from typing import NamedTuple


class Theme(NamedTuple):
    """A theme's colours, read by name (the style sheet, cards, marks).

    A NamedTuple, not a frozen dataclass: the same immutable record, but made
    at import without generating and compiling its methods' source (a frozen
    dataclass of 37 fields cost ~5 ms of the start, before the first paint)."""

    name: str
    window: str
    text: str
    base: str  # input fields, lists
    alt_base: str
    button: str
    button_hover: str
    button_down: str
    border: str  # inputs and buttons
    soft_border: str  # frames around lists and cards
    accent: str  # titles, selected screen, marks
    accent_text: str  # text on the accent colour
    focus: str
    muted: str  # hints, labels in cards
    disabled: str
    placeholder: str  # the example text in an empty field
    progress_chunk: str  # the filled part of a progress bar, with text on it
    error: str
    error_bg: str  # a field that holds something wrong
    late: str
    done: str
    notice_bg: str
    notice_border: str
    nav_bg: str
    card_bg: str
    card_removed_bg: str
    removed_text: str
    page_area: str  # around the pages of a document
    presenter_bg: str
    presenter_text: str
    presenter_button: str
    timer: str
    timer_warn: str  # the countdown near the end
    timer_over: str  # the countdown once the time is up (counting the overtime)
    presenter_alert_bg: str  # the presenter view's "black screen" / "frozen" line
    link: str
    high_contrast: bool = False


NORMAL = Theme(
    name="normaal",
    window="#f4f5f7",
    text="#1a1a1a",
    base="#ffffff",
    alt_base="#f3f6fa",
    button="#f7f9fc",
    button_hover="#e6edf6",
    button_down="#d3dff0",
    border="#8291a6",
    soft_border="#c3ccd8",
    accent="#1d4e89",
    accent_text="#ffffff",
    focus="#0b57d0",
    muted="#4a4a4a",
    disabled="#7d7d7d",
    placeholder="#5c6470",
    progress_chunk="#6b9bd6",
    error="#a4000f",
    error_bg="#fdecee",
    late="#a4000f",
    done="#2e6b30",
    notice_bg="#fff4c2",
    notice_border="#c9a824",
    nav_bg="#eef2f7",
    card_bg="#ffffff",
    card_removed_bg="#f5f5f5",
    removed_text="#7a4b00",
    page_area="#d9dde3",
    presenter_bg="#1e1e1e",
    presenter_text="#f0f0f0",
    presenter_button="#3a3a3a",
    timer="#ffd75a",
    timer_warn="#ffa24d",
    timer_over="#ff6b6b",
    presenter_alert_bg="#8a1c1c",
    link="#1d4e89",
)

HIGH_CONTRAST = Theme(
    name="hoog contrast",
    window="#000000",
    text="#ffffff",
    base="#000000",
    alt_base="#141414",
    button="#000000",
    button_hover="#262626",
    button_down="#3a3a00",
    border="#ffffff",
    soft_border="#ffffff",
    accent="#ffff00",
    accent_text="#000000",
    focus="#ffff00",
    muted="#ffffff",
    disabled="#b0b0b0",
    placeholder="#c8c8c8",
    progress_chunk="#6e6e00",
    error="#ff9e9e",
    error_bg="#2b0000",
    late="#ff9e9e",
    done="#8dff8d",
    notice_bg="#000000",
    notice_border="#ffff00",
    nav_bg="#000000",
    card_bg="#000000",
    card_removed_bg="#141414",
    removed_text="#ffd27f",
    page_area="#000000",
    presenter_bg="#000000",
    presenter_text="#ffffff",
    presenter_button="#000000",
    timer="#ffff00",
    timer_warn="#ffa500",
    timer_over="#ff8080",
    presenter_alert_bg="#000000",
    link="#7fdfff",
    high_contrast=True,
)


# Which text colour is drawn on which background (by the Theme's field names), in the
# style sheet and in code (marks in lists, HTML cards): every pair must reach 4.5:1
# (WCAG 2), in every theme. tests/ui/test_contrast.py checks it, and that the style
# sheet uses no text colour or background left out here.
TEXT_ON_BACKGROUND: tuple[tuple[str, str], ...] = (
    *(
        (fg, bg)
        for fg in ("text", "muted")
        for bg in (
            "window",
            "base",
            "alt_base",
            "nav_bg",
            "card_bg",
            "card_removed_bg",
            "notice_bg",
        )
    ),
    *(("text", bg) for bg in ("button", "button_hover", "button_down", "progress_chunk")),
    ("accent_text", "accent"),  # selected screen, selected rows, chosen chip, menus
    *(("accent", bg) for bg in ("window", "base", "alt_base", "nav_bg")),  # titles, marks
    *(("error", bg) for bg in ("window", "base", "card_bg", "error_bg")),
    ("text", "error_bg"),
    *(("late", bg) for bg in ("base", "alt_base")),
    *(("done", bg) for bg in ("base", "alt_base")),
    ("removed_text", "card_removed_bg"),
    ("placeholder", "base"),
    ("placeholder", "error_bg"),
    ("link", "base"),
    ("presenter_text", "presenter_bg"),
    ("presenter_text", "presenter_button"),
    ("timer", "presenter_bg"),
    ("timer_warn", "presenter_bg"),
    ("timer_over", "presenter_bg"),
    ("presenter_text", "presenter_alert_bg"),
)
# Backgrounds without text of their own (around the pages of a document).
NO_TEXT_ON = ("page_area",)


def _contrast_indicators(t: Theme, s) -> str:
    """Tick boxes the native style would draw black on black: white frames, yellow when on."""
    return f"""
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
    width: {s(14)}px; height: {s(14)}px;
    border: 2px solid {t.text}; background: {t.base};
}}
QAbstractItemView::indicator {{ width: {s(8)}px; height: {s(8)}px; }}
QRadioButton::indicator {{ border-radius: {s(9)}px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked,
QAbstractItemView::indicator:checked {{
    background: {t.focus}; border: 2px solid {t.text};
}}
QCheckBox::indicator:disabled {{ border-color: {t.disabled}; }}
"""


def style_sheet(scale: float = 1.0, theme: Theme = NORMAL) -> str:
    """The application style sheet for text size ``scale`` (1.0-2.0) and ``theme``."""

    def s(pixels: float) -> int:
        return max(1, round(pixels * scale))

    t = theme
    focus_width = 3 if t.high_contrast else 2
    # A focused control gets a thicker border; padding shrinks by the same so nothing moves.
    f = focus_width - 1
    pad_v, pad_h = s(5), s(12)
    field_v, field_h = s(3), s(6)
    return f"""
QMainWindow, QDialog, QWidget#screen {{ background: {t.window}; color: {t.text}; }}
QToolTip {{ background: {t.base}; color: {t.text}; border: 1px solid {t.border};
    padding: {s(4)}px; }}

QListWidget#nav {{
    background: {t.nav_bg};
    color: {t.text};
    border: none;
    border-right: 1px solid {t.soft_border};
    font-size: {s(15)}px;
    padding-top: {s(8)}px;
}}
QListWidget#nav:focus {{ border: {focus_width}px solid {t.focus}; }}
QListWidget#nav::item {{
    padding: {s(10)}px {s(14)}px;
    border-radius: 4px;
    margin: 1px {s(6)}px;
}}
QListWidget#nav::item:selected {{ background: {t.accent}; color: {t.accent_text}; }}
QListWidget#nav::item:disabled {{ color: {t.disabled}; }}

QLabel#screenTitle {{
    font-size: {s(22)}px;
    font-weight: bold;
    color: {t.accent};
    padding: {s(4)}px 0 {s(2)}px 0;
}}
QLabel#documentTitle {{ font-size: {s(16)}px; font-weight: bold; }}
QLabel#stepTitle {{ font-size: {s(16)}px; font-weight: bold; }}
QLabel#tourTitle {{ font-size: {s(17)}px; font-weight: bold; color: {t.accent}; }}
QLabel#hint {{ color: {t.muted}; }}
QLabel#errorText {{ color: {t.error}; font-weight: bold; }}
QWidget#notice {{
    background: {t.notice_bg};
    border-bottom: {2 if t.high_contrast else 1}px solid {t.notice_border};
}}
QWidget#notice QLabel {{ color: {t.text}; }}
QFrame#tour {{
    background: {t.base};
    border: {focus_width}px solid {t.accent};
    border-radius: 6px;
}}

QPushButton, QToolButton {{
    background: {t.button};
    color: {t.text};
    border: 1px solid {t.border};
    border-radius: 4px;
    padding: {pad_v}px {pad_h}px;
}}
QToolButton {{ padding: {s(4)}px {s(8)}px; }}
QPushButton:hover, QToolButton:hover {{ background: {t.button_hover}; }}
QPushButton:pressed, QPushButton:checked, QToolButton:pressed, QToolButton:checked {{
    background: {t.button_down};
}}
QPushButton:disabled, QToolButton:disabled {{ color: {t.disabled}; border-color: {t.disabled}; }}
QPushButton:focus {{
    border: {focus_width}px solid {t.focus};
    padding: {max(0, pad_v - f)}px {max(0, pad_h - f)}px;
}}
QToolButton:focus {{
    border: {focus_width}px solid {t.focus};
    padding: {max(0, s(4) - f)}px {max(0, s(8) - f)}px;
}}
QPushButton#chip {{
    border-radius: {s(12)}px; padding: {s(3)}px {s(12)}px; background: {t.base};
}}
QPushButton#chip:checked {{
    background: {t.accent}; color: {t.accent_text}; border-color: {t.accent};
}}
QPushButton#chip:focus {{
    border: {focus_width}px solid {t.focus};
    padding: {max(0, s(3) - f)}px {max(0, s(12) - f)}px;
}}
QPushButton[menuButton="true"] {{ padding-right: {s(26)}px; }}
QPushButton::menu-indicator {{
    subcontrol-origin: padding; subcontrol-position: right center; right: {s(8)}px;
}}
QToolButton[popupMode="1"] {{ padding-right: {s(22)}px; }}
QToolButton#calendarButton::menu-indicator {{ image: none; width: 0px; }}
QToolButton::menu-button {{
    border-left: 1px solid {t.border};
    width: {s(18)}px;
}}

QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QDateEdit, QComboBox {{
    background: {t.base};
    color: {t.text};
    border: 1px solid {t.border};
    border-radius: 3px;
    padding: {field_v}px {field_h}px;
    selection-background-color: {t.accent};
    selection-color: {t.accent_text};
}}
QComboBox {{ padding-right: {s(24)}px; }}
QSpinBox::up-button, QSpinBox::down-button {{
    /* without this a spin box without buttons shows no text */
    subcontrol-origin: border; width: {s(16)}px;
}}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit, QAbstractSpinBox QLineEdit:focus {{
    border: none; padding: 0; background: transparent;
}}
QComboBox QAbstractItemView {{
    background: {t.base}; color: {t.text};
    selection-background-color: {t.accent}; selection-color: {t.accent_text};
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus, QDateEdit:focus,
QComboBox:focus {{
    border: {focus_width}px solid {t.focus};
    padding: {max(0, field_v - f)}px {max(0, field_h - f)}px;
}}
QComboBox:focus {{ padding-right: {max(0, s(24) - f)}px; }}
QLineEdit[invalid="true"] {{
    border: {focus_width}px solid {t.error}; background: {t.error_bg};
    padding: {max(0, field_v - f)}px {max(0, field_h - f)}px;
}}
QLineEdit:disabled, QPlainTextEdit:disabled, QSpinBox:disabled, QDateEdit:disabled,
QComboBox:disabled {{ color: {t.disabled}; border-color: {t.disabled}; }}

QTreeView, QListView, QTextBrowser, QScrollArea#steps {{
    background: {t.base};
    alternate-background-color: {t.alt_base};
    color: {t.text};
    border: 1px solid {t.soft_border};
    selection-background-color: {t.accent};
    selection-color: {t.accent_text};
}}
QTreeView:focus, QListView:focus, QTextBrowser:focus, QScrollArea#steps:focus {{
    border: {focus_width}px solid {t.focus};
}}
QHeaderView::section {{
    background: {t.alt_base}; color: {t.text};
    border: none; border-bottom: 1px solid {t.soft_border};
    padding: {s(4)}px {s(6)}px;
}}

QCheckBox, QRadioButton {{
    color: {t.text};
    border: {focus_width}px solid transparent;
    border-radius: 3px;
    padding: 1px {s(3)}px;
}}
QCheckBox:focus, QRadioButton:focus {{ border-color: {t.focus}; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {s(16)}px; height: {s(16)}px; }}
{_contrast_indicators(t, s) if t.high_contrast else ""}
QTabWidget::pane {{ border: 1px solid {t.soft_border}; }}
QTabBar::tab {{
    background: {t.button}; color: {t.text};
    border: 1px solid {t.soft_border}; border-bottom: none;
    padding: {s(5)}px {s(12)}px; margin-right: 2px;
}}
QTabBar::tab:selected {{ background: {t.base}; font-weight: bold; }}
QTabBar:focus {{ border: {focus_width}px solid {t.focus}; }}

QGroupBox {{
    color: {t.text};
    border: 1px solid {t.soft_border}; border-radius: 4px;
    margin-top: {s(14)}px; padding-top: {s(6)}px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; left: {s(8)}px; padding: 0 {s(4)}px; font-weight: bold;
}}

QProgressBar {{
    border: 1px solid {t.border}; border-radius: 3px;
    background: {t.base}; color: {t.text}; text-align: center;
    min-height: {s(18)}px;
}}
QProgressBar::chunk {{ background: {t.progress_chunk}; }}

QMenuBar {{ background: {t.window}; color: {t.text}; }}
QMenuBar::item:selected {{ background: {t.accent}; color: {t.accent_text}; }}
QMenu {{ background: {t.base}; color: {t.text}; border: 1px solid {t.border}; }}
QMenu::item {{ padding: {s(5)}px {s(24)}px {s(5)}px {s(20)}px; }}
QMenu::item:selected {{ background: {t.accent}; color: {t.accent_text}; }}
QMenu::item:disabled {{ color: {t.disabled}; }}
QStatusBar {{ background: {t.window}; color: {t.text}; }}
QStatusBar QLabel {{ color: {t.text}; }}

QFrame#stepCard {{
    background: {t.card_bg};
    border: 1px solid {t.soft_border};
    border-radius: 6px;
}}
QFrame#stepCard[removed="true"] {{ background: {t.card_removed_bg}; border-style: dashed; }}
QLabel#removedItem {{ color: {t.removed_text}; font-style: italic; }}

QScrollArea#pageCanvas, QWidget#pageArea, QListView#thumbnails {{ background: {t.page_area}; }}
QScrollArea#pageCanvas {{ border: {focus_width}px solid {t.page_area}; }}
QScrollArea#pageCanvas:focus {{ border: {focus_width}px solid {t.focus}; }}

QWidget#presentation {{ background: black; }}
QWidget#presenterView {{ background: {t.presenter_bg}; color: {t.presenter_text}; }}
QWidget#presenterView QLabel {{ color: {t.presenter_text}; }}
QWidget#presenterView QPushButton {{
    background: {t.presenter_button}; color: {t.presenter_text};
    border: 1px solid {t.presenter_text if t.high_contrast else "#666"};
    padding: {s(6)}px {s(14)}px;
}}
QLabel#presenterBig {{ font-size: {s(28)}px; font-weight: bold; }}
QLabel#presenterClock {{ font-size: {s(28)}px; }}
QLabel#presenterTimer {{ font-size: {s(28)}px; font-weight: bold; color: {t.presenter_text}; }}
QLabel#presenterTimer[stage="warn"] {{ color: {t.timer_warn}; }}
QLabel#presenterTimer[stage="over"] {{ color: {t.timer_over}; }}
QLabel#presenterState {{
    background: {t.presenter_alert_bg}; color: {t.presenter_text};
    font-size: {s(15)}px; font-weight: bold; padding: {s(3)}px {s(8)}px;
    border: 2px solid {t.presenter_text};
}}
QWidget#presenterView QPlainTextEdit {{
    background: {t.presenter_bg}; color: {t.presenter_text};
    font-size: {s(18)}px; border: 1px solid {t.presenter_button};
}}
QScrollArea#presenterOverview, QScrollArea#presenterOverview > QWidget > QWidget {{
    background: {t.presenter_bg};
}}
QFrame#presenterHelp {{
    background: {t.presenter_bg}; color: {t.presenter_text};
    border: 2px solid {t.presenter_text}; font-size: {s(16)}px;
}}
QLabel#presenterHelpTitle {{ font-size: {s(20)}px; font-weight: bold; }}
"""
