"""Typing into a werkblad: Qt editors laid over the PDF's form fields.

Each field gets a line edit, a multi-line box or a checkbox on top of its
rectangle (shown coordinates, so a field on a turned page lands on its box).
The editors are children of the reading view and follow its page as it
scrolls and zooms; only those of the pages on screen are shown. Changes are
reported with ``value_changed``; storing them is the screen's job (through
:class:`companion.pdf.forms.FormValues`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from companion.pdf.content import CHECKBOX, CHECKED, MULTILINE, UNCHECKED, FormField
from companion.pdf.field_fit import FieldFit
from companion.ui.viewer.canvas import PageCanvas
from companion.ui.widgets.plain import plain_tip

EDITOR_STYLE = (
    "background: rgba(226, 237, 252, 235); color: black; border: 1px solid #7aa0d8;"
    " border-radius: 0; padding: 0 2px; font-size: {px}px;"
)
# A text that does not fit even at the smallest size: a red border a person sees.
CUT_STYLE = (
    "background: rgba(253, 232, 232, 240); color: black; border: 2px solid #c62828;"
    " border-radius: 0; padding: 0 2px; font-size: {px}px;"
)


def cut_field_text() -> str:
    return QCoreApplication.translate(
        "FieldEditors",
        "Deze tekst past niet in het vak, ook niet in een kleinere letter. Bij opslaan en "
        "afdrukken valt een deel weg: maak hem korter.",
    )


class FieldEditors(QObject):
    """The editors for the open document's fields."""

    value_changed = Signal(str, str)  # field name, new value

    def __init__(self, canvas: PageCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.fields: list[FormField] = []
        self.editors: list[QWidget] = []
        self.fits: dict[str, FieldFit] = {}  # field name -> how its text fits (from a worker)
        canvas.view_moved.connect(self.relayout)

    def set_fields(self, fields: list[FormField], values: dict[str, str]) -> None:
        for editor in self.editors:
            editor.deleteLater()
        self.fields, self.editors = list(fields), []
        self.fits = {}
        parent = self.canvas.viewport()
        for form_field in self.fields:
            editor = self._make_editor(form_field, parent)
            self._show_value(editor, form_field, values.get(form_field.name, form_field.default))
            self.editors.append(editor)
        for first, second in zip(self.editors, self.editors[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.relayout()

    def _make_editor(self, form_field: FormField, parent: QWidget) -> QWidget:
        editor: QWidget
        if form_field.kind == CHECKBOX:
            editor = QCheckBox(parent)
            editor.toggled.connect(lambda _on, f=form_field, e=editor: self._changed(f, e))
        elif form_field.kind == MULTILINE:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.textChanged.connect(lambda f=form_field, e=editor: self._changed(f, e))
        else:
            editor = QLineEdit(parent)
            editor.textEdited.connect(lambda _text, f=form_field, e=editor: self._changed(f, e))
        editor.setAccessibleName(form_field.label)
        editor.setToolTip(plain_tip(form_field.label))  # the label comes from the PDF
        editor.setProperty("fieldName", form_field.name)
        return editor

    @staticmethod
    def _read_value(editor: QWidget) -> str:
        if isinstance(editor, QCheckBox):
            return CHECKED if editor.isChecked() else UNCHECKED
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    @staticmethod
    def _show_value(editor: QWidget, form_field: FormField, value: str) -> None:
        editor.blockSignals(True)
        try:
            if isinstance(editor, QCheckBox):
                editor.setChecked(value == CHECKED)
            elif isinstance(editor, QPlainTextEdit):
                if editor.toPlainText() != value:
                    editor.setPlainText(value)
            elif isinstance(editor, QLineEdit) and editor.text() != value:
                editor.setText(value)
        finally:
            editor.blockSignals(False)

    def _changed(self, form_field: FormField, editor: QWidget) -> None:
        value = self._read_value(editor)
        # A field can appear more than once (say, a name on every page): keep them equal.
        for other_field, other in zip(self.fields, self.editors, strict=True):
            if other is not editor and other_field.name == form_field.name:
                self._show_value(other, other_field, value)
        self.value_changed.emit(form_field.name, value)

    def show_fits(self, fits: list[FieldFit]) -> None:
        """Show each text at the size it will have on paper; mark the ones that are cut."""
        known = {fit.name: fit for fit in fits}
        names = {f.name for f in self.fields}
        self.fits = {name: fit for name, fit in known.items() if name in names}
        for form_field, editor in zip(self.fields, self.editors, strict=True):
            if form_field.kind == CHECKBOX:
                continue
            fit = self.fits.get(form_field.name)
            tip = form_field.label if fit is None or fit.fits else cut_field_text()
            editor.setToolTip(plain_tip(tip))
            editor.setAccessibleDescription("" if fit is None or fit.fits else cut_field_text())
            editor.setProperty("cut", fit is not None and not fit.fits)
            editor.setProperty("styledAt", None)  # styled again at the fitted size
        self.relayout()

    @property
    def cut_names(self) -> list[str]:
        """Names of the fields whose text does not fit (as last measured)."""
        return [name for name, fit in self.fits.items() if not fit.fits]

    def editor(self, name: str) -> QWidget | None:
        for form_field, editor in zip(self.fields, self.editors, strict=True):
            if form_field.name == name:
                return editor
        return None

    def values(self) -> dict[str, str]:
        return {f.name: self._read_value(e) for f, e in zip(self.fields, self.editors, strict=True)}

    def relayout(self) -> None:
        """Put each editor on its field at the current zoom and scroll position."""
        canvas = self.canvas
        scale = canvas.scale
        shown = canvas.visible_pages()
        for form_field, editor in zip(self.fields, self.editors, strict=True):
            if form_field.index not in shown or form_field.index >= canvas.page_count:
                if editor.isVisible():
                    editor.hide()
                continue
            page = canvas.page_rect(form_field.index)
            x0, y0, x1, y1 = form_field.rect
            left, top = round(page.left() + x0 * scale), round(page.top() + y0 * scale)
            width, height = max(8, round((x1 - x0) * scale)), max(8, round((y1 - y0) * scale))
            editor.setGeometry(left, top, width, height)
            if not editor.isVisible():
                editor.show()
            if editor.property("styledAt") == scale:
                continue  # a style sheet costs a re-polish: only when the zoom changed
            editor.setProperty("styledAt", scale)
            if form_field.kind == CHECKBOX:
                side = max(8, min(width, height) - 4)
                editor.setStyleSheet(
                    f"QCheckBox {{ background: rgba(226, 237, 252, 235); padding-left: 1px; }}"
                    f" QCheckBox::indicator {{ width: {side}px; height: {side}px; }}"
                )
            else:
                fit = self.fits.get(form_field.name)
                points = (fit.size if fit is not None else 0) or (
                    form_field.font_size
                    or (11.0 if form_field.kind == MULTILINE else (y1 - y0) * 0.6)
                )
                pixels = max(7, round(points * scale))
                style = CUT_STYLE if editor.property("cut") else EDITOR_STYLE
                editor.setStyleSheet(style.format(px=pixels))
                if isinstance(editor, QLineEdit):
                    editor.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
