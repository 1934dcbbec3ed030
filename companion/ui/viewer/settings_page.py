"""Instellingen, tabblad Documenten: how long a page may take before it gets a placeholder.

A page the engine cannot draw within this time is shown as "Deze pagina kan
niet worden getoond" and its worker is replaced. Slow workstations, or PDFs
with very detailed drawings, may need more than the 10 seconds it starts at.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox, QWidget

from companion.pdf.engine.settings import (
    MAX_DEADLINE,
    MIN_DEADLINE,
    Settings,
    load_deadline,
    save_deadline,
)
from companion.ui.appearance import px
from companion.ui.live import live
from companion.ui.widgets.common import scroll_body


class DocumentSettingsPage(QWidget):
    """The deadline for drawing one page, in seconds."""

    def title(self) -> str:
        return self.tr("Documenten")

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.deadline = QSpinBox()
        self.deadline.setRange(MIN_DEADLINE, MAX_DEADLINE)
        self.deadline.setValue(load_deadline(settings))
        live(self.deadline, "setSuffix", lambda: self.tr(" seconden"))
        live(
            self.deadline,
            "setAccessibleName",
            lambda: self.tr("Hoe lang een pagina mag duren, in seconden"),
        )
        live(self.deadline, "setMinimumWidth", lambda: px(140))
        explain = QLabel()
        live(
            explain,
            "setText",
            lambda: self.tr(
                "Lukt het niet om een pagina binnen deze tijd te tekenen, dan zie je op die plek "
                "“Deze pagina kan niet worden getoond” en werkt de rest van het document "
                "gewoon door. Klik op zo’n pagina om het opnieuw te proberen. Geef een "
                "langzame computer of een heel gedetailleerde PDF meer tijd."
            ),
        )
        explain.setWordWrap(True)
        explain.setObjectName("hint")
        label = QLabel()
        live(label, "setText", lambda: self.tr("Tijd voor een pagina:"))
        label.setBuddy(self.deadline)
        form = QFormLayout()
        form.addRow(label, self.deadline)
        layout = scroll_body(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addStretch(1)

    def save(self) -> None:
        save_deadline(self.settings, self.deadline.value())
