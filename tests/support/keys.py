"""The tests' own throw-away keys (``tests/keys/``): a root, a release key, a key list.

Mirrors the real chain (see companion/kit/key_list.py) without the team's
keys: the test root signs a key list that names the test release key, and the
test release key signs the test kits. Tests trust only the test root.
"""

from __future__ import annotations

from functools import cache

from companion.kit.key_list import SignedKeys, dump_key_list, sign_key_list
from companion.kit.signing import load_private_key, parse_public_key, public_text
from tests.support.project import TEST_KEYS

# Far enough ahead that no test run meets it; tests of expiry pass their own dates.
FAR_FUTURE = "2100-01-01"


@cache
def root_key():
    return load_private_key(TEST_KEYS / "test-root-ed25519.key")


@cache
def release_key():
    return load_private_key(TEST_KEYS / "test-ed25519.key")


def root_public_keys() -> tuple[bytes, ...]:
    """What the tests pin instead of the program's root."""
    return (parse_public_key((TEST_KEYS / "test-root-ed25519.key.pub").read_text()),)


def key_list(*, version: int = 1, expires: str = FAR_FUTURE, release=None, root=None) -> SignedKeys:
    """A key list naming ``release`` (default: the test release key), signed by ``root``."""
    keys = [public_text(k) for k in (release if release is not None else [release_key()])]
    return sign_key_list(root or root_key(), dump_key_list(version, expires, keys))
