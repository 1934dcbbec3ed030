"""Opening the stores at start, and putting the bundled kit in place.

The kit store holds nothing a person made, so a damaged one is moved aside
(never deleted: someone may want to look at it) and rebuilt from the bundled
kit. The user store is never moved or rebuilt by this code.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from companion.errors import StoreError
from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.kit.source import MANIFEST_NAME
from companion.store.kit_store import KitStore


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) out of the way."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.beschadigd-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(target.with_name(target.name + suffix))
    return target


def open_kit_store(path: Path) -> tuple[KitStore, Text | None]:
    """The kit store, and a notice for the person when it had to be rebuilt."""
    try:
        return KitStore(path), None
    except StoreError:
        aside = move_aside(path)
        notice = Text(
            QT_TRANSLATE_NOOP(
                "messages",
                "De opgeslagen kit kon niet worden gelezen. Het oude bestand is bewaard als "
                "{name}. De kit wordt opnieuw klaargezet. "
                "Je eigen gegevens blijven zoals ze waren.",
            ),
            name=aside.name,
        )
        return KitStore(path), notice


def bundled_is_newer(store: KitStore, folder: Path) -> bool:
    """True when the kit shipped with this program is newer than the installed one.

    That happens on first start (nothing installed) and after the program
    itself was updated with a newer bundled kit. Only the version number is
    read here, to keep start-up fast; the import that follows verifies the
    signature and everything else before it changes a thing.
    """
    installed = store.installed()
    if installed is None:
        return True
    version = bundled_version(folder)
    return version is not None and version > installed.version


def bundled_version(folder: Path) -> int | None:
    """The version number of the kit in ``folder`` (unverified), or None when unreadable."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_bytes())
        return int(manifest["version"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
