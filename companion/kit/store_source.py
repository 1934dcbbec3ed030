"""The kit installed in a kit store, as a kit source.

A kit store keeps the exact signed manifest, the key list that vouched for it
and every content file, so the installed kit can travel on as it came:
written out as an update file for a machine that is never online, or read
back from a damaged store that was moved aside, to rebuild the new store at
the same version. Either way it goes through the same checks as any source
(signature chain, hash of every file), so damage is refused, not copied.
"""

from __future__ import annotations

import sqlite3

from companion.errors import MissingFileError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.key_list import SignedKeys
from companion.kit.manifest import FileRef
from companion.kit.source import ByteProgress
from companion.store.kit_store import KitStore


class StoreSource:
    """A KitSource over a (possibly damaged) kit store; errors become MissingFileError."""

    def __init__(self, store: KitStore) -> None:
        self.store = store
        self.description = str(store.path)

    def _missing(self, detail: str) -> MissingFileError:
        return MissingFileError(
            QT_TRANSLATE_NOOP("messages", "In de opgeslagen kit ontbreekt iets of is iets kapot."),
            detail,
        )

    def read_manifest(self) -> tuple[bytes, bytes]:
        try:
            signed = self.store.signed_manifest()
        except (sqlite3.Error, UnicodeError) as exc:
            raise self._missing(f"manifest: {exc}") from exc
        if signed is None:
            raise MissingFileError(
                QT_TRANSLATE_NOOP("messages", "Er is nog geen kit geïnstalleerd om op te slaan."),
                "no manifest",
            )
        return signed

    def read_key_list(self) -> SignedKeys | None:
        try:
            signed = self.store.signed_key_list()
        except (sqlite3.Error, UnicodeError):
            return None
        return SignedKeys(*signed) if signed else None

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        try:
            data = self.store.blob(ref.sha256)
        except sqlite3.Error as exc:
            raise self._missing(f"{ref.sha256}: {exc}") from exc
        if data is None:
            raise MissingFileError(
                QT_TRANSLATE_NOOP("messages", "Het bestand {name} ontbreekt in de opgeslagen kit."),
                ref.sha256,
                name=ref.name,
            )
        progress(len(data))
        return data
