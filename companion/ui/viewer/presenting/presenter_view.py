"""The presenter view on the laptop (anchor: pdfpc).

This slide large, the next one, the speaker's notes, where we are, the clock
and a countdown; Tab swaps the slides for an overview of all of them. The
layout never moves: a black or frozen beamer is said in a line above the
slide that always keeps its room, and this slide keeps its size and stays
visible (the facilitator must still see where they are).

Notes are shown here only, as plain text; the beamer's window has no notes
widget at all.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.ui.live import live
from companion.ui.viewer.presenting.countdown import Countdown
from companion.ui.viewer.presenting.overview import OverviewGrid, overview_area
from companion.ui.viewer.presenting.shortcuts import HelpPanel
from companion.ui.viewer.presenting.slide_view import SlideView
from companion.ui.viewer.render_service import RenderService
from companion.ui.widgets.flow_layout import kept_together, wrapping_row


class Session(Protocol):
    """What the view needs of the presentation session (presentation.py's Presentation)."""

    service: RenderService
    index: int
    page_count: int
    black: bool
    frozen: int | None

    def note(self, index: int) -> str: ...
    def go_to(self, index: int) -> None: ...
    def previous(self) -> None: ...
    def next(self) -> None: ...
    def toggle_black(self) -> None: ...
    def toggle_freeze(self) -> None: ...
    def toggle_timer(self) -> None: ...
    def restart_timer(self) -> None: ...
    def stop(self) -> None: ...
    def handle_key(self, event: QKeyEvent) -> bool: ...


def _restyle(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class PresenterView(QWidget):
    """On the laptop: this page, the next one, the notes, where we are and the time."""

    def __init__(self, presentation: Session, countdown: Countdown) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.presentation = presentation
        self.countdown = countdown
        live(self, "setWindowTitle", lambda: self.tr("Presentatorweergave"))
        live(self, "setAccessibleName", lambda: self.tr("Presentatorweergave"))
        self.setObjectName("presenterView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        service = presentation.service

        self.current = SlideView(service)
        live(self.current, "setAccessibleName", lambda: self.tr("Huidige pagina"))
        # What the audience sees when it is not this slide: a band over the top of this
        # slide, so nothing in the layout moves or shrinks when it shows.
        self.state = QLabel(self.current)
        self.state.setObjectName("presenterState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        live(self.state, "setAccessibleName", lambda: self.tr("Wat het publiek ziet"))
        self.state.hide()
        self.current.resized.connect(self._place_state)
        self.next = SlideView(service)
        live(self.next, "setAccessibleName", lambda: self.tr("Volgende pagina"))
        live(self.next, "set_end_text", lambda: self.tr("Einde"))
        next_label = QLabel()
        live(next_label, "setText", lambda: self.tr("Volgende"))
        notes_label = QLabel()
        live(notes_label, "setText", lambda: self.tr("Notities"))
        self.notes = QPlainTextEdit()  # plain text: notes come from a kit or any file
        self.notes.setObjectName("presenterNotes")
        self.notes.setReadOnly(True)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        live(self.notes, "setAccessibleName", lambda: self.tr("Notities bij deze dia"))
        live(self.notes, "setPlaceholderText", lambda: self.tr("Geen notities bij deze dia."))
        notes_label.setBuddy(self.notes)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(next_label)
        side.addWidget(self.next, 2)
        side.addWidget(notes_label)
        side.addWidget(self.notes, 3)
        slides = QWidget()
        slides_grid = QGridLayout(slides)
        slides_grid.setContentsMargins(0, 0, 0, 0)
        slides_grid.addWidget(self.current, 0, 0)
        slides_grid.addLayout(side, 0, 1)
        # Fixed shares: nothing the labels say can take room from this slide.
        slides_grid.setColumnStretch(0, 3)
        slides_grid.setColumnStretch(1, 2)
        self.current.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.next.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.notes.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

        self.overview = OverviewGrid(service)
        self.overview.chosen.connect(self._overview_chosen)
        self.body = QStackedWidget()
        self.body.addWidget(slides)
        self.body.addWidget(overview_area(self.overview))

        self.position = QLabel()
        live(self.position, "setAccessibleName", lambda: self.tr("Paginanummer"))
        self.position.setObjectName("presenterBig")
        self.clock = QLabel()
        live(self.clock, "setAccessibleName", lambda: self.tr("Klok"))
        self.clock.setObjectName("presenterClock")
        self.timer = QLabel()
        live(self.timer, "setAccessibleName", lambda: self.tr("Resterende tijd"))
        self.timer.setObjectName("presenterTimer")
        self.timer.setProperty("stage", "normal")
        timer_caption, clock_caption = QLabel(), QLabel()
        live(timer_caption, "setText", lambda: self.tr("Aftellen"))
        live(clock_caption, "setText", lambda: self.tr("Klok"))

        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(countdown.minutes)
        live(self.minutes, "setSuffix", lambda: self.tr(" min"))
        live(self.minutes, "setAccessibleName", lambda: self.tr("Duur in minuten"))
        live(self.minutes, "setToolTip", lambda: self.tr("Hoe lang de presentatie mag duren"))
        self.minutes.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.minutes.editingFinished.connect(self.setFocus)

        p = presentation
        self.buttons: dict[str, QPushButton] = {}
        for key, text, name, slot in (
            ("previous", lambda: self.tr("◀ Vorige"), lambda: self.tr("Vorige pagina"), p.previous),
            ("next", lambda: self.tr("Volgende ▶"), lambda: self.tr("Volgende pagina"), p.next),
            (
                "black",
                lambda: self.tr("Zwart (B)"),
                lambda: self.tr("Zwart scherm aan of uit"),
                p.toggle_black,
            ),
            (
                "freeze",
                lambda: self.tr("Bevriezen (F)"),
                lambda: self.tr("Beamer bevriezen of loslaten"),
                p.toggle_freeze,
            ),
            (
                "overview",
                lambda: self.tr("Overzicht (Tab)"),
                lambda: self.tr("Overzicht van alle dia's"),
                self.toggle_overview,
            ),
            (
                "timer",
                lambda: self.tr("Start/pauze (T)"),
                lambda: self.tr("Aftellen starten of pauzeren"),
                p.toggle_timer,
            ),
            (
                "restart",
                lambda: self.tr("Tijd opnieuw"),
                lambda: self.tr("Tijd opnieuw beginnen"),
                p.restart_timer,
            ),
            (
                "help",
                lambda: self.tr("Hulp (F1)"),
                lambda: self.tr("Sneltoetsen"),
                self.toggle_help,
            ),
            (
                "stop",
                lambda: self.tr("Stoppen (Esc)"),
                lambda: self.tr("Presentatie stoppen"),
                p.stop,
            ),
        ):
            button = QPushButton()
            live(button, "setText", text)
            live(button, "setAccessibleName", name)
            # Keys go to the presentation (clickers send them), not to a button.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            self.buttons[key] = button
        b = self.buttons
        controls = wrapping_row(
            [
                self.position,
                kept_together(timer_caption, self.timer),
                kept_together(self.minutes, b["timer"], b["restart"]),
                kept_together(clock_caption, self.clock),
                kept_together(b["previous"], b["next"]),
                kept_together(b["black"], b["freeze"], b["overview"]),
                kept_together(b["help"], b["stop"]),
            ],
            spacing=16,
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(controls)
        self.help = HelpPanel(self)
        self.resize(1000, 600)

    # -- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        p = self.presentation
        # This slide is always shown here, also when the beamer is black or frozen.
        self.current.show_page(p.index)
        self.next.show_page(p.index + 1 if p.index + 1 < p.page_count else -1)
        self.notes.setPlainText(p.note(p.index))
        page, total = p.index + 1, p.page_count
        live(
            self.position,
            "setText",
            lambda: self.tr("Pagina {page} van {total}").format(page=page, total=total),
        )
        if p.black:
            live(
                self.state,
                "setText",
                lambda: self.tr(
                    "ZWART SCHERM: het publiek ziet niets. Een toets toont de dia weer."
                ),
            )
        elif p.frozen is not None:
            frozen = p.frozen + 1
            live(
                self.state,
                "setText",
                lambda: self.tr(
                    "BEVROREN: het publiek ziet dia {page}. F laat de beamer los."
                ).format(page=frozen),
            )
        self.state.setProperty("stage", "black" if p.black else "frozen")
        _restyle(self.state)
        self.state.setVisible(p.black or p.frozen is not None)
        self._place_state()
        self.buttons["black"].setDown(p.black)
        self.buttons["freeze"].setDown(p.frozen is not None)
        self.tick()

    def _place_state(self) -> None:
        """The band across the top of this slide, as high as its text needs."""
        width = self.current.width()
        self.state.setGeometry(0, 0, width, self.state.heightForWidth(width))
        self.current.update()  # what the band covered a moment ago is drawn again

    def tick(self) -> None:
        """The clock and the countdown (every second, and after each change)."""
        self.clock.setText(time.strftime("%H:%M"))
        self.timer.setText(self.countdown.text())
        stage = self.countdown.stage()
        if self.timer.property("stage") != stage:
            self.timer.setProperty("stage", stage)
            _restyle(self.timer)

    def _minutes_changed(self, minutes: int) -> None:
        self.countdown.set_minutes(minutes)
        self.tick()

    # -- overview and help ------------------------------------------------------------

    @property
    def overview_open(self) -> bool:
        return self.body.currentIndex() == 1

    def toggle_overview(self) -> None:
        if self.overview_open:
            self.body.setCurrentIndex(0)
        else:
            self.body.setCurrentIndex(1)
            self.overview.select(self.presentation.index)

    def _overview_chosen(self, index: int) -> None:
        self.body.setCurrentIndex(0)
        self.presentation.go_to(index)

    def toggle_help(self) -> None:
        self.help.toggle()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys for this window first (help, overview), then the presentation's."""
        if self.presentation.black:  # any key only brings the slide back
            return self.presentation.handle_key(event)
        if self.help.isVisible():
            self.help.hide()
            return True
        if self.overview_open:
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Escape):
                self.toggle_overview()
                return True
            if self.overview.handle_key(event):
                return True
        return self.presentation.handle_key(event)

    # -- Qt ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab opens the overview instead of moving the focus

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.help.isVisible():
            self.help.place()

    def closeEvent(self, event) -> None:
        self.presentation.stop()
        super().closeEvent(event)
