"""The kit manifest: the one description of a kit version, whatever its source.

Parsing is strict on purpose. A manifest comes from outside (portal, USB
stick), so every field is checked for type and range before anything is
stored, and every cross reference (a step naming a document, a document naming
a theme) must resolve. See ../shared/DESIGN.md, "Content model".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from companion.errors import ManifestError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.freshness import parse_day
from companion.kit.json_input import JsonInputError, load_json
from companion.kit.records import DOCUMENT_TYPES, DocumentMeta, Theme
from companion.kit.records import MANIFEST_NAME as MANIFEST_NAME  # its old home, still read here

FORMAT = 1
KIT_ID = "hoger-bereik"
# A single kit file above this is refused before download: the whole kit is a
# few MB, and a cap keeps a hostile manifest from filling the disk.
MAX_FILE_SIZE = 200 * 1024 * 1024
# A video's own media file (played offline) may be bigger, up to what one SQLite value holds.
MAX_MEDIA_SIZE = 900 * 1024 * 1024
MAX_MANIFEST_SIZE = 8 * 1024 * 1024
# The optional synonym list: groups of words or short phrases that mean the same
# in the kit (search finds one for the other). Small on purpose.
MAX_SYNONYM_GROUPS = 500
MAX_SYNONYMS_PER_GROUP = 30
MAX_SYNONYM_LENGTH = 80
# A workshop's optional list of the werkbladen its participants use (the printpakket
# offers them first). A workshop hands out a few; a long list is a broken manifest.
MAX_WORKSHOP_WERKBLADEN = 20
# Speaker notes of a presentatie: one plain text per slide, shown only in the
# presenter view. Capped so a hostile manifest cannot make the window crawl.
MAX_NOTES = 300
MAX_NOTE_LENGTH = 5000

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.pdf$")
MEDIA_SUFFIXES = (".mp4", ".m4v", ".webm", ".ogv", ".mov", ".mp3", ".m4a", ".ogg")
_MEDIA_NAME = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.(" + "|".join(s[1:] for s in MEDIA_SUFFIXES) + ")$"
)


@dataclass(frozen=True)
class FileRef:
    sha256: str
    size: int
    name: str


@dataclass(frozen=True)
class Document(DocumentMeta):
    file: FileRef
    revision: int
    # A video's own file, played offline with the system's player (optional).
    media: FileRef | None = None
    # A workshop's werkbladen (ids, in the order they are handed out); None when the
    # manifest does not say (an older kit: the printpakket then reads the draaiboek).
    werkbladen: tuple[str, ...] | None = None
    # Speaker notes per page (presentaties; optional): shown in the presenter view only.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepItem:
    id: str
    text: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    summary: str
    documents: tuple[str, ...]
    items: tuple[StepItem, ...]


@dataclass(frozen=True)
class Manifest:
    format: int
    kit: str
    version: int
    published: str
    title: str
    changes: str
    themes: tuple[Theme, ...]
    documents: tuple[Document, ...]
    steps: tuple[Step, ...]
    # After this date a portal that still offers this manifest is refused (freshness.py).
    expires: str = ""
    # Groups of words that mean the same in this kit ("warm doorverwijzen",
    # "warme overdracht"); optional: older manifests have none.
    synonyms: tuple[tuple[str, ...], ...] = ()
    _by_id: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({d.id: d for d in self.documents})

    def document(self, doc_id: str) -> Document | None:
        return self._by_id.get(doc_id)

    def unique_files(self) -> list[FileRef]:
        """Each distinct file once: documents may share the same bytes."""
        seen: dict[str, FileRef] = {}
        for doc in self.documents:
            seen.setdefault(doc.file.sha256, doc.file)
        for doc in self.documents:
            if doc.media is not None:
                seen.setdefault(doc.media.sha256, doc.media)
        return list(seen.values())

    def media_shas(self) -> set[str]:
        """The files that are media (not PDFs): they get no text extraction."""
        return {d.media.sha256 for d in self.documents if d.media is not None}


def dump_manifest(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class _Reader:
    """Small typed accessors that name the field that is wrong."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, what: str) -> ManifestError:
        return ManifestError(
            QT_TRANSLATE_NOOP(
                "messages", "De inhoudslijst van de kit is onjuist. De kit is niet aangepast."
            ),
            f"{self.where}: {what}",
        )

    def obj(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{name} must be an object")
        return value

    def text(
        self, data: dict[str, Any], key: str, *, empty: bool = False, limit: int = 20000
    ) -> str:
        value = data.get(key)
        if not isinstance(value, str) or (not empty and not value.strip()) or len(value) > limit:
            raise self.fail(f"{key!r} must be a text of at most {limit} characters")
        return value

    def integer(self, data: dict[str, Any], key: str, low: int, high: int) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"{key!r} must be a whole number from {low} to {high}")
        return value

    def ident(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(f"{what} {value!r} is not a valid id")
        return value

    def items(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list):
            raise self.fail(f"{key!r} must be a list")
        return value


def parse_manifest(raw: bytes) -> Manifest:
    """Check and convert manifest bytes; raises ManifestError with the field at fault."""
    r = _Reader("manifest")
    if len(raw) > MAX_MANIFEST_SIZE:
        raise r.fail("manifest too large")
    try:
        data = load_json(raw)
    except JsonInputError as exc:
        raise r.fail(f"not plain UTF-8 JSON: {exc}") from exc
    data = r.obj(data, "manifest")
    if data.get("format") != FORMAT:
        raise ManifestError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Deze kit is gemaakt voor een nieuwere versie van het programma. "
                "Werk het programma bij en probeer het opnieuw.",
            ),
            f"format {data.get('format')!r}, this program reads {FORMAT}",
        )
    kit = r.ident(data.get("kit"), "kit")
    version = r.integer(data, "version", 1, 10**9)
    published = r.text(data, "published")
    expires = r.text(data, "expires", limit=10)
    for name, value in (("published", published), ("expires", expires)):
        try:
            parse_day(value)
        except ValueError as exc:
            raise r.fail(f"{name!r} must be a date YYYY-MM-DD") from exc
    if expires < published:
        raise r.fail("'expires' lies before 'published'")

    themes = tuple(_parse_theme(t, i) for i, t in enumerate(r.items(data, "themes")))
    theme_ids = _unique([t.id for t in themes], "theme")
    documents = tuple(
        _parse_document(d, i, theme_ids) for i, d in enumerate(r.items(data, "documents"))
    )
    doc_ids = _unique([d.id for d in documents], "document")
    _check_werkbladen(documents)
    steps = tuple(_parse_step(s, i, doc_ids) for i, s in enumerate(r.items(data, "steps")))
    _unique([s.id for s in steps], "step")
    _unique([item.id for s in steps for item in s.items], "step item")
    if not documents:
        raise r.fail("a kit needs at least one document")
    return Manifest(
        format=FORMAT,
        kit=kit,
        version=version,
        published=published,
        title=r.text(data, "title", limit=200),
        changes=r.text(data, "changes", empty=True),
        themes=themes,
        documents=documents,
        steps=steps,
        expires=expires,
        synonyms=_parse_synonyms(data.get("synonyms", [])),
    )


def synonym_group(value: Any) -> tuple[str, ...] | None:
    """One group of synonyms, stripped, or None when it breaks the limits above."""
    if (
        not isinstance(value, list)
        or not 2 <= len(value) <= MAX_SYNONYMS_PER_GROUP
        or not all(isinstance(t, str) and t.strip() and len(t) <= MAX_SYNONYM_LENGTH for t in value)
    ):
        return None
    return tuple(t.strip() for t in value)


def _parse_synonyms(value: Any) -> tuple[tuple[str, ...], ...]:
    """``[["warm doorverwijzen", "warme overdracht"], ...]``: lists of two or more texts."""
    r = _Reader("synonyms")
    if not isinstance(value, list) or len(value) > MAX_SYNONYM_GROUPS:
        raise r.fail(f"must be a list of at most {MAX_SYNONYM_GROUPS} groups")
    groups = []
    for index, raw in enumerate(value):
        group = synonym_group(raw)
        if group is None:
            raise r.fail(
                f"group {index} must list 2 to {MAX_SYNONYMS_PER_GROUP} texts of at most "
                f"{MAX_SYNONYM_LENGTH} characters"
            )
        groups.append(group)
    return tuple(groups)


def _unique(ids: list[str], what: str) -> set[str]:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise _Reader("manifest").fail(f"{what} id {value!r} appears twice")
        seen.add(value)
    return seen


def _parse_theme(value: Any, index: int) -> Theme:
    r = _Reader(f"themes[{index}]")
    data = r.obj(value, "theme")
    return Theme(
        id=r.ident(data.get("id"), "theme id"),
        title=r.text(data, "title", limit=200),
        summary=r.text(data, "summary", empty=True),
    )


def _parse_document(value: Any, index: int, theme_ids: set[str]) -> Document:
    r = _Reader(f"documents[{index}]")
    data = r.obj(value, "document")
    doc_id = r.ident(data.get("id"), "document id")
    r = _Reader(f"document {doc_id}")
    doc_type = data.get("type")
    if doc_type not in DOCUMENT_TYPES:
        raise r.fail(f"type {doc_type!r} is not one of {', '.join(DOCUMENT_TYPES)}")
    themes = tuple(r.ident(t, "theme") for t in r.items(data, "themes"))
    unknown = [t for t in themes if t not in theme_ids]
    if unknown:
        raise r.fail(f"unknown themes {unknown}")
    minutes = None
    if data.get("minutes") is not None:
        minutes = r.integer(data, "minutes", 1, 24 * 60)
    url = None
    if data.get("url") is not None:
        url = r.text(data, "url", limit=2000)
        if not url.startswith("https://"):
            raise r.fail("'url' must start with https://")
    media = None
    if data.get("media") is not None:
        if doc_type != "video":
            raise r.fail("only a video has a 'media' file")
        media = _parse_file_ref(
            r, data.get("media"), "media", _MEDIA_NAME, MAX_MEDIA_SIZE, ", ".join(MEDIA_SUFFIXES)
        )
    notes: tuple[str, ...] = ()
    if data.get("notes") is not None:
        raw_notes = r.items(data, "notes")
        if len(raw_notes) > MAX_NOTES:
            raise r.fail(f"at most {MAX_NOTES} notes")
        notes = tuple(
            r.text({"note": n}, "note", empty=True, limit=MAX_NOTE_LENGTH) for n in raw_notes
        )
    return Document(
        id=doc_id,
        title=r.text(data, "title", limit=300),
        type=doc_type,
        themes=themes,
        summary=r.text(data, "summary", empty=True),
        audience=r.text(data, "audience", empty=True) if "audience" in data else "",
        minutes=minutes,
        file=_parse_file_ref(r, data.get("file"), "file", _FILE_NAME, MAX_FILE_SIZE, ".pdf"),
        revision=r.integer(data, "revision", 1, 10**9) if "revision" in data else 1,
        url=url,
        media=media,
        werkbladen=_parse_werkbladen(r, data, doc_type),
        notes=notes,
    )


def _parse_werkbladen(r: _Reader, data: dict[str, Any], doc_type: str) -> tuple[str, ...] | None:
    """A workshop's ``werkbladen``: at most a few distinct ids (checked against the kit later)."""
    value = data.get("werkbladen")
    if value is None:
        return None
    if doc_type != "workshop":
        raise r.fail("only a workshop has 'werkbladen'")
    if not isinstance(value, list) or len(value) > MAX_WORKSHOP_WERKBLADEN:
        raise r.fail(f"'werkbladen' must be a list of at most {MAX_WORKSHOP_WERKBLADEN} ids")
    ids = tuple(r.ident(v, "werkblad") for v in value)
    if len(set(ids)) != len(ids):
        raise r.fail("'werkbladen' names a werkblad twice")
    return ids


def _check_werkbladen(documents: tuple[Document, ...]) -> None:
    """Every id a workshop lists is a werkblad of this kit."""
    types = {d.id: d.type for d in documents}
    for doc in documents:
        wrong = [w for w in doc.werkbladen or () if types.get(w) != "werkblad"]
        if wrong:
            raise _Reader(f"document {doc.id}").fail(
                f"'werkbladen' names documents that are no werkblad in the kit: {wrong}"
            )


def _parse_file_ref(
    r: _Reader, value: Any, key: str, name_pattern: re.Pattern[str], max_size: int, kinds: str
) -> FileRef:
    file_data = r.obj(value, key)
    sha = file_data.get("sha256")
    if not isinstance(sha, str) or not _SHA.match(sha):
        raise r.fail(f"{key}.sha256 must be 64 lowercase hex digits")
    name = file_data.get("name")
    if not isinstance(name, str) or not name_pattern.match(name):
        raise r.fail(f"{key}.name must be a plain file name ({kinds})")
    return FileRef(sha256=sha, size=r.integer(file_data, "size", 1, max_size), name=name)


def _parse_step(value: Any, index: int, doc_ids: set[str]) -> Step:
    r = _Reader(f"steps[{index}]")
    data = r.obj(value, "step")
    step_id = r.ident(data.get("id"), "step id")
    r = _Reader(f"step {step_id}")
    documents = tuple(r.ident(d, "document") for d in r.items(data, "documents"))
    missing = [d for d in documents if d not in doc_ids]
    if missing:
        raise r.fail(f"names documents that are not in the kit: {missing}")
    items = []
    for i, raw_item in enumerate(r.items(data, "items")):
        ir = _Reader(f"step {step_id} item {i}")
        item = ir.obj(raw_item, "item")
        items.append(StepItem(id=ir.ident(item.get("id"), "item id"), text=ir.text(item, "text")))
    return Step(
        id=step_id,
        title=r.text(data, "title", limit=300),
        summary=r.text(data, "summary", empty=True),
        documents=documents,
        items=tuple(items),
    )
