"""Presenteren: one page at a time, full screen on the projector, for facilitators.

Keys are the ones presentation clickers send (PageUp/PageDown, arrows,
Space, B or . for a black screen, Esc to stop). With a second screen the
laptop shows a presenter view: this page, the next one, "pagina x van y",
the clock and how long the session has run. Pages come from the viewer's
:class:`RenderService` (the engine workers draw them), so the next page is
usually ready before it is asked for.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QElapsedTimer, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.live import forget_within, live
from companion.ui.viewer.render_service import LANE_PRESENT, RenderService

NEXT_KEYS = {
    Qt.Key.Key_Space,
    Qt.Key.Key_Right,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_N,
}
PREVIOUS_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Up,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_P,
}
BLACK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}


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


class SlideView(QWidget):
    """Black area with one page fitted in it (or nothing: the black screen)."""

    resized = Signal()

    def __init__(self, service: RenderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.index = -1
        self.black = False
        self.end_text = ""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(80, 60)

    def show_page(self, index: int, black: bool = False) -> None:
        self.index, self.black = index, black
        self.update()

    def set_end_text(self, text: str) -> None:
        """What shows after the last page (the presenter view's 'next' area)."""
        self.end_text = text
        self.update()

    def page_rect(self) -> QRectF:
        """Where the page goes: as large as fits, centred (logical pixels)."""
        if not 0 <= self.index < len(self.service.sizes):
            return QRectF()
        width, height = self.service.sizes[self.index]
        factor = min(self.width() / width, self.height() / height)
        w, h = width * factor, height * factor
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def render_scale(self) -> float:
        if not 0 <= self.index < len(self.service.sizes):
            return 1.0
        return (
            self.page_rect().width()
            / self.service.sizes[self.index][0]
            * (self.devicePixelRatioF())
        )

    def scale_for(self, index: int) -> float:
        """Render scale that fits page ``index`` in this view (to prefetch it)."""
        width, height = self.service.sizes[index]
        factor = min(self.width() / width, self.height() / height)
        return factor * self.devicePixelRatioF()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def is_rendered(self) -> bool:
        return self.service.is_rendered(self.index, self.render_scale())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self.black:
            painter.end()
            return
        if not 0 <= self.index < len(self.service.sizes):
            if self.end_text:
                painter.setPen(QColor("#bbbbbb"))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.end_text)
            painter.end()
            return
        self.service.paint_page(
            painter, self.index, self.page_rect(), self.render_scale(), clickable=False
        )
        painter.end()


class PresentationWindow(QWidget):
    """The full-screen window on the projector."""

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

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.presentation.next()
        elif event.button() == Qt.MouseButton.RightButton:
            self.presentation.previous()

    def closeEvent(self, event) -> None:
        self.presentation.stop()
        super().closeEvent(event)


class PresenterView(QWidget):
    """On the laptop: this page, the next one, where we are, the clock and the timer."""

    def __init__(self, presentation: Presentation) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.presentation = presentation
        live(self, "setWindowTitle", lambda: self.tr("Presentatorweergave"))
        live(self, "setAccessibleName", lambda: self.tr("Presentatorweergave"))
        self.setObjectName("presenterView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        service = presentation.service
        self.current = SlideView(service)
        live(self.current, "setAccessibleName", lambda: self.tr("Huidige pagina"))
        self.next = SlideView(service)
        live(self.next, "setAccessibleName", lambda: self.tr("Volgende pagina"))
        live(self.next, "set_end_text", lambda: self.tr("Einde"))
        self.position = QLabel()
        live(self.position, "setAccessibleName", lambda: self.tr("Paginanummer"))
        self.position.setObjectName("presenterBig")
        self.clock = QLabel()
        live(self.clock, "setAccessibleName", lambda: self.tr("Klok"))
        self.clock.setObjectName("presenterClock")
        self.elapsed = QLabel()
        live(self.elapsed, "setAccessibleName", lambda: self.tr("Verstreken tijd"))
        self.elapsed.setObjectName("presenterTimer")

        buttons = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for text, name, slot in (
            (lambda: self.tr("◀ Vorige"), lambda: self.tr("Vorige pagina"), presentation.previous),
            (lambda: self.tr("Volgende ▶"), lambda: self.tr("Volgende pagina"), presentation.next),
            (
                lambda: self.tr("Zwart scherm (B)"),
                lambda: self.tr("Zwart scherm aan of uit"),
                presentation.toggle_black,
            ),
            (
                lambda: self.tr("Tijd opnieuw"),
                lambda: self.tr("Tijd opnieuw beginnen"),
                presentation.restart_timer,
            ),
            (
                lambda: self.tr("Stoppen (Esc)"),
                lambda: self.tr("Presentatie stoppen"),
                presentation.stop,
            ),
        ):
            button = QPushButton()
            live(button, "setText", text)
            live(button, "setAccessibleName", name)
            # Keys go to the presentation (clickers send them), not to a button.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)

        side = QVBoxLayout()
        next_label = QLabel()
        live(next_label, "setText", lambda: self.tr("Volgende"))
        side.addWidget(next_label)
        side.addWidget(self.next, 2)
        side.addWidget(self.position)
        side.addWidget(self.clock)
        side.addWidget(self.elapsed)
        side.addStretch(1)

        grid = QGridLayout(self)
        grid.addWidget(self.current, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.addLayout(buttons, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        self.resize(1000, 600)

    def refresh(self) -> None:
        p = self.presentation
        self.current.show_page(p.index, p.black)
        self.next.show_page(p.index + 1 if p.index + 1 < p.page_count else -1)
        page, total = p.index + 1, p.page_count
        if p.black:
            live(
                self.position,
                "setText",
                lambda: self.tr("Pagina {page} van {total} · zwart scherm").format(
                    page=page, total=total
                ),
            )
        else:
            live(
                self.position,
                "setText",
                lambda: self.tr("Pagina {page} van {total}").format(page=page, total=total),
            )
        self.tick()

    def tick(self) -> None:
        self.clock.setText(time.strftime("%H:%M"))
        seconds = self.presentation.elapsed_seconds()
        hours, rest = divmod(seconds, 3600)
        self.elapsed.setText(f"{hours:d}:{rest // 60:02d}:{rest % 60:02d}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.presentation.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.presentation.stop()
        super().closeEvent(event)


class Presentation(QObject):
    """One presentation session: which page, black or not, and its windows."""

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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.page_count = len(service.sizes)
        self.index = max(0, min(self.page_count - 1, start))
        self.black = False
        self.running = False
        self.screen = screen
        self.presenter_screen = presenter_screen
        self.window = PresentationWindow(self)
        self.presenter = PresenterView(self) if presenter or presenter_screen else None
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        service.page_ready.connect(self._page_ready)
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request)
        views = [self.window.slide]
        if self.presenter is not None:
            views += [self.presenter.current, self.presenter.next]
        for view in views:
            view.resized.connect(self._request_timer.start)

    def start(self) -> None:
        self.running = True
        self._clock.start()
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
        return int(self._clock.elapsed() // 1000) if self._clock.isValid() else 0

    def restart_timer(self) -> None:
        self._clock.restart()
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
        """The keys a clicker or keyboard sends during a presentation."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.stop()
        elif key in BLACK_KEYS:
            self.toggle_black()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREVIOUS_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.page_count - 1)
        else:
            return False
        return True

    def _show(self) -> None:
        self.window.slide.show_page(self.index, self.black)
        if self.presenter is not None:
            self.presenter.refresh()
        self._request()

    def _request(self) -> None:
        """Each view's page first, then each view's following page (to turn at once)."""
        if not self.running:
            return
        views: list[tuple[SlideView, int]] = [(self.window.slide, 0)]
        if self.presenter is not None:
            views += [(self.presenter.current, 0), (self.presenter.next, 1)]
        wanted: list[tuple[int, float]] = []
        for ahead in (0, 1):
            for view, offset in views:
                index = self.index + offset + ahead
                if index < self.page_count and view.width() > 0 and view.height() > 0:
                    wanted.append((index, view.scale_for(index)))
        self.service.request(LANE_PRESENT, wanted)

    def _page_ready(self, lane: int, index: int) -> None:
        if lane == LANE_PRESENT and self.index <= index <= self.index + 2:
            self.window.slide.update()
            if self.presenter is not None:
                self.presenter.current.update()
                self.presenter.next.update()

    def _tick(self) -> None:
        if self.presenter is not None:
            self.presenter.tick()
