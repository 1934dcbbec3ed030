"""Progress of long work, as the screens and the terminal show it.

Kept apart from the import pipeline so a screen can show progress without
loading PyMuPDF and the rest of the pipeline at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from companion.i18n import QT_TRANSLATE_NOOP, Text

# What long work says when the person stopped it, and when it is done.
STOPPED = Text(QT_TRANSLATE_NOOP("messages", "Gestopt. De kit is niet aangepast."))
DONE = Text(QT_TRANSLATE_NOOP("messages", "Klaar."))


@dataclass(frozen=True)
class Progress:
    """Where a job is: a sentence for people, plus bytes and files for the bar."""

    stage: str
    done_bytes: int = 0
    total_bytes: int = 0
    done_files: int = 0
    total_files: int = 0


ProgressCallback = Callable[[Progress], None]
