"""Settings and reading places: what every screen needs from the start."""

VERSION = 1

SQL = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE last_pages (
    document_id TEXT PRIMARY KEY,
    page INTEGER NOT NULL CHECK (page >= 1),
    updated_at TEXT NOT NULL
);
CREATE TABLE opened_documents (
    document_id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    opened_at TEXT NOT NULL
);
"""
