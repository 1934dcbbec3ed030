"""Presenteren: one page at a time, full screen on the projector, for facilitators.

Keys are the ones presentation clickers send (PageUp/PageDown, arrows,
Space, B or . for a black screen, Esc to stop; all in presenting/shortcuts.py).
With a second screen the laptop shows a presenter view (presenting/): this
page, the next one, the speaker's notes, the clock and a countdown. The
beamer's window shows the audience's slide only. Pages come from the viewer's
:class:`RenderService` (the engine workers draw them), so the next page is
usually ready before it is asked for.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from companion.kit.notes_file import PdfNotes
from companion.ui.live import forget_within, live
from companion.ui.viewer.presenting.countdown import DEFAULT_MINUTES, Countdown
from companion.ui.viewer.presenting.presenter_view import PresenterView
from companion.ui.viewer.presenting.shortcuts import (
    BLACK_KEYS,
    FREEZE_KEYS,
    HELP_KEYS,
    NEXT_KEYS,
    OVERVIEW_KEYS,
    PREVIOUS_KEYS,
    TIMER_KEYS,
)
from companion.ui.viewer.presenting.slide_view import SlideView
from companion.ui.viewer.render_service import LANE_PRESENT, RenderService

# Keys that are only half of a key (Shift of Shift+?): they never end a black screen.
MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
}


def pick_screens(
    names: list[str], window_screen: str, preferred: str | None
) -> tuple[int, int | None]:
    """Which screen shows the pages, and which (if any) the presenter view.

    The remembered choice wins when that screen is connected; otherwise, with
    two screens, the pages go to the one the program window is not on.
    """
    if preferred is not None and preferred in names:
        projector = names.index(preferred)
    elif len(names) > 1:
        projector = next((i for i, n in enumerate(names) if n != window_screen), 0)
    else:
        projector = 0
    others = [i for i in range(len(names)) if i != projector]
    if not others:
        return projector, None
    home = names.index(window_screen) if window_screen in names else others[0]
    return projector, home if home != projector else others[0]


class PresentationWindow(QWidget):
    """The full-screen window on the projector: the audience's slide and nothing else."""

    def __init__(self, presentation: Presentation) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.presentation = presentation
        live(self, "setWindowTitle", lambda: self.tr("Presentatie"))
        live(self, "setAccessibleName", lambda: self.tr("Presentatie"))
        self.setObjectName("presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.slide = SlideView(presentation.service, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slide)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.presentation.handle_key(event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab is the overview's key, not a focus move

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.presentation.black:
            self.presentation.toggle_black()
        elif event.button() == Qt.MouseButton.LeftButton:
            self.presentation.next()
        elif event.button() == Qt.MouseButton.RightButton:
            self.presentation.previous()

    def closeEvent(self, event) -> None:
        self.presentation.stop()
        super().closeEvent(event)


class Presentation(QObject):
    """One presentation session: which page, black or frozen, the countdown, its windows.

    ``index`` is the page the facilitator is on; the beamer shows ``frozen``
    instead while it is set (F), and nothing while ``black`` (B). ``notes``
    are the speaker's notes (kit manifest or a notes file next to a PDF) and
    give the countdown's length when no ``minutes`` are given; ``clock`` is
    injectable so tests drive the countdown without waiting.
    """

    page_changed = Signal(int)  # 0-based
    finished = Signal(int)  # the page shown last

    def __init__(
        self,
        service: RenderService,
        start: int,
        screen: QScreen,
        presenter_screen: QScreen | None = None,
        *,
        presenter: bool = False,
        notes: PdfNotes | None = None,
        minutes: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.page_count = len(service.sizes)
        self.index = max(0, min(self.page_count - 1, start))
        self.black = False
        self.frozen: int | None = None
        self.running = False
        self.screen = screen
        self.presenter_screen = presenter_screen
        self.notes = notes or PdfNotes()
        self.countdown = Countdown(minutes or self.notes.minutes or DEFAULT_MINUTES, clock)
        self.window = PresentationWindow(self)
        self.presenter = (
            PresenterView(self, self.countdown) if presenter or presenter_screen else None
        )
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        service.page_ready.connect(self._page_ready)
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request)
        for view in self._views():
            view[0].resized.connect(self._request_timer.start)

    @property
    def shown(self) -> int:
        """The page the beamer shows (the frozen one while frozen)."""
        return self.index if self.frozen is None else self.frozen

    def note(self, index: int) -> str:
        return self.notes.note(index)

    def start(self) -> None:
        self.running = True
        self.countdown.start()
        self.window.setScreen(self.screen)
        self.window.setGeometry(self.screen.geometry())
        self.window.showFullScreen()
        if self.presenter is not None:
            target = self.presenter_screen or self.screen
            self.presenter.setScreen(target)
            self.presenter.move(target.availableGeometry().topLeft())
            if self.presenter_screen is not None:
                self.presenter.showMaximized()
            else:
                self.presenter.show()
        self._ticker.start()
        self._show()
        self.window.activateWindow()
        self.window.setFocus()

    def elapsed_seconds(self) -> int:
        return int(self.countdown.elapsed())

    def restart_timer(self) -> None:
        self.countdown.restart()
        self._tick()

    def toggle_timer(self) -> None:
        self.countdown.toggle()
        self._tick()

    def next(self) -> None:
        self.go_to(self.index + 1)

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def go_to(self, index: int) -> None:
        index = max(0, min(self.page_count - 1, index))
        self.black = False
        if index != self.index:
            self.index = index
            self.page_changed.emit(index)
        self._show()

    def toggle_black(self) -> None:
        self.black = not self.black
        self._show()

    def toggle_freeze(self) -> None:
        """F: the beamer keeps this slide while the presenter view moves on; F again lets go.

        Only with a presenter view: without one nobody would see where they are.
        """
        if self.presenter is None and self.frozen is None:
            return
        self.frozen = self.index if self.frozen is None else None
        self._show()

    def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        self._ticker.stop()
        self.service.request(LANE_PRESENT, [])
        for window in (self.window, self.presenter):
            if window is not None:
                forget_within(window)  # its texts are not needed again
                window.hide()
                window.deleteLater()
        self.finished.emit(self.index)

    def handle_key(self, event: QKeyEvent) -> bool:
        """The keys a clicker or keyboard sends during a presentation (shortcuts.py)."""
        key = event.key()
        if self.black:
            if key in MODIFIER_KEYS:
                return False
            self.toggle_black()  # on a black screen any key only brings the slide back
            return True
        if key == Qt.Key.Key_Escape:
            self.stop()
        elif key in BLACK_KEYS:
            self.toggle_black()
        elif key in FREEZE_KEYS:
            self.toggle_freeze()
        elif key in TIMER_KEYS:
            self.toggle_timer()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.page_count - 1)
        elif key in OVERVIEW_KEYS and self.presenter is not None:
            self.presenter.toggle_overview()
        elif key in HELP_KEYS and self.presenter is not None:
            self.presenter.toggle_help()
        else:
            return False
        return True

    def _views(self) -> list[tuple[SlideView, int]]:
        """Each slide view with the page it shows, counted from the facilitator's page."""
        views = [(self.window.slide, self.shown - self.index)]
        if self.presenter is not None:
            views += [(self.presenter.current, 0), (self.presenter.next, 1)]
        return views

    def _show(self) -> None:
        self.window.slide.show_page(self.shown, self.black)
        if self.presenter is not None:
            self.presenter.refresh()
        self._request()

    def _request(self) -> None:
        """Each view's page first, then each view's following page (to turn at once)."""
        if not self.running:
            return
        wanted: list[tuple[int, float]] = []
        for ahead in (0, 1):
            for view, offset in self._views():
                index = self.index + offset + ahead
                if 0 <= index < self.page_count and view.width() > 0 and view.height() > 0:
                    wanted.append((index, view.scale_for(index)))
        self.service.request(LANE_PRESENT, wanted)

    def _page_ready(self, lane: int, index: int) -> None:
        if lane == LANE_PRESENT:
            for view, _offset in self._views():
                if view.index == index:
                    view.update()

    def _tick(self) -> None:
        if self.presenter is not None:
            self.presenter.tick()
