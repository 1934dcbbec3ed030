"""Is this machine online? Asked without sending anything anywhere.

Connecting a UDP socket sends no packet; it only asks the operating system
for a route. No route means certainly offline, and we say so at once instead
of waiting for a timeout. A route does not promise the portal is reachable:
the download code still has its own timeouts.
"""

from __future__ import annotations

import os
import socket

# TEST-NET-1 (RFC 5737) addresses: never routed on the internet, so even a
# stray packet would go nowhere. Only the routing decision is used.
_PROBE_V4 = ("192.0.2.1", 9)
_PROBE_V6 = ("2001:db8::1", 9)


def has_route() -> bool:
    """True when the system has a route off this machine (IPv4 or IPv6)."""
    if os.environ.get("STRATEGIEKIT_OFFLINE") == "1":
        return False
    for family, address in ((socket.AF_INET, _PROBE_V4), (socket.AF_INET6, _PROBE_V6)):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect(address)
                local = probe.getsockname()[0]
        except OSError:
            continue
        if not local.startswith("127.") and local != "::1":
            return True
    return False


def is_online() -> bool:
    """Best guess without traffic; see module doc for what it cannot know."""
    return has_route()
