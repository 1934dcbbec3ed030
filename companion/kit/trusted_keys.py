"""The public keys this program trusts to sign the strategiekit.

Pinned in the code, not read from settings or the data dir: whoever can write
a file on the workstation must not be able to make it accept another kit.
The private half of the project key is in keys/ so the team can publish the
bundled kit like code; a portal in production signs with its own offline key,
which is added here (keep the old one for one release to rotate).
"""

from __future__ import annotations

from companion.kit.signing import parse_public_key

PROJECT_KEY = "ed25519-public:2cGt/8nT93xlKEknfQyy5y8AEPQmmGIjwX4V1VduwPg="

TRUSTED_KEYS: tuple[bytes, ...] = (parse_public_key(PROJECT_KEY),)
