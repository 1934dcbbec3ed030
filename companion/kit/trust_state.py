"""What protects against rollback, kept beside the kit store instead of inside it.

The kit store can always be rebuilt, so it may be moved aside and started
again at any time (damage, a new program version). If the highest kit version
ever installed lived only there, damaging the store would re-open the door to
an older, validly signed kit. So that number, and the newest key list seen,
live in a small file of their own next to it (``kit.trust.json``)::

    {"format": 1, "highest_version": 7,
     "keys": "<keys.json as text>", "keys_signature": "<keys.json.sig>"}

The key list in it is signed by the root and checked again on every use, so
editing the file cannot add a key; at worst, deleting it forgets the floor.
It is written only inside the kit store's write transaction (one writer at a
time, also across processes) and always atomically.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from companion.errors import SignatureError, StoreError
from companion.files import write_atomic
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.key_list import KeyList, SignedKeys, newest_key_list
from companion.kit.trusted_keys import pinned_roots

FORMAT = 1
SUFFIX = ".trust.json"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrustRecord:
    """The floor for new kit versions and the newest key list kept (unverified here)."""

    highest_version: int = 0
    keys: SignedKeys | None = None


@dataclass(frozen=True)
class Trust:
    """Everything a kit is verified against: the pinned roots and what was seen before."""

    roots: tuple[bytes, ...]
    record: TrustRecord
    path: Path | None = None


def trust_path(kit_path: Path) -> Path:
    """``kit.sqlite`` -> ``kit.trust.json`` in the same folder."""
    return kit_path.with_name(kit_path.stem + SUFFIX)


def read_trust(path: Path) -> TrustRecord:
    """The record in ``path``; an empty one when missing or unreadable (logged)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return TrustRecord()
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return TrustRecord()
    try:
        data = json.loads(raw.decode("utf-8"))
        highest = data.get("highest_version", 0)
        keys, signature = data.get("keys"), data.get("keys_signature")
        if isinstance(highest, bool) or not isinstance(highest, int) or highest < 0:
            raise ValueError(f"highest_version {highest!r}")
        signed = None
        if isinstance(keys, str) and isinstance(signature, str):
            signed = SignedKeys(keys.encode("utf-8"), signature.encode("ascii"))
        return TrustRecord(highest, signed)
    except (ValueError, AttributeError, UnicodeError, RecursionError) as exc:
        log.warning("damaged %s, ignored: %s", path, exc)
        return TrustRecord()


def load_trust(kit_path: Path, trusted_keys: Iterable[bytes] | None = None) -> Trust:
    path = trust_path(kit_path)
    roots = tuple(trusted_keys) if trusted_keys is not None else pinned_roots()
    return Trust(roots, read_trust(path), path)


def record_install(trust: Trust, version: int, key_list: KeyList) -> None:
    """Raise the floor to ``version`` and keep the newest key list.

    Reads the file again first: another process may have written since.
    """
    if trust.path is None:
        return
    current = read_trust(trust.path)
    try:
        newest = newest_key_list((current.keys, key_list.signed), trust.roots)
    except SignatureError:
        newest = key_list
    data = {
        "format": FORMAT,
        "highest_version": max(version, current.highest_version),
        "keys": newest.signed.data.decode("utf-8"),
        "keys_signature": newest.signed.signature.decode("ascii").strip(),
    }
    body = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        write_atomic(trust.path, body)
    except OSError as exc:  # inside the kit's transaction: the install is rolled back
        raise StoreError(
            QT_TRANSLATE_NOOP(
                "messages",
                "De kit kan niet worden bewaard in {folder}. Is de schijf vol? "
                "De kit is niet aangepast.",
            ),
            str(exc),
            folder=trust.path.parent,
        ) from exc
