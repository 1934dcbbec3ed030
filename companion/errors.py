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

from typing import NamedTuple

from companion.i18n import QT_TRANSLATE_NOOP, Text


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


class FileProblem(NamedTuple):
    """One thing wrong with one file: which file, which page (1-based, if any), why.

    ``reason`` is a short Dutch phrase without the file name ("dit is geen
    PDF"); ``detail`` is technical, for the log and the command line.
    """

    file: str
    reason: Text
    page: int | None = None
    detail: str = ""

    def line(self) -> Text:
        if self.page is None:
            return Text(
                QT_TRANSLATE_NOOP("messages", "{file}: {reason}"),
                file=self.file,
                reason=self.reason,
            )
        return Text(
            QT_TRANSLATE_NOOP("messages", "{file}, pagina {page}: {reason}"),
            file=self.file,
            page=self.page,
            reason=self.reason,
        )


def problem_report(intro: Text, problems: list[FileProblem]) -> Text:
    """``intro`` and then one line per problem, each translatable on its own."""
    params: dict[str, object] = {"intro": intro}
    lines = ["{intro}"]
    for number, problem in enumerate(problems):
        params[f"p{number}"] = problem.line()
        lines.append(f"• {{p{number}}}")
    return Text("\n".join(lines), **params)


def _problem_detail(problems: list[FileProblem]) -> str:
    return "; ".join(
        f"{p.file}{f' p.{p.page}' if p.page else ''}: {p.detail or p.reason}" for p in problems
    )


class BadFilesError(KitError):
    """Files of a kit were refused (every one is named); the kit store was left as it was."""

    def __init__(self, problems: list[FileProblem]) -> None:
        files = len({p.file for p in problems})
        intro = (
            Text(
                QT_TRANSLATE_NOOP(
                    "messages", "De kit is niet geïnstalleerd: 1 bestand is niet goed."
                )
            )
            if files == 1
            else Text(
                QT_TRANSLATE_NOOP(
                    "messages", "De kit is niet geïnstalleerd: {count} bestanden zijn niet goed."
                ),
                count=files,
            )
        )
        super().__init__(problem_report(intro, problems), _problem_detail(problems))
        self.problems = list(problems)


class SourceProblemsError(SourceError):
    """Everything wrong with a kit's sources at once; nothing was published."""

    def __init__(self, problems: list[FileProblem]) -> None:
        intro = Text(
            QT_TRANSLATE_NOOP(
                "messages",
                "Er is niets gepubliceerd. Los deze problemen op en publiceer opnieuw:",
            )
        )
        super().__init__(problem_report(intro, problems), _problem_detail(problems))
        self.problems = list(problems)
