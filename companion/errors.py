"""Errors that reach a person.

Every refusal carries a plain Dutch sentence for the screen (``message``) and a
technical ``detail`` for the log. The screens show ``message`` as it is, so the
text must make sense to library staff without knowing what a hash is.
"""

from __future__ import annotations


class CompanionError(Exception):
    """Base for every error the program explains to its user."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message if not detail else f"{message} ({detail})")
        self.message = message
        self.detail = detail


class KitError(CompanionError):
    """A kit source was refused; the kit store was left as it was."""


class SignatureError(KitError):
    """The manifest signature is missing or does not match the pinned key."""


class ManifestError(KitError):
    """The manifest cannot be read or breaks the content model."""


class WrongKitError(KitError):
    """The source holds a different kit than the one installed."""


class NotNewerError(KitError):
    """The source is not newer than what is installed (downgrade or replay)."""


class MissingFileError(KitError):
    """A file named in the manifest is not in the source."""


class IntegrityError(KitError):
    """A file's size or sha256 differs from what the manifest promises."""


class BrokenPdfError(KitError):
    """A file cannot be opened as a PDF."""


class CancelledError(KitError):
    """The person stopped the work; nothing was changed."""


class StoreError(CompanionError):
    """A database file cannot be opened or is damaged."""


class SourceError(CompanionError):
    """A kit source text (for publishing) breaks the source format."""
