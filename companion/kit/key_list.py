"""The key list: which release keys may sign kit manifests, signed by the root key.

The program pins only the public half of an offline **root** key
(``trusted_keys.py``). The root signs this small list (``keys.json`` plus the
detached ``keys.json.sig``), and every portal and update file carries it, so a
release key can be replaced without a new program: publish a list with a
higher ``version`` that names the new key and leaves the old one out.

    {"format": 1, "kind": "strategiekit-sleutellijst", "version": 2,
     "expires": "2028-11-30", "release_keys": ["ed25519-public:..."]}

A list is only read after its signature verified against a pinned root, so
nothing from an unsigned file is interpreted. ``expires`` works like a
manifest's: online, an expired list is a freeze attack and refused; offline it
only earns a notice (see ``companion/kit/freshness.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.errors import SignatureError
from companion.i18n import QT_TRANSLATE_NOOP
from companion.kit.freshness import parse_day
from companion.kit.json_input import JsonInputError, load_json
from companion.kit.signing import PUBLIC_PREFIX, KeyFileError, parse_public_key, sign, verify

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = 1
KIND = "strategiekit-sleutellijst"
MAX_KEY_LIST_SIZE = 64 * 1024
MAX_RELEASE_KEYS = 32

NO_KEY_LIST = QT_TRANSLATE_NOOP(
    "messages",
    "De kit heeft geen geldige lijst met vertrouwde sleutels. Hij is niet geïnstalleerd.",
)


@dataclass(frozen=True)
class SignedKeys:
    """The exact bytes of ``keys.json`` and ``keys.json.sig``, as carried by a source."""

    data: bytes
    signature: bytes


@dataclass(frozen=True)
class KeyList:
    """A key list whose root signature was verified."""

    version: int
    expires: str
    release_keys: tuple[bytes, ...]
    signed: SignedKeys

    def expires_on(self) -> dt.date:
        return parse_day(self.expires)


def _bad(detail: str) -> SignatureError:
    return SignatureError(NO_KEY_LIST, detail)


def dump_key_list(version: int, expires: str, release_keys: Iterable[str]) -> bytes:
    """The bytes of a key list (to be signed by the root)."""
    data = {
        "format": FORMAT,
        "kind": KIND,
        "version": version,
        "expires": expires,
        "release_keys": [key.strip() for key in release_keys],
    }
    return (json.dumps(data, ensure_ascii=True, indent=1) + "\n").encode("ascii")


def sign_key_list(root: Ed25519PrivateKey, data: bytes) -> SignedKeys:
    """Sign key-list bytes with the root key (maintainers only; see ``sign-keys``)."""
    return SignedKeys(data, sign(root, data))


def parse_key_list(signed: SignedKeys) -> KeyList:
    """Read a key list whose signature was already checked; refuse anything odd."""
    if len(signed.data) > MAX_KEY_LIST_SIZE:
        raise _bad("key list too large")
    try:
        data = load_json(signed.data)
    except JsonInputError as exc:
        raise _bad(f"key list: {exc}") from exc
    if not isinstance(data, dict) or data.get("kind") != KIND or data.get("format") != FORMAT:
        raise _bad("not a key list of this format")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 10**9:
        raise _bad(f"key list version {version!r}")
    expires = data.get("expires")
    try:
        parse_day(expires)
    except ValueError as exc:
        raise _bad(f"key list expires {expires!r}") from exc
    keys = data.get("release_keys")
    if not isinstance(keys, list) or not 1 <= len(keys) <= MAX_RELEASE_KEYS:
        raise _bad("release_keys must be a list of 1 to 32 keys")
    raw: list[bytes] = []
    for key in keys:
        if not isinstance(key, str) or not key.startswith(PUBLIC_PREFIX):
            raise _bad(f"release key {key!r}")
        try:
            raw.append(parse_public_key(key))
        except KeyFileError as exc:
            raise _bad(f"release key {key!r}: {exc.detail}") from exc
    return KeyList(version, str(expires), tuple(raw), signed)


def verify_key_list(signed: SignedKeys, roots: Iterable[bytes]) -> KeyList:
    """The key list, if a pinned root signed exactly these bytes."""
    if not signed.signature.strip() or not verify(roots, signed.data, signed.signature):
        raise _bad("key list signature does not verify against the pinned root")
    return parse_key_list(signed)


def current_key_lists(
    candidates: Iterable[SignedKeys | None], roots: Iterable[bytes]
) -> list[KeyList]:
    """The valid lists of the highest version among ``candidates`` (usually one).

    A source may carry an older list than one seen before (a replay that
    brings back a retired key): the newer list the program kept wins.
    """
    roots = tuple(roots)
    found: list[KeyList] = []
    problem: SignatureError | None = None
    for signed in candidates:
        if signed is None:
            continue
        try:
            found.append(verify_key_list(signed, roots))
        except SignatureError as exc:
            problem = exc
    if not found:
        raise problem or _bad("no key list")
    newest = max(k.version for k in found)
    return [k for k in found if k.version == newest]


def newest_key_list(candidates: Iterable[SignedKeys | None], roots: Iterable[bytes]) -> KeyList:
    """The valid list with the highest version among ``candidates`` (the first of equals)."""
    return current_key_lists(candidates, roots)[0]
