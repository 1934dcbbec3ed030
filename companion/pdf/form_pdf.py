"""A werkblad's form fields, and a copy of it filled in (in an engine worker).

:func:`read_fields` lists the fields a person can type in, with their
rectangles in shown coordinates (a field on a turned page lands on its box);
:func:`fill_pdf` writes what was typed into a copy of the PDF, for saving
or printing, each text at a font size that fits its box (or reported as cut).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from companion.pdf.content import CHECKBOX, CHECKED, MULTILINE, TEXT, UNCHECKED, FormField
from companion.pdf.engine.protocol import Filled
from companion.pdf.field_fit import FieldFit, fit_size
from companion.pdf.page_reading import shown_rect

if TYPE_CHECKING:
    import pymupdf


def read_fields(doc: pymupdf.Document) -> list[FormField]:
    """The fields a person can fill in, page by page; other widget types are skipped."""
    import pymupdf

    fields: list[FormField] = []
    if not doc.is_form_pdf:
        return fields
    for page in doc:
        for widget in page.widgets() or ():
            if widget.field_flags & pymupdf.PDF_FIELD_IS_READ_ONLY or not widget.field_name:
                continue
            if widget.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT:
                multiline = bool(widget.field_flags & pymupdf.PDF_TX_FIELD_IS_MULTILINE)
                kind = MULTILINE if multiline else TEXT
                default = widget.field_value or ""
            elif widget.field_type == pymupdf.PDF_WIDGET_TYPE_CHECKBOX:
                kind = CHECKBOX
                default = UNCHECKED if widget.field_value in ("Off", "", None) else CHECKED
            else:
                continue
            fields.append(
                FormField(
                    name=widget.field_name,
                    kind=kind,
                    index=page.number,
                    rect=shown_rect(page, widget.rect),
                    label=widget.field_label or widget.field_name,
                    font_size=float(widget.text_fontsize or 0),
                    default=str(default),
                )
            )
    return fields


def fill_fields(doc: pymupdf.Document, values: Mapping[str, str]) -> list[FieldFit]:
    """Write ``values`` into ``doc``'s fields (in place), each text at a size that fits.

    Returns how each filled text field fits (see :mod:`companion.pdf.field_fit`).
    """
    import pymupdf

    fits: list[FieldFit] = []
    for page in doc:
        for widget in page.widgets() or ():
            if widget.field_name not in values:
                continue
            value = values[widget.field_name]
            if widget.field_type == pymupdf.PDF_WIDGET_TYPE_CHECKBOX:
                widget.field_value = widget.on_state() if value == CHECKED else "Off"
            elif widget.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT:
                multiline = bool(widget.field_flags & pymupdf.PDF_TX_FIELD_IS_MULTILINE)
                fit = fit_size(widget, value, multiline)
                fit = FieldFit(widget.field_label or widget.field_name, fit.size, fit.fits)
                fits.append(fit)
                if value.strip():  # an empty field keeps its own size (0 is "auto")
                    widget.text_fontsize = fit.size
                widget.field_value = value
            else:
                continue
            widget.update()
    return fits


def cut_labels(fits: list[FieldFit]) -> tuple[str, ...]:
    """The labels of the fields whose text does not fit, each once, in page order."""
    return tuple(dict.fromkeys(fit.name for fit in fits if not fit.fits))


def measure_fields(doc: pymupdf.Document, values: Mapping[str, str]) -> list[FieldFit]:
    """How ``values`` would fit their text fields (nothing is written): by field name."""
    import pymupdf

    fits: list[FieldFit] = []
    for page in doc:
        for widget in page.widgets() or ():
            if widget.field_type != pymupdf.PDF_WIDGET_TYPE_TEXT:
                continue
            if widget.field_name not in values:
                continue
            multiline = bool(widget.field_flags & pymupdf.PDF_TX_FIELD_IS_MULTILINE)
            fits.append(fit_size(widget, values[widget.field_name], multiline))
    return fits


def fill_pdf(doc: pymupdf.Document, values: Mapping[str, str]) -> Filled:
    """A copy of ``doc`` with ``values`` written into its fields (still fillable)."""
    import pymupdf

    copy = pymupdf.open(stream=doc.tobytes(), filetype="pdf")
    try:
        fits = fill_fields(copy, values)
        return Filled(copy.tobytes(deflate=True, garbage=1), cut_labels(fits))
    finally:
        copy.close()
