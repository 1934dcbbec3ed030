"""The printpakket dialog: how many copies of each werkblad go with a workshop's draaiboek.

The list comes from :func:`companion.kit.workshop_pack.workshop_pack` (the
werkbladen the kit lists for the workshop, or for an older kit those its
draaiboek names, first, with the group size as copies; every other werkblad
at 0). The person sets the numbers and chooses to save one PDF or print it;
the screen composes it in an engine worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.kit.workshop_pack import WorkshopPack
from companion.pdf.compose import MAX_COPIES
from companion.ui.appearance import px
from companion.ui.widgets.plain import plain

SAVE = "save"
PRINT = "print"


@dataclass(frozen=True)
class PackChoice:
    """What the person chose: copies per document id, the draaiboek or not, save or print."""

    copies: dict[str, int] = field(default_factory=dict)
    draaiboek: bool = True
    action: str = SAVE

    @property
    def pages_wanted(self) -> bool:
        return self.draaiboek or any(n > 0 for n in self.copies.values())


class PackDialog(QDialog):
    """Copies per werkblad (spin boxes), then *Opslaan als PDF…* or *Afdrukken…*."""

    def __init__(self, pack: WorkshopPack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.action = SAVE
        self.setWindowTitle(self.tr("Printpakket maken"))
        intro = plain(QLabel())
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "Het draaiboek van „{title}” en de werkbladen voor de deelnemers, samen in "
                "één PDF. Kies hoeveel je van elk nodig hebt."
            ).format(title=pack.workshop.title)
        )
        self.draaiboek = QCheckBox(self.tr("Draaiboek (1 keer, voor jou)"))
        self.draaiboek.setChecked(True)
        note = plain(QLabel())
        note.setWordWrap(True)
        note.setObjectName("hint")
        if pack.group_size:
            note.setText(
                self.tr(
                    "Het draaiboek noemt een groep tot {size} mensen: de werkbladen voor "
                    "deze workshop staan daarom op {size}."
                ).format(size=pack.group_size)
            )
        else:
            note.hide()

        self.spins: dict[str, QSpinBox] = {}
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setColumnStretch(0, 1)
        for row, item in enumerate(pack.items):
            label = plain(QLabel())
            label.setWordWrap(True)
            text = item.document.title
            if item.listed:
                text = self.tr("{title} (hoort bij deze workshop)").format(title=text)
            elif item.named:
                text = self.tr("{title} (genoemd in het draaiboek)").format(title=text)
            label.setText(text)
            spin = QSpinBox()
            spin.setRange(0, MAX_COPIES)
            spin.setValue(item.copies)
            spin.setSuffix(self.tr(" ×"))
            spin.setAccessibleName(self.tr("Aantal van {title}").format(title=item.document.title))
            label.setBuddy(spin)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1, Qt.AlignmentFlag.AlignTop)
            self.spins[item.document.id] = spin
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Opslaan als PDF…"))
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        cancel = QPushButton(self.tr("Annuleren"))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda: self._choose(SAVE))
        self.print_button.clicked.connect(lambda: self._choose(PRINT))
        cancel.clicked.connect(self.reject)
        self.save_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.draaiboek)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(px(560), px(480))

    def _choose(self, action: str) -> None:
        self.action = action
        self.accept()

    def choice(self) -> PackChoice:
        return PackChoice(
            {doc_id: spin.value() for doc_id, spin in self.spins.items()},
            self.draaiboek.isChecked(),
            self.action,
        )


def ask_pack_dialog(parent: QWidget, pack: WorkshopPack) -> PackChoice | None:
    dialog = PackDialog(pack, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()
