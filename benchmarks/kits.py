"""The benchmark's kits and data folders: generated once, reused, installed through the public path.

Every row works on kits made by :mod:`benchmarks.generate_kit` and signed with
the benchmark's own throw-away key (``OUT/bench.key``), which is passed to the
program as its trusted key. Installing goes through ``apply_source`` (the
same call the program's first run, update files and the portal use), so a
change in the import or the signing lands here without touching the rows.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from companion.kit.importer import apply_source
from companion.kit.signing import parse_public_key
from companion.kit.source import FolderSource
from companion.paths import app_paths
from companion.store.kit_store import KitStore

from .generate_kit import generate

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_KIT = ROOT / "bundled_kit" / "portal"
KEY_NAME = "bench.key"


@dataclass(frozen=True)
class Kit:
    """A generated portal folder, how big it is, and the public key that signed it."""

    folder: Path
    pub: Path
    documents: int
    pages: int

    @property
    def key_file(self) -> Path:
        """The throw-away private key (only ever under benchmarks/out)."""
        return self.pub.with_name(KEY_NAME)

    @property
    def keys(self) -> tuple[bytes, ...]:
        return keys_from(self.pub)

    def files(self) -> list[Path]:
        return kit_files(self.folder)

    def pdf_bytes(self) -> int:
        return sum(path.stat().st_size for path in self.files())


def ensure_kit(out: Path, documents: int, pages: int) -> tuple[Path, Path]:
    """A generated kit of exactly ``pages`` pages (made once and reused) and its public key."""
    kit = out / f"kit-{documents}d-{pages}p"
    key = out / KEY_NAME
    # A kit made before key lists existed has no keys.json: make it again.
    if not (kit / "manifest.json").exists() or not (kit / "keys.json").exists():
        print(f"generating a kit of {documents} documents, {pages} pages…", file=sys.stderr)
        generate(kit, key, documents, pages)
    return kit, key.with_name(key.name + ".pub")


def make_kit(out: Path, documents: int, pages: int) -> Kit:
    folder, pub = ensure_kit(out, documents, pages)
    return Kit(folder, pub, documents, pages)


def keys_from(pub: Path) -> tuple[bytes, ...]:
    return (parse_public_key(pub.read_text()),)


def kit_files(kit: Path) -> list[Path]:
    return sorted((kit / "files").iterdir())


def store_files(store: Path) -> list[Path]:
    """The SQLite file and its write-ahead log and shared memory, where they exist."""
    parts = (store, store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm"))
    return [part for part in parts if part.exists()]


def store_bytes(store: Path) -> int:
    return sum(part.stat().st_size for part in store_files(store))


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a closed store (with its -wal/-shm) at ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for part in store_files(target):
        part.unlink()
    for part in store_files(source):
        shutil.copyfile(part, target.with_name(target.name + part.name[len(source.name) :]))
    return target


def install(kit: Path, keys: tuple[bytes, ...], data_dir: Path) -> Path:
    """A data dir with ``kit`` imported, as the program leaves it after the first start."""
    shutil.rmtree(data_dir, ignore_errors=True)
    paths = app_paths(data_dir).ensure()
    store = KitStore(paths.kit_store)
    try:
        apply_source(store, FolderSource(kit), trusted_keys=keys)
    finally:
        store.close()
    return data_dir


def kit_store_path(data_dir: Path) -> Path:
    return app_paths(data_dir).kit_store
