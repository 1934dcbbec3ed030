"""What sync keeps between runs, in the cache folder (never in either store).

    <cache>/sync/portal-state.json   the portal's last accepted manifest, its signature,
                                     the key list that came with it, the portal's address,
                                     ETag and Last-Modified: one file, written at once
    <cache>/sync/downloads.pack      downloaded files whose hash was checked, one after
                                     another in one file (see :class:`DownloadPack`)
    <cache>/sync/files/<sha256>      the same for a file that came in over more than one
                                     attempt, or is too large to hold in memory
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
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.files import move_into_place, write_atomic
from companion.kit.json_input import load_json
from companion.kit.key_list import SignedKeys
from companion.kit.manifest import FileRef
from companion.kit.source import KEYS_NAME, KEYS_SIGNATURE_NAME, MANIFEST_NAME, SIGNATURE_NAME

STATE_NAME = "portal-state.json"
PACK_NAME = "downloads.pack"
# A record in the pack: this mark, the file's sha256 (32 bytes), its size (8 bytes,
# big-endian), then the file itself.
PACK_MARK = b"SKP1"
PACK_HEADER = len(PACK_MARK) + 32 + 8
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


class DownloadPack:
    """The downloaded files of an update, appended one after another to one file.

    A kit is a few hundred small files: making a file for each (and renaming it
    into place) cost more than downloading it, on a busy machine twice over.
    Appending to one open file costs a write. Like ``files/`` it is not flushed
    to disk: every record is hash-checked before use (:meth:`SyncCache.verified_file`
    and the import), so a record a crash tore or a power cut damaged is fetched
    again, never installed. A torn record at the end (the program was stopped
    mid-write) is cut off when the pack is opened; for a sha256 that is in the
    pack twice (fetched again after damage) the last record counts.

    Used by the threads of one batch of downloads at once: appends take a lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._index: dict[str, tuple[int, int]] = {}  # sha256 -> (offset of the data, size)
        # Unbuffered: every append is one write of a whole record, straight to the file.
        self._handle = open(path, "a+b", buffering=0)  # noqa: SIM115  (closed by close())
        try:
            self._scan()
        except BaseException:
            self._handle.close()
            raise

    def __enter__(self) -> DownloadPack:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def _scan(self) -> None:
        """Index the records; cut off a torn one at the end (the next record goes there)."""
        total = os.fstat(self._handle.fileno()).st_size
        offset = 0
        while offset + PACK_HEADER <= total:
            header = self._read_at(offset, PACK_HEADER)
            size = int.from_bytes(header[-8:], "big")
            start = offset + PACK_HEADER
            if not header.startswith(PACK_MARK) or start + size > total:
                break
            self._index[header[len(PACK_MARK) : -8].hex()] = (start, size)
            offset = start + size
        if offset < total:
            self._handle.truncate(offset)

    def __contains__(self, sha256: str) -> bool:
        return sha256 in self._index

    def shas(self) -> frozenset[str]:
        return frozenset(self._index)

    def add(self, sha256: str, data: bytes) -> None:
        """Append a file whose sha256 was checked."""
        record = memoryview(PACK_MARK + bytes.fromhex(sha256) + len(data).to_bytes(8, "big") + data)
        fd = self._handle.fileno()
        with self._lock:
            while record:
                record = record[os.write(fd, record) :]
            # Appended at the end whatever else wrote to the file: ask where it went.
            end = os.lseek(fd, 0, os.SEEK_CUR)
            self._index[sha256] = (end - len(data), len(data))

    def read(self, sha256: str, limit: int) -> bytes:
        """At most ``limit`` bytes of the file's record; KeyError when it is not here."""
        offset, size = self._index[sha256]
        with self._lock:
            return self._read_at(offset, min(size, limit))

    def _read_at(self, offset: int, size: int) -> bytes:
        """``size`` bytes from ``offset`` (fewer at the end of the file). Under the lock when
        other threads use the pack: the handle has one position (no pread on Windows), and
        an append moves it."""
        self._handle.seek(offset)
        pieces: list[bytes] = []
        while size > 0:
            piece = self._handle.read(size)
            if not piece:
                break
            pieces.append(piece)
            size -= len(piece)
        return b"".join(pieces)

    def forget(self, sha256: str) -> None:
        """Treat a record as not here (it failed its hash); it stays until the pack goes."""
        with self._lock:
            self._index.pop(sha256, None)


class SyncCache:
    def __init__(self, cache_dir: Path) -> None:
        self.root = cache_dir / "sync"
        self.files_dir = self.root / "files"
        self.partial_dir = self.root / "partial"
        self.pack_path = self.root / PACK_NAME

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

    def open_pack(self) -> DownloadPack:
        """The download pack, made when there is none; the caller closes it."""
        self.root.mkdir(parents=True, exist_ok=True)
        return DownloadPack(self.pack_path)

    def cached(self) -> frozenset[str]:
        """The sha256 of every downloaded file kept here (checked again before use)."""
        try:
            names = frozenset(os.listdir(self.files_dir))
        except OSError:
            names = frozenset()
        if not self.pack_path.exists():
            return names
        with self.open_pack() as pack:
            return names | pack.shas()

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / sha256

    def partial_path(self, sha256: str) -> Path:
        return self.partial_dir / sha256

    def read(self, ref: FileRef, pack: DownloadPack | None = None) -> bytes:
        """The downloaded file (at most one byte more than promised, so a longer one shows),
        from ``pack`` or ``files/``; OSError when it is in neither. Not checked here."""
        if pack is not None and ref.sha256 in pack:
            return pack.read(ref.sha256, ref.size + 1)
        with self.file_path(ref.sha256).open("rb") as handle:
            return handle.read(ref.size + 1)

    def discard(self, ref: FileRef, pack: DownloadPack | None = None) -> None:
        """Forget a downloaded file that failed its check, so it is fetched again."""
        if pack is not None:
            pack.forget(ref.sha256)
        with contextlib.suppress(OSError):
            self.file_path(ref.sha256).unlink()

    def verified_file(self, ref: FileRef, pack: DownloadPack | None = None) -> bool:
        """A complete download is here and still hashes to what the manifest says.

        A file that no longer does (a flipped bit on disk, a crash mid-copy) is
        discarded, so it is fetched again instead of blocking every later sync.
        """
        try:
            data = self.read(ref, pack)
        except OSError:
            return False
        if len(data) == ref.size and hashlib.sha256(data).hexdigest() == ref.sha256:
            return True
        self.discard(ref, pack)
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
        """Remove downloads once they are in the kit store (all of them when None).

        The pack goes only as a whole (with None): its records are in one file.
        """
        if shas is None:
            for folder in (self.files_dir, self.partial_dir):
                shutil.rmtree(folder, ignore_errors=True)
            with contextlib.suppress(OSError):
                self.pack_path.unlink()
            return
        for sha in shas:
            for path in (self.file_path(sha), self.partial_path(sha)):
                with contextlib.suppress(OSError):
                    path.unlink()
