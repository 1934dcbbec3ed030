"""The kit as people browse it: themes, documents, steps, the bytes to show.

Plain Python over the kit store, so the screens, the command line and the
tests all read the kit the same way.

The Bibliotheek asks :meth:`KitLibrary.shelves` for its groups on every
keystroke in its filter box. Themes and documents are therefore read once and
kept (:class:`Catalog`) until the kit store changes, which SQLite itself
reports (``PRAGMA data_version`` for other connections, ``total_changes`` for
this one); a filter never reads the documents again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from companion.dutch.words import fold
from companion.errors import ManifestError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.records import DOCUMENT_TYPES, DocumentMeta, Theme
from companion.store.kit_store import InstalledKit, KitStore, unpack_text

if TYPE_CHECKING:
    from companion.kit.manifest import Step, StepItem
    from companion.pdf.page_box import PageBox

# (one, many) in Dutch; the window translates them (context "messages").
TYPE_LABELS = {
    "handleiding": (
        QT_TRANSLATE_NOOP("messages", "Handleiding"),
        QT_TRANSLATE_NOOP("messages", "Handleidingen"),
    ),
    "werkblad": (
        QT_TRANSLATE_NOOP("messages", "Werkblad"),
        QT_TRANSLATE_NOOP("messages", "Werkbladen"),
    ),
    "workshop": (
        QT_TRANSLATE_NOOP("messages", "Workshop"),
        QT_TRANSLATE_NOOP("messages", "Workshops"),
    ),
    "tip": (
        QT_TRANSLATE_NOOP("messages", "Tip"),
        QT_TRANSLATE_NOOP("messages", "Tips van andere bibliotheken"),
    ),
    "voorbeeld": (
        QT_TRANSLATE_NOOP("messages", "Voorbeeld"),
        QT_TRANSLATE_NOOP("messages", "Voorbeelden"),
    ),
    "persona": (
        QT_TRANSLATE_NOOP("messages", "Persona"),
        QT_TRANSLATE_NOOP("messages", "Persona's"),
    ),
    "presentatie": (
        QT_TRANSLATE_NOOP("messages", "Presentatie"),
        QT_TRANSLATE_NOOP("messages", "Presentaties"),
    ),
    "video": (
        QT_TRANSLATE_NOOP("messages", "Video"),
        QT_TRANSLATE_NOOP("messages", "Video's"),
    ),
}
assert set(TYPE_LABELS) == set(DOCUMENT_TYPES)


# Themes and steps are read back exactly as the manifest describes them.
ThemeInfo = Theme


def __getattr__(name: str) -> type[Step] | type[StepItem]:
    """``StepInfo`` and ``StepItemInfo``: the manifest's records, loaded on first use.

    The manifest's parser and its records are not needed to start the window
    (the Library reads themes and documents only)."""
    if name in ("StepInfo", "StepItemInfo"):
        from companion.kit.manifest import Step, StepItem

        return Step if name == "StepInfo" else StepItem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class DocumentInfo(DocumentMeta):
    revision: int
    page_count: int
    changed_in: int
    sha256: str
    media_name: str | None = None  # a video's own file, played offline; None: only the link

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type][0]


_DOCUMENT_SQL = """
SELECT d.id, d.title, d.type, d.summary, d.audience, d.minutes, d.url, d.revision,
       b.page_count, d.changed_in, d.sha256, d.media_name,
       (SELECT group_concat(theme_id, ' ') FROM
            (SELECT theme_id FROM document_themes t WHERE t.document_id = d.id
             ORDER BY t.position)) AS themes
FROM documents d JOIN blobs b ON b.sha256 = d.sha256
"""


def _document(row: tuple) -> DocumentInfo:
    return DocumentInfo(
        id=row[0],
        title=row[1],
        type=row[2],
        summary=row[3],
        audience=row[4],
        minutes=row[5],
        url=row[6],
        revision=row[7],
        page_count=row[8],
        changed_in=row[9],
        sha256=row[10],
        media_name=row[11],
        themes=tuple((row[12] or "").split()),
    )


BY_THEME = "thema"
BY_TYPE = "soort"


class Shelf(NamedTuple):
    """One group of documents as the Bibliotheek shows it.

    ``key`` is a theme id (grouped by theme), a document type (grouped by
    type) or ``""`` for documents without a theme. ``title`` is the theme's
    title from the kit, or "" when the window names the shelf itself (a type,
    or "Overig" for documents without a theme).
    """

    key: str
    title: str
    documents: tuple[DocumentInfo, ...]


@dataclass
class Catalog:
    """Themes and documents read once, with the folded titles a filter compares."""

    themes: list[ThemeInfo]
    documents: list[DocumentInfo]
    by_id: dict[str, DocumentInfo] = field(default_factory=dict)
    theme_by_id: dict[str, ThemeInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {d.id: d for d in self.documents}
        self.theme_by_id = {t.id: t for t in self.themes}

    @cached_property
    def folded(self) -> dict[str, str]:
        """Each title folded (accents and case gone), made when the filter is first used."""
        return {d.id: fold(d.title) for d in self.documents}

    def other_themes(self, doc: DocumentInfo, shelf: str) -> list[ThemeInfo]:
        """The themes of ``doc`` besides the shelf it stands on, in the kit's order."""
        themes = self.theme_by_id
        return [themes[t] for t in doc.themes if t != shelf and t in themes]

    def matching(self, words: str) -> list[DocumentInfo]:
        """Documents whose title holds every typed word (accents and case do not matter)."""
        wanted = fold(words).split()
        return [d for d in self.documents if all(w in self.folded[d.id] for w in wanted)]


def theme_tag(title: str) -> str:
    """A theme's short name for a tag: "Aanpak: hoe begin je?" -> "Aanpak"."""
    return title.split(":", 1)[0].strip() or title


class KitLibrary:
    """Read access to the installed kit."""

    def __init__(self, store: KitStore) -> None:
        self.store = store
        self._catalog: Catalog | None = None
        self._stamp: tuple[int, int] | None = None

    # -- the catalog the Bibliotheek filters ------------------------------------------

    def catalog(self) -> Catalog:
        """Themes and documents, read again only when the kit store changed."""
        stamp = self._store_stamp()
        if self._catalog is None or stamp != self._stamp:
            self._catalog = Catalog(self.themes(), self.documents())
            self._stamp = stamp
        return self._catalog

    def catalog_document(self, doc_id: str) -> DocumentInfo | None:
        """One document from the kept catalog (no store read while it is current)."""
        return self.catalog().by_id.get(doc_id)

    def forget(self) -> None:
        """Read the kit again next time (a kit was installed)."""
        self._catalog = None

    def _store_stamp(self) -> tuple[int, int]:
        conn = self.store.conn
        (version,) = conn.execute("PRAGMA data_version").fetchone()
        return int(version), conn.total_changes

    def shelves(
        self, by: str = BY_THEME, *, words: str = "", theme: str | None = None
    ) -> list[Shelf]:
        """The documents in groups, each document once, empty groups left out.

        ``by`` is :data:`BY_THEME` or :data:`BY_TYPE`. By theme, a document
        stands under its first theme (its other themes are tags, see
        :meth:`other_themes`), so a kit of 46 documents is 46 rows, not one
        per theme a document has. ``words`` keeps documents whose title holds
        every word; ``theme`` keeps documents that have that theme anywhere
        (then, by theme, they all stand under that one theme).
        """
        catalog = self.catalog()
        documents = catalog.matching(words) if words.strip() else catalog.documents
        if theme:
            documents = [d for d in documents if theme in d.themes]
        if by == BY_TYPE:
            kinds = [t for t in DOCUMENT_TYPES if any(d.type == t for d in documents)]
            return [
                Shelf(kind, "", tuple(d for d in documents if d.type == kind)) for kind in kinds
            ]
        shelves = []
        for info in catalog.themes:
            if theme and info.id != theme:
                continue
            members = tuple(
                d for d in documents if (info.id == theme) or (d.themes and d.themes[0] == info.id)
            )
            if members:
                shelves.append(Shelf(info.id, info.title, members))
        known = {t.id for t in catalog.themes}
        loose = tuple(d for d in documents if not d.themes or d.themes[0] not in known)
        if loose and not theme:
            shelves.append(Shelf("", "", loose))
        return shelves

    def other_themes(self, doc: DocumentInfo, shelf: str) -> list[ThemeInfo]:
        """The themes of ``doc`` besides the shelf it stands on, in the kit's order."""
        return self.catalog().other_themes(doc, shelf)

    # -- reading the store -------------------------------------------------------------

    def installed(self) -> InstalledKit | None:
        return self.store.installed()

    def themes(self) -> list[ThemeInfo]:
        rows = self.store.conn.execute("SELECT id, title, summary FROM themes ORDER BY position")
        return [ThemeInfo(*row) for row in rows]

    def documents(
        self, *, theme: str | None = None, doc_type: str | None = None
    ) -> list[DocumentInfo]:
        """Documents in kit order, optionally only one theme and/or type."""
        where, params = [], []
        if theme:
            where.append("d.id IN (SELECT document_id FROM document_themes WHERE theme_id = ?)")
            params.append(theme)
        if doc_type:
            where.append("d.type = ?")
            params.append(doc_type)
        sql = _DOCUMENT_SQL + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.store.conn.execute(sql + " ORDER BY d.position", params)
        return [_document(row) for row in rows]

    def document(self, doc_id: str) -> DocumentInfo | None:
        row = self.store.conn.execute(_DOCUMENT_SQL + " WHERE d.id = ?", (doc_id,)).fetchone()
        return None if row is None else _document(row)

    def workshop_werkbladen(self, workshop_id: str) -> tuple[str, ...] | None:
        """The werkbladen the kit lists for a workshop, in its order.

        None when the kit does not say: a kit published before workshops
        listed them, or a workshop without the field (then the printpakket
        reads the draaiboek). An empty tuple: the kit says it uses none.
        """
        row = self.store.conn.execute(
            "SELECT value FROM kit_info WHERE key = 'werkbladen'"
        ).fetchone()
        try:
            listed = json.loads(row[0]) if row else {}
        except ValueError:
            return None
        ids = listed.get(workshop_id) if isinstance(listed, dict) else None
        if not isinstance(ids, list):
            return None
        return tuple(i for i in ids if isinstance(i, str))

    def pdf_bytes(self, doc_id: str) -> bytes | None:
        row = self.store.conn.execute(
            "SELECT b.data FROM documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def document_text(self, doc_id: str) -> str:
        """The document's text as imported, pages joined ("" for an unknown document)."""
        rows = self.store.conn.execute(
            "SELECT p.text FROM documents d JOIN pages p ON p.sha256 = d.sha256 "
            "WHERE d.id = ? ORDER BY p.page",
            (doc_id,),
        )
        return "\n".join(unpack_text(row[0]) for row in rows)

    def page_boxes(self, document_id: str) -> list[PageBox] | None:
        """Each page's size and turn as shown, stored at import; None for an unknown document.

        The viewer lays out a whole document from this without opening a page.
        Most documents have one page size throughout: SQLite finds that out
        (one row back instead of one per page, which cost the first opening of
        a 500-page document ~1 ms in Python), and only a document with more
        than one size is read page by page.
        """
        from companion.pdf.page_box import PageBox  # the viewer's (not needed to start)

        conn = self.store.conn
        row = conn.execute("SELECT sha256 FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            return None
        narrow, wide, short, tall, turn, last_turn, count = conn.execute(
            "SELECT min(width), max(width), min(height), max(height), min(rotation), "
            "max(rotation), count(*) FROM pages WHERE sha256 = ?",
            (row[0],),
        ).fetchone()
        if count and narrow == wide and short == tall and turn == last_turn:
            return [PageBox(narrow, short, turn)] * count
        return PageBox.from_rows(
            conn.execute(
                "SELECT width, height, rotation FROM pages WHERE sha256 = ? ORDER BY page",
                (row[0],),
            )
        )

    def speaker_notes(self, document_id: str) -> tuple[str, ...]:
        """The document's speaker notes per page (empty when it has none).

        They live only in the signed manifest the store keeps (checked when it
        was installed), so a kit store from before notes needs no migration.
        """
        from companion.kit.manifest import parse_manifest

        signed = self.store.signed_manifest()
        if signed is None:
            return ()
        try:
            document = parse_manifest(signed[0]).document(document_id)
        except ManifestError:
            return ()
        return document.notes if document is not None else ()

    def media(self, document_id: str) -> tuple[str, str] | None:
        """A video's own media file: (file name, sha256), or None when it has none."""
        row = self.store.conn.execute(
            "SELECT media_name, media_sha256 FROM documents "
            "WHERE id = ? AND media_sha256 IS NOT NULL",
            (document_id,),
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def types_present(self) -> list[str]:
        present = {row[0] for row in self.store.conn.execute("SELECT DISTINCT type FROM documents")}
        return [t for t in DOCUMENT_TYPES if t in present]

    def steps(self) -> list[Step]:
        from companion.kit.manifest import Step, StepItem

        conn = self.store.conn
        items: dict[str, list[StepItem]] = {}
        for step_id, item_id, text in conn.execute(
            "SELECT step_id, id, text FROM step_items ORDER BY step_id, position"
        ):
            items.setdefault(step_id, []).append(StepItem(item_id, text))
        docs: dict[str, list[str]] = {}
        for step_id, doc_id in conn.execute(
            "SELECT step_id, document_id FROM step_documents ORDER BY step_id, position"
        ):
            docs.setdefault(step_id, []).append(doc_id)
        return [
            Step(sid, title, summary, tuple(docs.get(sid, ())), tuple(items.get(sid, ())))
            for sid, title, summary in conn.execute(
                "SELECT id, title, summary FROM steps ORDER BY position"
            )
        ]

    def last_changes(self) -> list[tuple[str, str, str]]:
        """(document id, title, nieuw/gewijzigd/verwijderd) of the last update."""
        return list(self.store.conn.execute("SELECT document_id, title, change FROM last_changes"))

    def update_marks(self, opened: Mapping[str, int]) -> dict[str, str]:
        """Documents new or changed in the last update that were not opened since.

        ``opened`` is the user store's document id -> revision last opened. A
        document's revision is the kit version in which it last changed, so
        one opened at an older revision is still unseen in its new form.
        Returns document id -> "nieuw" or "gewijzigd"; empty after a first install.
        """
        rows = self.store.conn.execute(
            "SELECT c.document_id, c.change, d.revision FROM last_changes c "
            "JOIN documents d ON d.id = c.document_id WHERE c.change IN ('nieuw', 'gewijzigd')"
        )
        return {
            doc_id: change for doc_id, change, revision in rows if opened.get(doc_id, 0) < revision
        }
