"""Why a sync or an update file was refused, in words a person understands.

Every class here is a :class:`~companion.errors.CompanionError`, so the
screens and the command line show ``message`` as it is and log ``detail``.
"""

from __future__ import annotations

from companion.errors import CompanionError, KitError


class NotConfiguredError(CompanionError):
    """No portal address has been set; nothing was contacted."""


class NetworkError(CompanionError):
    """The portal could not be reached, stalled or broke off; nothing was changed."""


class PortalError(CompanionError):
    """The portal answered, but not with a kit (an error page, a missing file)."""


class StaleError(KitError):
    """The portal offers a manifest or key list past its expiry date (a freeze attack)."""


class UpdateFileError(KitError):
    """An update file is damaged, unsafe or bigger than it says; nothing was changed."""


class CacheError(CompanionError):
    """A download could not be kept in the cache folder (disk full, no access)."""
