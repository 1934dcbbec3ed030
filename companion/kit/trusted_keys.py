"""The one key this program trusts: the root, pinned in the code.

Pinned here, not read from settings or the data folder: whoever can write a
file on the workstation must not be able to make the program accept another
kit. The root key is kept offline by the team and signs only the key list
(``key_list.py``), which names the release keys that sign kit manifests. The
private halves never enter the project (see ``keys/README.md``).

The project's first key (``keys/project-ed25519.key``) had its private half
committed, so anyone can sign with it: it is *burned* and trusted nowhere. It
is listed here only to refuse what it signed with a clear message.
"""

from __future__ import annotations

from companion.kit.signing import parse_public_key

ROOT_KEY = "ed25519-public:xcVVln23gAhr36fIga6enwQkF3afgQDV6fnGai6nZVs="
BURNED_KEY = "ed25519-public:2cGt/8nT93xlKEknfQyy5y8AEPQmmGIjwX4V1VduwPg="

ROOT_KEYS: tuple[bytes, ...] = (parse_public_key(ROOT_KEY),)
BURNED_KEYS: tuple[bytes, ...] = (parse_public_key(BURNED_KEY),)

# The name the rest of the program uses for "the pinned roots"; tests pass
# their own throw-away roots in its place (``trusted_keys=``).
TRUSTED_KEYS = ROOT_KEYS


def pinned_roots() -> tuple[bytes, ...]:
    """The roots in force now (looked up at call time, so a test can pin its own)."""
    return TRUSTED_KEYS
