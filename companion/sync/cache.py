"""What sync keeps between runs, in the cache folder (never in either store).

    <cache>/sync/portal.json         portal address, ETag, Last-Modified
    <cache>/sync/manifest.json(.sig) the portal's last accepted manifest
    <cache>/sync/keys.json(.sig)     the key list that came with it
    <cache>/sync/files/<sha256>      downloaded files whose hash was checked
    <cache>/sync/partial/<sha256>    a file broken off mid-download (resumed with Range)

Kept out of the user store on purpose: a check must not write where a
person's own work lives, and all of this may be deleted at any time (the next
check then simply costs a full manifest download).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from companion.files import move_into_place, write_atomic
from companion.kit.key_list import SignedKeys
from companion.kit.manifest import FileRef
from companion.kit.source import KEYS_NAME, KEYS_SIGNATURE_NAME, MANIFEST_NAME, SIGNATURE_NAME

STATE_NAME = "portal.json"


@dataclass(frozen=True)
class PortalState:
    """What the portal said last time, for a conditional GET."""

    url: str
    etag: str | None
    last_modified: str | None


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

    def state(self, url: str) -> PortalState | None:
        """The remembered answer for ``url``, only while its manifest is kept too."""
        try:
            data = json.loads((self.root / STATE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("url") != url:
            return None
        if self.cached_manifest() is None:
            return None
        etag, modified = data.get("etag"), data.get("last_modified")
        return PortalState(
            url,
            etag if isinstance(etag, str) else None,
            modified if isinstance(modified, str) else None,
        )

    def conditional_headers(self, url: str) -> dict[str, str]:
        state = self.state(url)
        headers: dict[str, str] = {}
        if state and state.etag:
            headers["If-None-Match"] = state.etag
        if state and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        return headers

    def cached_manifest(self) -> tuple[bytes, bytes] | None:
        try:
            return (
                (self.root / MANIFEST_NAME).read_bytes(),
                (self.root / SIGNATURE_NAME).read_bytes(),
            )
        except OSError:
            return None

    def cached_key_list(self) -> SignedKeys | None:
        try:
            return SignedKeys(
                (self.root / KEYS_NAME).read_bytes(), (self.root / KEYS_SIGNATURE_NAME).read_bytes()
            )
        except OSError:
            return None

    def remember(
        self,
        url: str,
        manifest: bytes,
        signature: bytes,
        keys: SignedKeys | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """Keep an accepted manifest and the validators the portal sent with it."""
        self.root.mkdir(parents=True, exist_ok=True)
        write_atomic(self.root / MANIFEST_NAME, manifest)
        write_atomic(self.root / SIGNATURE_NAME, signature)
        if keys is not None:
            write_atomic(self.root / KEYS_NAME, keys.data)
            write_atomic(self.root / KEYS_SIGNATURE_NAME, keys.signature)
        state = {"url": url, "etag": etag, "last_modified": last_modified}
        write_atomic(self.root / STATE_NAME, json.dumps(state).encode("utf-8"))

    def forget_portal(self) -> None:
        for name in (STATE_NAME, MANIFEST_NAME, SIGNATURE_NAME, KEYS_NAME, KEYS_SIGNATURE_NAME):
            with contextlib.suppress(OSError):
                (self.root / name).unlink()

    # -- content files ----------------------------------------------------------

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
