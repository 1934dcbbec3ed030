"""Update files (``.kitupdate``): a portal folder in one zip, for a USB stick.

    manifest.json, manifest.json.sig, keys.json, keys.json.sig, files/<sha256>
                                                      (the portal layout)

Reading one is a :class:`~companion.kit.source.KitSource`, so it goes through
the same import pipeline as the portal. Nothing is ever unpacked to disk: each
member is read into memory, at most the number of bytes the manifest promises.
Before that, the archive itself is checked, because a zip can lie:

- every name must stay inside the archive (no ``/abs``, ``..``, ``C:`` or ``\\``);
- no member may unpack to far more than it takes in the zip (a zip bomb), and
  all members together not to more than the manifest declares;
- a member may not be larger than the manifest says its file is;
- a truncated or damaged zip (a copy that did not finish) is refused, and so
  is a member this reader cannot unpack (a newer zip version, patched data or
  strong encryption), with a sentence instead of a traceback.

Writing is deterministic: the same kit always gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from companion.errors import MissingFileError
from companion.files import atomic_writer
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.importer import check_file
from companion.kit.key_list import MAX_KEY_LIST_SIZE, SignedKeys
from companion.kit.manifest import MAX_MANIFEST_SIZE, FileRef, Manifest, parse_manifest
from companion.kit.source import (
    FILES_DIR,
    KEYS_NAME,
    KEYS_SIGNATURE_NAME,
    MANIFEST_NAME,
    MAX_SIGNATURE_SIZE,
    SIGNATURE_NAME,
    UPDATE_SUFFIX,
    ByteProgress,
    FolderSource,
    KitSource,
)
from companion.kit.store_source import StoreSource
from companion.store.kit_store import KitStore
from companion.sync.errors import UpdateFileError

# A kit is PDFs, which barely compress; a member that unpacks to more than
# MAX_RATIO times its packed size (and is over RATIO_FLOOR) is not a kit file.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
# All members together may exceed what the manifest declares by this much
# (room for a stray folder entry or a read-me), no more.
SLACK = 1024 * 1024
MAX_TOTAL = 4 * 1024**3
_FILE_MEMBER = re.compile(r"^files/([0-9a-f]{64})$")
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
# What Python's zipfile can unpack: version 6.3 of the format, no patched data
# (flag bit 5) and no strong encryption (bit 6); bit 0 is classic encryption.
MAX_ZIP_VERSION = 63
UNSUPPORTED_FLAGS = 0x1 | 0x20 | 0x40


def _damaged(detail: str) -> UpdateFileError:
    return UpdateFileError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Dit updatebestand is beschadigd of niet compleet (misschien is het kopiëren niet "
            "afgemaakt). Kopieer het opnieuw en probeer het nog eens. Er is niets veranderd.",
        ),
        detail,
    )


def _unsupported(detail: str) -> UpdateFileError:
    return UpdateFileError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Dit updatebestand is op een manier ingepakt die dit programma niet kan lezen "
            "(een andere zip-versie, versleuteld of met een andere compressie). Maak het "
            "updatebestand opnieuw met Strategiekit Companion. Er is niets veranderd.",
        ),
        detail,
    )


def _bomb(detail: str) -> UpdateFileError:
    return UpdateFileError(
        QT_TRANSLATE_NOOP(
            "messages",
            "Dit updatebestand pakt uit tot veel meer dan het zegt te bevatten. "
            "Het updatebestand is niet gebruikt. Er is niets veranderd.",
        ),
        detail,
    )


def is_unsafe_name(name: str) -> bool:
    """True for a member name that would land outside the archive's own folder."""
    if not name or "\\" in name or "\x00" in name or ":" in name or name.startswith("/"):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


class UpdateFileSource:
    """A ``.kitupdate`` file as a kit source. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = str(path)
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError as exc:
            raise UpdateFileError(
                QT_TRANSLATE_NOOP("messages", "Het updatebestand {name} is niet gevonden."),
                str(exc),
                name=path.name,
            ) from exc
        except NotImplementedError as exc:
            raise _unsupported(str(exc)) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise _damaged(f"{type(exc).__name__}: {exc}") from exc
        except OSError as exc:
            raise UpdateFileError(
                QT_TRANSLATE_NOOP("messages", "Het updatebestand {name} kan niet worden gelezen."),
                str(exc),
                name=path.name,
            ) from exc
        try:
            self.members = self._check_structure()
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self) -> UpdateFileSource:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()

    def _check_structure(self) -> dict[str, zipfile.ZipInfo]:
        members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in self.zip.infolist():
            name = info.filename
            if is_unsafe_name(name):
                raise UpdateFileError(
                    QT_TRANSLATE_NOOP(
                        "messages",
                        "Dit updatebestand is onveilig: het wil een bestand buiten zijn eigen "
                        "map zetten ({name}). Het updatebestand is niet gebruikt. "
                        "Er is niets veranderd.",
                    ),
                    f"unsafe member name {name!r}",
                    name=name,
                )
            if name in members:
                raise _damaged(f"member {name!r} appears twice")
            if info.flag_bits & UNSUPPORTED_FLAGS:
                raise _unsupported(f"member {name!r} has flag bits {info.flag_bits:#x}")
            if info.extract_version > MAX_ZIP_VERSION:
                raise _unsupported(f"member {name!r} needs zip version {info.extract_version}")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _unsupported(f"member {name!r} uses compression {info.compress_type}")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise _bomb(f"{name}: {info.file_size} bytes from {info.compress_size}")
            total += info.file_size
            members[name] = info
        if total > MAX_TOTAL:
            raise _bomb(f"members add up to {total} bytes")
        manifest = members.get(MANIFEST_NAME)
        if manifest is None:
            raise UpdateFileError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Dit is geen updatebestand van de strategiekit: de inhoudslijst ontbreekt. "
                    "Het updatebestand is niet gebruikt. Er is niets veranderd.",
                ),
                "no manifest.json in archive",
            )
        if manifest.file_size > MAX_MANIFEST_SIZE:
            raise _bomb(f"manifest.json is {manifest.file_size} bytes")
        for name, limit in (
            (SIGNATURE_NAME, MAX_SIGNATURE_SIZE),
            (KEYS_NAME, MAX_KEY_LIST_SIZE),
            (KEYS_SIGNATURE_NAME, MAX_SIGNATURE_SIZE),
        ):
            member = members.get(name)
            if member is not None and member.file_size > limit:
                raise _bomb(f"{name} is {member.file_size} bytes")
        return members

    def _read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        """At most ``limit`` bytes of a member; a damaged member is refused."""
        try:
            with self.zip.open(info) as handle:
                data = handle.read(limit + 1)
        except NotImplementedError as exc:
            raise _unsupported(f"{info.filename}: {exc}") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise _damaged(f"{info.filename}: {type(exc).__name__}: {exc}") from exc
        if len(data) > limit:
            raise _bomb(f"{info.filename} unpacks to more than {limit} bytes")
        return data

    # -- KitSource -------------------------------------------------------------

    def read_manifest(self) -> tuple[bytes, bytes]:
        manifest = self._read(self.members[MANIFEST_NAME], MAX_MANIFEST_SIZE)
        info = self.members.get(SIGNATURE_NAME)
        signature = b"" if info is None else self._read(info, MAX_SIGNATURE_SIZE)
        return manifest, signature

    def read_key_list(self) -> SignedKeys | None:
        data, signature = self.members.get(KEYS_NAME), self.members.get(KEYS_SIGNATURE_NAME)
        if data is None or signature is None:
            return None
        return SignedKeys(
            self._read(data, MAX_KEY_LIST_SIZE), self._read(signature, MAX_SIGNATURE_SIZE)
        )

    def check_declared(self, manifest: Manifest) -> None:
        """After the signature is accepted: nothing in the zip beyond what it declares."""
        refs = {ref.sha256: ref for ref in manifest.unique_files()}
        for name, info in self.members.items():
            match = _FILE_MEMBER.match(name)
            ref = refs.get(match.group(1)) if match else None
            if ref is not None and info.file_size > ref.size:
                raise self._member_too_big(ref, info)
        declared = (
            sum(ref.size for ref in refs.values())
            + sum(
                info.file_size
                for name in (MANIFEST_NAME, SIGNATURE_NAME, KEYS_NAME, KEYS_SIGNATURE_NAME)
                if (info := self.members.get(name)) is not None
            )
            + SLACK
        )
        total = sum(info.file_size for info in self.members.values())
        if total > declared:
            raise _bomb(f"members add up to {total} bytes, manifest declares {declared}")

    def _member_too_big(self, ref: FileRef, info: zipfile.ZipInfo) -> UpdateFileError:
        return UpdateFileError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het bestand {name} in het updatebestand is groter dan de inhoudslijst "
                "zegt. Het updatebestand is niet gebruikt. Er is niets veranderd.",
            ),
            f"{info.filename}: {info.file_size} bytes, manifest says {ref.size}",
            name=ref.name,
        )

    def read_file(self, ref: FileRef, progress: ByteProgress) -> bytes:
        info = self.members.get(f"{FILES_DIR}/{ref.sha256}")
        if info is None:
            raise MissingFileError(
                QT_TRANSLATE_NOOP(
                    "messages",
                    "Het bestand {name} ontbreekt in het updatebestand. "
                    "Het updatebestand is niet gebruikt. Er is niets veranderd.",
                ),
                f"no member files/{ref.sha256}",
                name=ref.name,
            )
        if info.file_size > ref.size:
            raise self._member_too_big(ref, info)
        data = self._read(info, ref.size)
        progress(len(data))
        return data


@dataclass(frozen=True)
class UpdateFileInfo:
    path: Path
    version: int
    files: int
    bytes: int


def write_update_file(
    out: Path,
    manifest: bytes,
    signature: bytes,
    keys: SignedKeys | None,
    files: Iterable[tuple[str, bytes]],
) -> Path:
    """Write the zip next to ``out`` first and move it into place when complete."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(out) as handle:
            _write_zip(handle, manifest, signature, keys, files)
        return out
    except OSError as exc:
        raise UpdateFileError(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het updatebestand kan niet worden opgeslagen in {folder}. Is de schijf of "
                "USB-stick vol of alleen-lezen? Kies een andere plek.",
            ),
            str(exc),
            folder=out.parent,
        ) from exc


def _write_zip(
    handle: BinaryIO,
    manifest: bytes,
    signature: bytes,
    keys: SignedKeys | None,
    files: Iterable[tuple[str, bytes]],
) -> None:
    with zipfile.ZipFile(handle, "w") as archive:

        def add(name: str, data: bytes, method: int) -> None:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add(MANIFEST_NAME, manifest, zipfile.ZIP_DEFLATED)
        add(SIGNATURE_NAME, signature, zipfile.ZIP_STORED)
        if keys is not None:
            add(KEYS_NAME, keys.data, zipfile.ZIP_DEFLATED)
            add(KEYS_SIGNATURE_NAME, keys.signature, zipfile.ZIP_STORED)
        # PDFs are compressed already: storing them keeps export fast.
        for sha, data in sorted(files, key=lambda item: item[0]):
            add(f"{FILES_DIR}/{sha}", data, zipfile.ZIP_STORED)


def with_suffix(path: Path) -> Path:
    return path if path.name.endswith(UPDATE_SUFFIX) else path.with_name(path.name + UPDATE_SUFFIX)


def pack_source(source: KitSource, out: Path) -> UpdateFileInfo:
    """A kit source, exactly as it was signed, as an update file (each file checked)."""
    manifest_bytes, signature = source.read_manifest()
    manifest = parse_manifest(manifest_bytes)
    refs = manifest.unique_files()

    def files() -> Iterable[tuple[str, bytes]]:
        for ref in refs:
            data = source.read_file(ref, lambda _n: None)
            check_file(ref, data)
            yield ref.sha256, data

    # Signatures are one base64 line; a store keeps them without the newline.
    signature = signature.strip() + b"\n"
    keys = source.read_key_list()
    if keys is not None:
        keys = SignedKeys(keys.data, keys.signature.strip() + b"\n")
    path = write_update_file(with_suffix(out), manifest_bytes, signature, keys, files())
    return UpdateFileInfo(path, manifest.version, len(refs), sum(r.size for r in refs))


def export_from_store(store: KitStore, out: Path) -> UpdateFileInfo:
    """The installed kit, exactly as it was signed, as an update file."""
    return pack_source(StoreSource(store), out)


def pack_folder(folder: Path, out: Path) -> UpdateFileInfo:
    """A portal folder (from ``publish``) as an update file."""
    return pack_source(FolderSource(folder), out)
