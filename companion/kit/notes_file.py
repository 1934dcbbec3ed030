"""Speaker notes for any PDF, from a file next to it (Bestand > PDF openen).

Two forms, the first found wins:

- ``talk.pdfpc``: pdfpc's own file, so notes written for pdfpc work here too.
  Its JSON form (``{"pdfpcFormat": 2, "duration": 20, "pages": [{"idx": 0,
  "note": "..."}]}``; ``idx`` is the 0-based page) and its older text form
  (``[notes]`` then ``### 1`` before the notes of page 1) are both read.
- ``talk.notes.md``: the same text form, easy to write by hand: a line
  ``### 3`` starts the notes of page 3 (1-based); text before the first such
  line is ignored.

The file comes from anywhere (a USB stick, an e-mail), so it is read as
hostile: at most 1 MB, UTF-8, every note plain text of limited length, page
numbers within bounds; anything else is a :class:`NotesFileError` with a
Dutch sentence, never a traceback. Notes are never shown as rich text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.json_input import JsonInputError, load_json
from companion.kit.manifest import MAX_NOTE_LENGTH

MAX_NOTES_FILE_SIZE = 1024 * 1024
MAX_PAGE = 100_000
MAX_DURATION = 24 * 60
NOTES_SUFFIXES = (".pdfpc", ".notes.md")
_PAGE_HEADING = re.compile(r"^###\s*(\d{1,6})\s*$")
# Control characters other than line breaks and tabs: kept out of what is shown.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class NotesFileError(CompanionError):
    """A notes file next to a PDF cannot be read; the PDF itself still opens."""


@dataclass(frozen=True)
class PdfNotes:
    """Notes by 0-based page, the file they came from, and a length in minutes if given."""

    path: Path | None = None
    pages: dict[int, str] = field(default_factory=dict)
    minutes: int | None = None

    def note(self, index: int) -> str:
        return self.pages.get(index, "")


def notes_path(pdf: Path) -> Path | None:
    """The notes file that goes with ``pdf``, when there is one."""
    for suffix in NOTES_SUFFIXES:
        candidate = pdf.with_name(pdf.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def read_notes_for(pdf: Path) -> PdfNotes:
    """The notes next to ``pdf`` (empty when there is no file); NotesFileError if broken."""
    path = notes_path(Path(pdf))
    return PdfNotes() if path is None else read_notes_file(path)


def read_notes_file(path: Path) -> PdfNotes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_NOTES_FILE_SIZE + 1)
    except OSError as exc:
        raise _broken(path, f"cannot read: {exc}") from exc
    if len(raw) > MAX_NOTES_FILE_SIZE:
        raise _broken(path, f"larger than {MAX_NOTES_FILE_SIZE} bytes")
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _from_json(path, raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _broken(path, f"not UTF-8: {exc}") from exc
    return PdfNotes(path, _from_text(path, text))


def _from_json(path: Path, raw: bytes) -> PdfNotes:
    try:
        data = load_json(raw, allow_bom=True)
    except JsonInputError as exc:
        raise _broken(path, f"JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("pages", []), list):
        raise _broken(path, "not a pdfpc object with a 'pages' list")
    pages: dict[int, str] = {}
    for number, entry in enumerate(data.get("pages", [])):
        if not isinstance(entry, dict):
            raise _broken(path, f"pages[{number}] is not an object")
        note, index = entry.get("note"), entry.get("idx")
        if note is None:
            continue
        if not isinstance(note, str) or not _is_page(index):
            raise _broken(path, f"pages[{number}]: needs a whole 'idx' and a text 'note'")
        if note.strip() and index not in pages:  # overlays repeat the page: first note wins
            pages[index] = _plain(path, note)
    return PdfNotes(path, pages, _duration(path, data.get("duration")))


def _from_text(path: Path, text: str) -> dict[int, str]:
    pages: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = _PAGE_HEADING.match(line.strip())
        if match:
            page = int(match.group(1))
            if not 1 <= page <= MAX_PAGE:
                raise _broken(path, f"page {page} out of range")
            current = pages.setdefault(page - 1, [])
        elif current is not None:
            current.append(line)
    if not pages and text.strip() and text.strip() != "[notes]":
        raise _broken(path, "no '### <page>' lines")
    notes = {index: _plain(path, "\n".join(lines)) for index, lines in pages.items()}
    return {index: note for index, note in notes.items() if note}


def _plain(path: Path, note: str) -> str:
    note = _CONTROL.sub("", note.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise _broken(path, f"a note is longer than {MAX_NOTE_LENGTH} characters")
    return note


def _is_page(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_PAGE


def _duration(path: Path, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DURATION:
        raise _broken(path, "'duration' must be whole minutes")
    return value or None


def _broken(path: Path, detail: str) -> NotesFileError:
    return NotesFileError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Het notitiebestand {name} kon niet worden gelezen; de PDF is zonder notities geopend.",
        ),
        f"{path}: {detail}",
        name=path.name,
    )
