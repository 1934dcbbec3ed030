"""What sync keeps between runs, in the cache folder (never in either store).

    <cache>/sync/portal-state.json   the portal's last accepted manifest, its signature,
                                     the key list that came with it, the portal's address,
                                     ETag and Last-Modified: one file, written at once
    <cache>/sync/files/<sha256>      downloaded files whose hash was checked
    <cache>/sync/partial/<sha256>    a file broken off mid-download (resumed with Range)

Kept out of the user store on purpose: a check must not write where a
person's own work lives, and all of this may be deleted at any time (the next
check then simply costs a full manifest download).

The remembered manifest is one file on purpose: one atomic write (one flush
of the file and one of its folder) leaves the old state or the new one,
never a manifest beside another version's signature or ETag. It used to be
five files, each flushed with its folder: ten flushes for the same guarantee
per file and none across them.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.files import move_into_place, write_atomic
from companion.kit.json_input import load_json
from companion.kit.key_list import SignedKeys
from companion.kit.manifest import FileRef
from companion.kit.source import KEYS_NAME, KEYS_SIGNATURE_NAME, MANIFEST_NAME, SIGNATURE_NAME

STATE_NAME = "portal-state.json"
STATE_FORMAT = 1
# What earlier versions of the program kept here, five files: removed when the
# state is next written, and never read (the next check then costs one full manifest).
OLD_NAMES = ("portal.json", MANIFEST_NAME, SIGNATURE_NAME, KEYS_NAME, KEYS_SIGNATURE_NAME)


@dataclass(frozen=True)
class CacheListing:
    """The names in ``files/`` and ``partial/`` at one moment (a batch of downloads begins)."""

    files: frozenset[str]
    parts: frozenset[str]


@dataclass(frozen=True)
class RememberedManifest:
    """The portal's last accepted manifest and what the portal said with it.

    Only a shortcut for the next check (a conditional GET; a 304 reuses these
    bytes): the signature chain is checked again every time they are used.
    """

    url: str
    etag: str | None
    last_modified: str | None
    manifest: bytes
    signature: bytes
    keys: SignedKeys | None


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _unb64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64 text")
    return base64.b64decode(value, validate=True)


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _decode_state(raw: bytes) -> RememberedManifest:
    """The state file's record; ValueError for anything :meth:`SyncCache.remember` did not write."""
    data = load_json(raw)
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        raise ValueError("not a state record of this format")
    url = data.get("url")
    if not isinstance(url, str):
        raise ValueError("no portal address")
    keys = None
    if data.get("keys") is not None:
        keys = SignedKeys(_unb64(data["keys"]), _unb64(data.get("keys_signature")))
    return RememberedManifest(
        url,
        _text_or_none(data.get("etag")),
        _text_or_none(data.get("last_modified")),
        _unb64(data.get("manifest")),
        _unb64(data.get("signature")),
        keys,
    )


class SyncCache:
    def __init__(self, cache_dir: Path) -> None:
        self.root = cache_dir / "sync"
        self.files_dir = self.root / "files"
        self.partial_dir = self.root / "partial"

    def ensure(self) -> SyncCache:
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        return self

    # -- the portal's manifest ------------------------------------------------

    def remembered(self, url: str) -> RememberedManifest | None:
        """The manifest remembered from the portal at ``url``; None when there is none
        (or it came from another address, or the file is damaged)."""
        try:
            record = _decode_state((self.root / STATE_NAME).read_bytes())
        except (OSError, ValueError, binascii.Error):
            return None
        return record if record.url == url else None

    def conditional_headers(self, url: str) -> dict[str, str]:
        """ETag and Last-Modified for a conditional GET, only while the manifest they
        stand for is remembered too."""
        record = self.remembered(url)
        headers: dict[str, str] = {}
        if record and record.etag:
            headers["If-None-Match"] = record.etag
        if record and record.last_modified:
            headers["If-Modified-Since"] = record.last_modified
        return headers

    def remember(
        self,
        url: str,
        manifest: bytes,
        signature: bytes,
        keys: SignedKeys | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """Keep an accepted manifest and the validators the portal sent with it.

        One atomic write: afterwards the whole old record or the whole new one.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        record = {
            "format": STATE_FORMAT,
            "url": url,
            "etag": etag,
            "last_modified": last_modified,
            "manifest": _b64(manifest),
            "signature": _b64(signature),
            "keys": _b64(keys.data) if keys is not None else None,
            "keys_signature": _b64(keys.signature) if keys is not None else None,
        }
        write_atomic(self.root / STATE_NAME, json.dumps(record).encode("ascii"))
        self._remove(OLD_NAMES)

    def forget_portal(self) -> None:
        self._remove((STATE_NAME, *OLD_NAMES))

    def _remove(self, names: tuple[str, ...]) -> None:
        for name in names:
            with contextlib.suppress(OSError):
                (self.root / name).unlink()

    # -- content files ----------------------------------------------------------

    def listing(self) -> CacheListing:
        """What the cache holds now: two folder reads instead of a look per file."""
        return CacheListing(
            frozenset(os.listdir(self.files_dir)), frozenset(os.listdir(self.partial_dir))
        )

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / sha256

    def partial_path(self, sha256: str) -> Path:
        return self.partial_dir / sha256

    def verified_file(self, ref: FileRef) -> bool:
        """A complete download is here and still hashes to what the manifest says.

        A file that no longer does (a flipped bit on disk, a crash mid-copy) is
        deleted, so it is fetched again instead of blocking every later sync.
        """
        path = self.file_path(ref.sha256)
        try:
            with path.open("rb") as handle:
                data = handle.read(ref.size + 1)
        except OSError:
            return False
        if len(data) == ref.size and hashlib.sha256(data).hexdigest() == ref.sha256:
            return True
        with contextlib.suppress(OSError):
            path.unlink()
        return False

    def keep_part(self, ref: FileRef) -> None:
        """Rename a complete, hash-checked ``partial/<sha256>`` to ``files/<sha256>``.

        One rename on the same disk: the file is there whole or not at all.
        Not flushed to disk on purpose: every file here is hash-checked again
        before it is used (:meth:`verified_file`, and by the import), so a file
        a power cut damaged is fetched again, never installed.
        """
        move_into_place(self.partial_path(ref.sha256), self.file_path(ref.sha256), durable=False)

    def drop_files(self, shas: set[str] | None = None) -> None:
        """Remove downloads once they are in the kit store (all of them when None)."""
        if shas is None:
            for folder in (self.files_dir, self.partial_dir):
                shutil.rmtree(folder, ignore_errors=True)
            return
        for sha in shas:
            for path in (self.file_path(sha), self.partial_path(sha)):
                with contextlib.suppress(OSError):
                    path.unlink()
