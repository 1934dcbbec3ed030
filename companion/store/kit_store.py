"""The kit store: everything in the installed kit, and nothing a user made.

Because it can always be rebuilt from a kit source, a damaged kit store is
moved aside and rebuilt rather than repaired (see ``companion/kit/bundled.py``).

Schema (version 3), for whoever reads or extends it:

``blobs``
    Content files, stored once per sha256: the PDFs byte for byte, and media
    files (a video's mp4; ``kind = 'media'``, ``page_count = 0``).
``pages``
    The one text table: one row per page of each PDF blob, with the page's
    size and turn as the viewer lays it out (``PageBox``) and its text as
    zlib-compressed UTF-8 (:func:`unpack_text`). Text is kept per *file*, so
    an update only extracts text from files the store does not have yet, and
    two documents with the same bytes share it.
``documents``
    The manifest's documents in kit order (``position``), each pointing at
    its PDF blob (and media blob). ``num`` is the document's search number:
    given when a document id first appears and kept for as long as the id
    stays in the kit, so a new version that inserts or reorders documents
    does not renumber the search rows of documents that did not change.
``search_index``
    FTS5, *contentless* (``content=''``): only the index, no second copy of
    the text. ``rowid = num * PAGES_PER_DOCUMENT + page`` says which document
    and page a row is, so ranking never reads text. Page 0 is the document
    itself (``title`` and ``summary``); pages 1.. hold the page text in
    ``body`` (without lines that run over most pages, such as a running
    header the margin cut missed). Every value is stored as the words search
    compares (``companion.dutch.words``: folded, "zzp'ers" as "zzpers"),
    made by ``companion/kit/search_index.py``. Tokenizer ``unicode61
    remove_diacritics 2``; word starts are prefix queries (``"woord"*``).
    There is no ``prefix=`` index: it tripled the index and the store must
    stay within 3x the PDF bytes. Because the table is contentless, a row is
    removed with the FTS5 ``'delete'`` command and the exact values it was
    indexed with, which the writer rebuilds from ``documents`` and ``pages``.
``search_terms``
    Every word the index has held, with its stem (Snowball Dutch) and the
    word spelled backwards: the index-time half of stemming, and how search
    finds word forms, compounds ("klantreis" for "reis") and corrections for
    typos without scanning the index. Words of removed documents may stay;
    search checks hits in the index itself (``search_vocab``, fts5vocab).
``kit_info``
    The installed kit's fields, its signed manifest and key list, and
    ``synonyms`` (the manifest's synonym groups as JSON, for search).

Older schemas are not migrated row by row: the store is rebuildable, so an
old-schema file keeps only its signed manifest and content files (as
``legacy_kit_info`` and ``legacy_blobs``), and the next start rebuilds the
kit from the newest verified source, that kept kit or the bundled one (see
``AppContext.install_bundled_kit``); the legacy tables go with the next
successful import.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from companion.errors import StoreError
from companion.files import fsync_folder
from companion.i18n import QT_TRANSLATE_NOOP
from companion.store.sqlite_base import SqliteStore, schema_version

SCHEMA_VERSION = 3
# A search row's rowid is num * PAGES_PER_DOCUMENT + page (1-based): it says
# which document and page it is, so ranking and grouping never read the text.
PAGES_PER_DOCUMENT = 100_000
KIND_PDF = "pdf"
KIND_MEDIA = "media"
# After an import the write-ahead log is checkpointed and cut back to this size.
WAL_LIMIT = 4 * 1024 * 1024


_SCHEMA = """
CREATE TABLE kit_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'pdf' CHECK (kind IN ('pdf', 'media')),
    size INTEGER NOT NULL,
    page_count INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    width REAL NOT NULL,
    height REAL NOT NULL,
    rotation INTEGER NOT NULL,
    text BLOB NOT NULL,
    UNIQUE (sha256, page)
);
CREATE TABLE themes (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    num INTEGER NOT NULL UNIQUE,
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
    media_sha256 TEXT REFERENCES blobs(sha256),
    media_name TEXT,
    changed_in INTEGER NOT NULL
);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_media ON documents (media_sha256);
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
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    stem TEXT NOT NULL,
    reversed TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX search_terms_stem ON search_terms (stem);
CREATE INDEX search_terms_reversed ON search_terms (reversed);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');
"""

# What one kit version fills besides files, pages and the index (dependents first):
# the writer empties these and writes the new version's rows.
CONTENT_TABLES = (
    "step_documents",
    "step_items",
    "steps",
    "document_themes",
    "documents",
    "themes",
    "last_changes",
)
# What an older schema had besides its signed kit (children before parents):
# schema 1 kept text twice (blob_pages), schema 2 indexed without word forms.
_OLD_DROP = ("search_vocab", "search_index", "search_terms", *CONTENT_TABLES, "pages", "blob_pages")


def unpack_text(packed: bytes) -> str:
    """A page's text from ``pages.text`` (zlib-compressed UTF-8)."""
    return zlib.decompress(packed).decode("utf-8")


@dataclass(frozen=True)
class IndexedDocument:
    """What one document's search rows are made of (see ``companion/kit/search_index.py``)."""

    num: int
    title: str
    summary: str
    pages: list[str]


def indexed_documents(
    conn: sqlite3.Connection, document_ids: list[str] | None = None
) -> Iterator[IndexedDocument]:
    """The title, summary and page texts of the documents named (all when None).

    The writer turns these into search rows both to add them and to delete
    them again with the FTS5 'delete' command, which needs the very values a
    row was indexed with.
    """
    sql = (
        "SELECT d.num, d.title, d.summary, p.text "
        "FROM documents d JOIN pages p ON p.sha256 = d.sha256"
    )
    params: list[object] = []
    if document_ids is not None:
        if not document_ids:
            return
        sql += f" WHERE d.id IN ({','.join('?' * len(document_ids))})"
        params.extend(document_ids)
    current: IndexedDocument | None = None
    for num, title, summary, packed in conn.execute(sql + " ORDER BY d.num, p.page", params):
        if current is None or current.num != num:
            if current is not None:
                yield current
            current = IndexedDocument(num, title, summary, [])
        current.pages.append(unpack_text(packed))
    if current is not None:
        yield current


def _keep_only_the_signed_kit(conn: sqlite3.Connection) -> None:
    """An older schema -> this one, inside the caller's transaction: keep the signed kit.

    What stays (the manifest, its signature and the content files) is enough
    to rebuild the kit through the import pipeline (``KeptKitSource``).
    """
    for table in _OLD_DROP:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    kept = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'legacy_kit_info'"
    ).fetchone()[0]
    if kept:  # kept by an earlier schema change and not rebuilt yet: that kit stays
        conn.execute("DROP TABLE blobs")
        conn.execute("DROP TABLE kit_info")
    else:
        conn.execute("ALTER TABLE blobs RENAME TO legacy_blobs")
        conn.execute("ALTER TABLE kit_info RENAME TO legacy_kit_info")
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


class InstalledKit(NamedTuple):
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

    def _open(self) -> sqlite3.Connection:
        if not self.read_only and not self.path.exists():
            make_new_store(self.path)
        return super()._open()

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
        if 0 < version < SCHEMA_VERSION:
            _keep_only_the_signed_kit(conn)
            return
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

    def blob_sizes(self) -> dict[str, int]:
        """The files the store has: sha256 -> size in bytes."""
        return dict(self.conn.execute("SELECT sha256, size FROM blobs").fetchall())

    # -- a kit kept from an older schema ----------------------------------------

    def _has_legacy(self) -> bool:
        return bool(
            self.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'legacy_kit_info'"
            ).fetchone()[0]
        )

    def legacy_manifest(self) -> tuple[bytes, bytes] | None:
        """The signed manifest kept from an older schema, to rebuild from; None if none."""
        if not self._has_legacy():
            return None
        info = dict(
            self.conn.execute(
                "SELECT key, value FROM legacy_kit_info WHERE key IN ('manifest', 'signature')"
            ).fetchall()
        )
        if "manifest" not in info or "signature" not in info:
            return None
        return info["manifest"].encode("utf-8"), info["signature"].encode("ascii")

    def legacy_key_list(self) -> tuple[bytes, bytes] | None:
        """The key list (bytes and signature) kept with that kit, if it had one."""
        if not self._has_legacy():
            return None
        info = dict(
            self.conn.execute(
                "SELECT key, value FROM legacy_kit_info WHERE key IN ('keys', 'keys_signature')"
            ).fetchall()
        )
        if "keys" not in info or "keys_signature" not in info:
            return None
        return info["keys"].encode("utf-8"), info["keys_signature"].encode("ascii")

    def legacy_blob(self, sha256: str) -> bytes | None:
        if not self._has_legacy():
            return None
        row = self.conn.execute(
            "SELECT data FROM legacy_blobs WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return None if row is None else bytes(row[0])

    # -- writing -------------------------------------------------------------

    def now(self) -> str:
        return time.strftime("%Y-%m-%dT%H:%M:%S")

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database and cut it back to a few MB.

        Called after an import: without it the WAL of a first import is as big
        as the kit. A reader holding an old snapshot (the window) can make the
        checkpoint stop early; the size limit still applies at the next one.
        """
        checkpoint_wal(self.conn)


def checkpoint_wal(conn: sqlite3.Connection) -> None:
    """Copy the kit store's write-ahead log into its main file and cut the log back to
    :data:`WAL_LIMIT` (see :meth:`KitStore.checkpoint`), on any connection to it."""
    conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()


def make_new_store(path: Path) -> None:
    """Put an empty kit store (the whole schema) at ``path``, made beside it in one go.

    Made in place, a new store cost nine flushes to disk (the switch to WAL
    in a rollback journal, the schema in the WAL, the checkpoint when the
    connection closed): about 50 ms of a first download. Here it is written
    to a file of its own without a journal, flushed once, and linked into
    place (the folder flushed): as durable, and a crash leaves no store or
    the whole empty one. A link never replaces a file, so when another
    program made the store meanwhile, that one stays. Where a link cannot be
    made (a FAT-formatted USB stick) nothing is put in place and the caller
    makes the store in place as before.

    The file being made is held (``hold_while_made``) until it is gone again,
    so a program killed halfway leaves a file nobody holds, which the next
    start removes (:func:`clear_unfinished_stores`), and one another program
    is making right now is left alone.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    clear_unfinished_stores(path)
    # os.urandom, as secrets.token_hex would: that module loads OpenSSL (hashlib) at start.
    new = path.with_name(f".{path.name}.{os.urandom(6).hex()}{UNFINISHED_SUFFIX}")
    held = None
    try:
        held = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        if not _hold_while_made(held, new):
            return  # taken for a leftover before it was held: made in place instead
        conn = sqlite3.connect(new, isolation_level=None)
        try:
            # No journal and no flushes while it is made: nobody sees it until it is whole.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("BEGIN")
            KitStore._create_schema(conn)
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode = WAL")  # kept in the file: opened as WAL
        finally:
            conn.close()
        fd = os.open(new, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(new, path)
        except FileExistsError:
            return  # another program was first: its store stays
        fsync_folder(path.parent)
    except (OSError, sqlite3.Error):
        return  # no link here (or no room): the store is made in place, with its own errors
    finally:
        if held is not None:  # only a file this program made is removed (then let go)
            _remove_with_companions(new)
            os.close(held)


# What make_new_store writes beside the store: ".kit.sqlite.<12 hex digits>.new", and
# what SQLite may put beside that (its -wal and -shm while the journal mode switches).
UNFINISHED_SUFFIX = ".new"
_COMPANIONS = ("-wal", "-shm", "-journal")


def _unfinished_name(store: Path, name: str) -> bool:
    """True for the name of a file make_new_store makes beside ``store`` (nothing else)."""
    prefix = f".{store.name}."
    middle = name[len(prefix) : -len(UNFINISHED_SUFFIX)]
    return (
        name.startswith(prefix)
        and name.endswith(UNFINISHED_SUFFIX)
        and len(middle) == 12
        and all(c in "0123456789abcdef" for c in middle)
    )


def _remove_with_companions(new: Path) -> None:
    for leftover in (new, *(new.with_name(new.name + extra) for extra in _COMPANIONS)):
        # A read-only folder, or in use (Windows): the next start tries again.
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _hold_while_made(fd: int, new: Path) -> bool:
    """Hold the file being made, so nobody takes it for a leftover while this program lives.

    An exclusive ``flock`` on its own descriptor: unlike SQLite's record locks it is
    not let go when SQLite closes its descriptor of the same file. False when the
    file was removed as a leftover in the moment before it was held. Windows has
    no ``flock``, but there a file another program has open cannot be removed.
    """
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        return True  # a disk without locks: nobody can take it for a leftover there either
    try:
        return os.stat(new).st_ino == os.fstat(fd).st_ino
    except OSError:
        return False


def clear_unfinished_stores(path: Path) -> list[Path]:
    """Remove what a program killed while making a new store left beside ``path``.

    Only files nobody holds go (a program making a store right now holds its
    file until it is gone; see make_new_store); a file that cannot be removed
    stays for the next start. Returns the files removed. Cheap: one look at the
    folder, which runs when a store is made and in the check just after start.
    """
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    removed = []
    for name in names:
        if _unfinished_name(path, name) and _remove_if_let_go(path.parent / name):
            removed.append(path.parent / name)
    for name in names:  # killed while removing its own: a -wal, -shm or -journal alone
        for extra in _COMPANIONS:
            base = name.removesuffix(extra)
            if base != name and _unfinished_name(path, base) and base not in names:
                _remove_with_companions(path.parent / base)
    return removed


def _remove_if_let_go(new: Path) -> bool:
    """Remove the unfinished store ``new`` (and its -wal, -shm) if no program holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: the file goes only when nobody has it open
        _remove_with_companions(new)
        return not new.exists()
    try:
        fd = os.open(new, os.O_RDONLY)
    except OSError:
        return False  # gone already (its maker finished), or not ours to read
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # another program is making its store right now
        _remove_with_companions(new)
        return not new.exists()
    finally:
        os.close(fd)
