"""ed25519 keys and detached signatures for kit manifests.

The app only ever verifies; signing is for the ``publish`` command. Keys are
stored as base64 text (one line) so they survive copy and paste and e-mail.
ed25519 signatures are deterministic, so publishing the same manifest twice
gives the same signature file: an unchanged kit republishes byte for byte.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from companion.errors import CompanionError
from companion.i18n import QT_TRANSLATE_NOOP, Text

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

# cryptography is imported inside the functions that need it: reading the
# pinned key at start-up must not pay for loading it.

PRIVATE_PREFIX = "ed25519-private:"
PUBLIC_PREFIX = "ed25519-public:"


class KeyFileError(CompanionError):
    """A key file cannot be read."""


def _raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def public_bytes(private: Ed25519PrivateKey) -> bytes:
    """The raw 32 bytes of the public half of ``private``."""
    return _raw_public(private.public_key())


def public_text(private: Ed25519PrivateKey) -> str:
    """The one-line text form of the public half of ``private``."""
    return PUBLIC_PREFIX + base64.b64encode(public_bytes(private)).decode("ascii")


def generate_keypair() -> tuple[str, str]:
    """Return a new (private, public) key pair as one-line text."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    private = PRIVATE_PREFIX + base64.b64encode(_raw_private(key)).decode("ascii")
    public = PUBLIC_PREFIX + base64.b64encode(_raw_public(key.public_key())).decode("ascii")
    return private, public


PRIVATE_KEY = Text(QT_TRANSLATE_NOOP("messages", "geheime sleutel"))
PUBLIC_KEY = Text(QT_TRANSLATE_NOOP("messages", "publieke sleutel"))
DAMAGED_KEY = QT_TRANSLATE_NOOP("messages", "Deze {what} is beschadigd.")


def _decode(text: str, prefix: str, what: Text) -> bytes:
    text = text.strip()
    if not text.startswith(prefix):
        raise KeyFileError(
            QT_TRANSLATE_NOOP("messages", "Dit is geen {what}."),
            f"expected prefix {prefix!r}",
            what=what,
        )
    try:
        raw = base64.b64decode(text[len(prefix) :], validate=True)
    except binascii.Error as exc:
        raise KeyFileError(DAMAGED_KEY, str(exc), what=what) from exc
    if len(raw) != 32:
        raise KeyFileError(DAMAGED_KEY, f"{len(raw)} bytes, expected 32", what=what)
    return raw


def load_private_key(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileError(
            QT_TRANSLATE_NOOP("messages", "De sleutel {path} kan niet worden gelezen."),
            str(exc),
            path=path,
        ) from exc
    return Ed25519PrivateKey.from_private_bytes(_decode(text, PRIVATE_PREFIX, PRIVATE_KEY))


def parse_public_key(text: str) -> bytes:
    """Raw 32 public key bytes from the one-line text form."""
    return _decode(text, PUBLIC_PREFIX, PUBLIC_KEY)


def sign(private: Ed25519PrivateKey, data: bytes) -> bytes:
    """Detached signature, as the base64 line stored in ``manifest.json.sig``."""
    return base64.b64encode(private.sign(data)) + b"\n"


def verify(public_keys: Iterable[bytes], data: bytes, signature_file: bytes) -> bool:
    """True when any of the trusted keys signed ``data``.

    More than one key may be trusted so a portal can rotate its key: ship an
    app that trusts old and new, then switch the portal.
    """
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        signature = base64.b64decode(signature_file.strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(signature) != 64:
        return False
    for raw in public_keys:
        try:
            Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
        except (InvalidSignature, ValueError):
            continue
        return True
    return False
