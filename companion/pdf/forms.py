"""What a person typed into werkbladen, kept in the user store.

What is typed lives in the user store, keyed by (document id, field name),
never in the kit store and never in the kit's PDF. So it survives restarts
and kit updates (a new version of the werkblad with the same field names
shows the same answers), and a kit can always be rebuilt without losing it.
The fields themselves are read, and a filled copy of the PDF is made, by an
engine worker (:mod:`companion.pdf.form_pdf`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from companion.pdf.content import CHECKBOX, CHECKED, MULTILINE, TEXT, UNCHECKED, FormField
from companion.store.user_store import UserStore

__all__ = ["CHECKBOX", "CHECKED", "MULTILINE", "TEXT", "UNCHECKED", "FormField", "FormValues"]


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
