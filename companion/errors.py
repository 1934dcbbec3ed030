"""Errors that reach a person.

Every refusal carries a plain Dutch sentence for the screen (``message``) and a
technical ``detail`` for the log. The text must make sense to library staff
without knowing what a hash is.

``message`` is a :class:`~companion.i18n.Text`: the Dutch sentence, plus the
template and values it was made from, so the window can show it translated.
Raise sites pass the template (marked with ``QT_TRANSLATE_NOOP("messages", ...)``)
and the values as keywords::

    raise KitError(QT_TRANSLATE_NOOP("messages", "Het bestand {name} ontbreekt."),
                   detail, name=ref.name)
"""

from __future__ import annotations

from companion.i18n import Text


class CompanionError(Exception):
    """Base for every error the program explains to its user."""

    def __init__(self, message: str, detail: str = "", **params: object) -> None:
        text = message if isinstance(message, Text) and not params else Text(message, **params)
        super().__init__(text if not detail else f"{text} ({detail})")
        self.message: Text = text
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
