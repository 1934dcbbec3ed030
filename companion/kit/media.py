"""A video's own file, played offline with the system's player.

The kit store holds the media file like any content file (checked by its
sha256 at import). To play it, the program writes it once to the cache
folder and hands that file to the system (QDesktopServices in the window).
The cache copy may always be removed: it is written again when needed.
"""

from __future__ import annotations

from pathlib import Path

from companion.files import write_atomic
from companion.kit.library import KitLibrary

MEDIA_DIR = "media"


def media_file(library: KitLibrary, document_id: str, cache_dir: Path) -> Path | None:
    """The document's media file on disk, written from the kit store if needed; None if none."""
    found = library.media(document_id)
    if found is None:
        return None
    name, sha256 = found
    path = cache_dir / MEDIA_DIR / f"{sha256[:16]}-{name}"
    if path.is_file():
        return path
    data = library.store.blob(sha256)
    if data is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path
