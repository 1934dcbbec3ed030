"""Filling in werkbladen: the PDF's form fields and what a person typed in them.

What is typed lives in the user store, keyed by (document id, field name),
never in the kit store and never in the kit's PDF. So it survives restarts
and kit updates (a new version of the werkblad with the same field names
shows the same answers), and a kit can always be rebuilt without losing it.
A filled PDF is made on request by writing the values into a copy of the
kit's PDF (:func:`fill_pdf`), for saving or printing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

import time
from collections.abc import Mapping
from dataclasses import dataclass

from companion.store.user_store import UserStore

TEXT = "text"
MULTILINE = "multiline"
CHECKBOX = "checkbox"

CHECKED = "1"
UNCHECKED = "0"

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class FormField:
    """One fillable field on one page (a field on two pages appears twice)."""

    name: str
    kind: str  # TEXT, MULTILINE or CHECKBOX
    index: int  # 0-based page
    rect: Rect  # PDF points
    label: str
    font_size: float
    default: str


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
                    rect=tuple(widget.rect),
                    label=widget.field_label or widget.field_name,
                    font_size=float(widget.text_fontsize or 0),
                    default=str(default),
                )
            )
    return fields


def fill_pdf(pdf_bytes: bytes, values: Mapping[str, str]) -> bytes:
    """A copy of the PDF with ``values`` written into its fields (for saving or printing)."""
    import pymupdf

    doc = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    try:
        for page in doc:
            for widget in page.widgets() or ():
                if widget.field_name not in values:
                    continue
                value = values[widget.field_name]
                if widget.field_type == pymupdf.PDF_WIDGET_TYPE_CHECKBOX:
                    widget.field_value = widget.on_state() if value == CHECKED else "Off"
                elif widget.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT:
                    widget.field_value = value
                else:
                    continue
                widget.update()
        return doc.tobytes(deflate=True)
    finally:
        doc.close()


class FormValues:
    """What people typed into werkbladen, in the user store (migration m003)."""

    def __init__(self, user: UserStore) -> None:
        self.user = user

    def values(self, document_id: str) -> dict[str, str]:
        rows = self.user.conn.execute(
            "SELECT field_name, value FROM form_values WHERE document_id = ?", (document_id,)
        )
        return dict(rows)

    def set_value(self, document_id: str, field_name: str, value: str) -> None:
        self.set_values(document_id, {field_name: value})

    def set_values(self, document_id: str, values: Mapping[str, str]) -> None:
        """Store several answers at once: all of them land, or none do."""
        if not values:
            return
        now = time.strftime("%Y-%m-%dT%H:%M:%S")
        with self.user.transaction() as conn:
            conn.executemany(
                "INSERT INTO form_values (document_id, field_name, value, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, field_name) "
                "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                [(document_id, name, value, now) for name, value in values.items()],
            )

    def clear(self, document_id: str) -> None:
        self.user.conn.execute("DELETE FROM form_values WHERE document_id = ?", (document_id,))

    def documents(self) -> list[str]:
        """Ids of the documents someone has filled in (also ones gone from the kit)."""
        rows = self.user.conn.execute(
            "SELECT DISTINCT document_id FROM form_values ORDER BY document_id"
        )
        return [row[0] for row in rows]
