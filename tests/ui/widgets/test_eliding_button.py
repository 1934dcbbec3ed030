"""A long document title on a button in a narrow window: shortened, never pushing it wider."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QVBoxLayout, QWidget

from companion.ui.widgets.eliding_button import ElidingButton
from companion.ui.widgets.flow_layout import wrapping_row

TITLE = "Persona Kevin (29): de handige werker met een examen voor de heftruck"


def test_a_long_title_is_shortened_in_a_narrow_window_and_whole_again_when_wide(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    button = ElidingButton(QIcon(), TITLE)
    QVBoxLayout(window).addWidget(wrapping_row([button]))
    whole_width = button.sizeHint().width()

    window.resize(whole_width // 2, 100)
    window.show()
    qtbot.waitUntil(lambda: button.text().endswith("…"))
    assert button.width() <= window.width()  # the window is not pushed wider
    assert button.text().startswith("Persona Kevin")
    assert button.whole_text() == TITLE

    window.resize(whole_width + 50, 100)
    qtbot.waitUntil(lambda: button.text() == TITLE)
