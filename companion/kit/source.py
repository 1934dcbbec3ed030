"""Where a kit comes from: the shape every source has.

A kit source is a signed manifest plus content files named by their sha256
(``files/<sha256>``), whether it is the folder shipped with the program, an
update file on a USB stick or a portal on the web. The import pipeline only
sees this interface, so every source passes the same checks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from companion.errors import MissingFileError, SignatureError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.key_list import MAX_KEY_LIST_SIZE, SignedKeys
from companion.kit.manifest import MANIFEST_NAME, MAX_MANIFEST_SIZE, FileRef
from companion.store.kit_store import KitStore

SIGNATURE_NAME = "manifest.json.sig"
# The root-signed list of release keys (see companion/kit/key_list.py).
KEYS_NAME = "keys.json"
KEYS_SIGNATURE_NAME = "keys.json.sig"
MAX_SIGNATURE_SIZE = 1024
FILES_DIR = "files"
# A kit source packed in one zip file, for a USB stick (see companion/sync/updatefile.py).
UPDATE_SUFFIX = ".kitupdate"

# Called with the number of bytes of the current file read so far.
ByteProgress = Callable[[int], None]


class KitSource(Protocol):
    """A place that holds one signed kit version."""

    description: str

    def read_manifest(self) -> tuple[bytes, bytes]:
        """The manifest bytes and the detached signature bytes."""
        ...

    def read_key_list(self) -> SignedKeys | None:
        """The key list the source carries (``keys.json`` and its signature), if any."""
        ...

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        """The bytes of one content file; at most ``ref.size`` + 1 bytes are read."""
        ...


@dataclass(frozen=True)
class SignedKit:
    """What a source offers before anything is interpreted: bytes and signatures."""

    manifest: bytes
    signature: bytes
    keys: SignedKeys | None = None


def read_signed(source: KitSource) -> SignedKit:
    manifest, signature = source.read_manifest()
    return SignedKit(manifest, signature, source.read_key_list())


class FolderSource:
    """A kit laid out in a folder (the bundled kit, or a publish result)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.description = str(folder)

    def read_manifest(self) -> tuple[bytes, bytes]:
        manifest_path = self.folder / MANIFEST_NAME
        try:
            with manifest_path.open("rb") as handle:
                manifest = handle.read(MAX_MANIFEST_SIZE + 1)
        except OSError as exc:
            raise MissingFileError(
                QT_TRANSLATE_NOOP(
                    "messages", "Hier staat geen kit: de inhoudslijst (manifest.json) ontbreekt."
                ),
                str(exc),
            ) from exc
        try:
            with (self.folder / SIGNATURE_NAME).open("rb") as handle:
                signature = handle.read(MAX_SIGNATURE_SIZE)
        except OSError as exc:
            raise SignatureError(
                QT_TRANSLATE_NOOP(
                    "messages", "De kit heeft geen handtekening. Hij is niet geïnstalleerd."
                ),
                str(exc),
            ) from exc
        return manifest, signature

    def read_key_list(self) -> SignedKeys | None:
        try:
            with (self.folder / KEYS_NAME).open("rb") as handle:
                data = handle.read(MAX_KEY_LIST_SIZE + 1)
            with (self.folder / KEYS_SIGNATURE_NAME).open("rb") as handle:
                signature = handle.read(MAX_SIGNATURE_SIZE)
        except OSError:
            return None  # refused later, unless a key list seen before still vouches
        return SignedKeys(data, signature)

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        path = self.folder / FILES_DIR / ref.sha256
        try:
            with path.open("rb") as handle:
                # One byte more than promised, so a longer file is noticed.
                data = handle.read(ref.size + 1)
        except OSError as exc:
            raise MissingFileError(
                QT_TRANSLATE_NOOP(
                    "messages", "Het bestand {name} ontbreekt in de kit. De kit is niet aangepast."
                ),
                str(exc),
                name=ref.name,
            ) from exc
        progress(len(data))
        return data


class KeptKitSource:
    """The signed kit kept in the kit store when its schema changed (see kit_store.py).

    It goes through the same checks as any source (signature, version, every
    file's sha256), so a store that was rebuilt for a new schema ends up with
    the newest verified kit it had, not the older bundled one.
    """

    def __init__(self, store: KitStore) -> None:
        self.store = store
        self.description = "kept kit"

    def version(self) -> int | None:
        """The kept kit's version (unverified: only to choose a source), or None."""
        kept = self.store.legacy_manifest()
        if kept is None:
            return None
        try:
            return int(json.loads(kept[0])["version"])
        except (ValueError, TypeError, KeyError):
            return None

    def read_manifest(self) -> tuple[bytes, bytes]:
        kept = self.store.legacy_manifest()
        if kept is None:
            raise MissingFileError(
                QT_TRANSLATE_NOOP(
                    "messages", "Hier staat geen kit: de inhoudslijst (manifest.json) ontbreekt."
                ),
                "no kept manifest",
            )
        return kept

    def read_key_list(self) -> SignedKeys | None:
        keys = self.store.legacy_key_list()
        return SignedKeys(*keys) if keys else None

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        data = self.store.legacy_blob(ref.sha256)
        if data is None:
            raise MissingFileError(
                QT_TRANSLATE_NOOP(
                    "messages", "Het bestand {name} ontbreekt in de kit. De kit is niet aangepast."
                ),
                ref.sha256,
                name=ref.name,
            )
        progress(len(data))
        return data
