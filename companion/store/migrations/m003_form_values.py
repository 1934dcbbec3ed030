"""Filled-in werkbladen: one value per (document, field name).

Keyed by the kit's stable document id and the PDF field's name, so answers
survive kit updates. Checkboxes store "1" or "0"; text fields their text.
"""

VERSION = 3

SQL = """
CREATE TABLE form_values (
    document_id TEXT NOT NULL,
    field_name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document_id, field_name)
);
"""
