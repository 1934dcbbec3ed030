"""The kit store: everything in the installed kit, and nothing a user made.

Because it can always be rebuilt from a kit source, a damaged kit store is
moved aside and rebuilt rather than repaired (see ``companion/kit/bundled.py``). Content
files are stored once per sha256 (``blobs``); documents point at them. The
page texts are kept per blob so an update only extracts text from new files,
and the search index is rebuilt from them inside the same transaction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.store.sqlite_base import SqliteStore, schema_version

SCHEMA_VERSION = 1
# A search row's rowid is position * PAGES_PER_DOCUMENT + page (1-based): it says
# which document and page it is, so ranking and grouping never read the text.
PAGES_PER_DOCUMENT = 100_000


_SCHEMA = """
CREATE TABLE kit_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE blob_pages (
    sha256 TEXT NOT NULL REFERENCES blobs(sha256) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (sha256, page)
) WITHOUT ROWID;
CREATE TABLE themes (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    type TEXT NOT NULL,
    summary TEXT NOT NULL,
    audience TEXT NOT NULL,
    minutes INTEGER,
    url TEXT,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    changed_in INTEGER NOT NULL
);
CREATE TABLE document_themes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    theme_id TEXT NOT NULL REFERENCES themes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (document_id, theme_id)
) WITHOUT ROWID;
CREATE TABLE steps (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE step_items (
    id TEXT PRIMARY KEY,
    step_id TEXT NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE step_documents (
    step_id TEXT NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (step_id, document_id)
) WITHOUT ROWID;
CREATE TABLE last_changes (
    document_id TEXT NOT NULL,
    title TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('nieuw', 'gewijzigd', 'verwijderd'))
);
CREATE VIRTUAL TABLE search_index USING fts5(
    title, summary, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
"""


@dataclass(frozen=True)
class InstalledKit:
    """What the kit store holds now (read from ``kit_info``)."""

    kit: str
    version: int
    title: str
    published: str
    changes: str
    previous_version: int | None
    expires: str = ""


class KitStore(SqliteStore):
    """One connection to ``kit.sqlite``; open one per thread."""

    damaged_message = QT_TRANSLATE_NOOP("messages", "De opgeslagen kit is beschadigd.")

    def _prepare(self) -> None:
        if schema_version(self.conn) != SCHEMA_VERSION and not self.read_only:
            # Two programs may start on an empty folder at once: create the
            # schema under the write lock, after looking again.
            with self.transaction() as conn:
                self._create_schema(conn)
        version = schema_version(self.conn)
        if version != SCHEMA_VERSION:
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "messages", "De opgeslagen kit komt uit een andere versie van het programma."
                ),
                f"kit store schema {version}, expected {SCHEMA_VERSION}",
            )
        # Read what start-up reads, so a damaged file fails here and not
        # halfway through a screen (the full check runs just after start).
        self.conn.execute("SELECT count(*) FROM documents").fetchone()
        self.installed()

    @staticmethod
    def _create_schema(conn) -> None:
        version = schema_version(conn)
        if version != 0:
            return  # made meanwhile by another program, or another version: checked above
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(
                QT_TRANSLATE_NOOP("messages", "Dit bestand is geen kit van dit programma."),
                "unknown tables",
            )
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- reading -------------------------------------------------------------

    def installed(self) -> InstalledKit | None:
        info = dict(self.conn.execute("SELECT key, value FROM kit_info").fetchall())
        if "version" not in info:
            return None
        previous = info.get("previous_version")
        return InstalledKit(
            kit=info["kit"],
            version=int(info["version"]),
            title=info["title"],
            published=info["published"],
            changes=info["changes"],
            previous_version=int(previous) if previous else None,
            expires=info.get("expires", ""),
        )

    def signed_manifest(self) -> tuple[bytes, bytes] | None:
        """The exact manifest bytes and signature that were installed.

        Kept so the installed kit can be written out again as an update file
        that other machines verify exactly as they would the portal's.
        """
        info = dict(
            self.conn.execute(
                "SELECT key, value FROM kit_info WHERE key IN ('manifest', 'signature')"
            ).fetchall()
        )
        if "manifest" not in info:
            return None
        return info["manifest"].encode("utf-8"), info["signature"].encode("ascii")

    def signed_key_list(self) -> tuple[bytes, bytes] | None:
        """The key list (bytes and signature) that vouched for the installed kit."""
        info = dict(
            self.conn.execute(
                "SELECT key, value FROM kit_info WHERE key IN ('keys', 'keys_signature')"
            ).fetchall()
        )
        if "keys" not in info or "keys_signature" not in info:
            return None
        return info["keys"].encode("utf-8"), info["keys_signature"].encode("ascii")

    def blob(self, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else bytes(row[0])

    def blob_shas(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT sha256 FROM blobs")}

    # -- writing -------------------------------------------------------------

    def now(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%S")
