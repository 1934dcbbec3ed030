"""What the kit says about its documents and themes: the records the Library starts with.

Kept apart from :mod:`companion.kit.manifest` (which re-exports them) so the
window's start reads the installed kit without making the manifest parser's
records, patterns and checks: those are needed only to install or check a kit.
"""

from __future__ import annotations

from dataclasses import dataclass

# The manifest's file name in a kit folder: the start reads the shipped kit's
# version without loading the manifest parser or the signed-kit readers.
MANIFEST_NAME = "manifest.json"
DOCUMENT_TYPES = (
    "handleiding",
    "werkblad",
    "workshop",
    "tip",
    "voorbeeld",
    "persona",
    "presentatie",
    "video",
)


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class DocumentMeta:
    """What every document says about itself, in the manifest, the store and the sources."""

    id: str
    title: str
    type: str
    themes: tuple[str, ...]
    summary: str
    audience: str
    minutes: int | None
    url: str | None
