"""The kit as people browse it: themes, documents, steps, the bytes to show.

Plain Python over the kit store, so the screens, the command line and the
tests all read the kit the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.manifest import DOCUMENT_TYPES, DocumentMeta, Step, StepItem, Theme
from companion.pdf.page_box import PageBox
from companion.store.kit_store import InstalledKit, KitStore

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
StepItemInfo = StepItem
StepInfo = Step


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


class KitLibrary:
    """Read access to the installed kit."""

    def __init__(self, store: KitStore) -> None:
        self.store = store

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

    def pdf_bytes(self, doc_id: str) -> bytes | None:
        row = self.store.conn.execute(
            "SELECT b.data FROM documents d JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def page_boxes(self, document_id: str) -> list[PageBox] | None:
        """Each page's size and turn as shown, stored at import; None for an unknown document.

        The viewer lays out a whole document from this without opening a page.
        """
        conn = self.store.conn
        row = conn.execute("SELECT sha256 FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            return None
        return [
            PageBox(width, height, rotation)
            for width, height, rotation in conn.execute(
                "SELECT width, height, rotation FROM pages WHERE sha256 = ? ORDER BY page",
                (row[0],),
            )
        ]

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

    def steps(self) -> list[StepInfo]:
        conn = self.store.conn
        items: dict[str, list[StepItemInfo]] = {}
        for step_id, item_id, text in conn.execute(
            "SELECT step_id, id, text FROM step_items ORDER BY step_id, position"
        ):
            items.setdefault(step_id, []).append(StepItemInfo(item_id, text))
        docs: dict[str, list[str]] = {}
        for step_id, doc_id in conn.execute(
            "SELECT step_id, document_id FROM step_documents ORDER BY step_id, position"
        ):
            docs.setdefault(step_id, []).append(doc_id)
        return [
            StepInfo(sid, title, summary, tuple(docs.get(sid, ())), tuple(items.get(sid, ())))
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
