"""Why a document or a page cannot be shown, as a Dutch sentence for the window.

The workers answer with a failure kind (:mod:`companion.pdf.engine.protocol`);
this module turns it into words a person understands. The window translates
them with ``ui_text``.
"""

from __future__ import annotations

from companion.i18n import QT_TRANSLATE_NOOP, Text
from companion.pdf.engine.protocol import (
    CRASHED,
    DAMAGED,
    EMPTY,
    ENCRYPTED,
    MISSING,
    NO_MEMORY,
    NOT_PDF,
    TIMEOUT,
    Failure,
)


def document_message(failure: Failure, name: str) -> Text:
    """The document as a whole cannot be opened: say why, with its name."""
    templates = {
        NOT_PDF: QT_TRANSLATE_NOOP(
            "messages", "{name} is geen PDF. Kies een PDF-bestand (het eindigt meestal op .pdf)."
        ),
        ENCRYPTED: QT_TRANSLATE_NOOP(
            "messages",
            "Het document {name} is beveiligd met een wachtwoord en kan niet worden geopend.",
        ),
        EMPTY: QT_TRANSLATE_NOOP(
            "messages", "Het document {name} is leeg: er staan geen pagina's in."
        ),
        MISSING: QT_TRANSLATE_NOOP(
            "messages", "Het bestand {name} is er niet (meer), of je mag het niet lezen."
        ),
    }
    template = templates.get(
        failure.kind,
        QT_TRANSLATE_NOOP(
            "messages", "Het document {name} is beschadigd en kan niet worden geopend."
        ),
    )
    return Text(template, name=name)


def page_reason(failure: Failure) -> Text:
    """Why one page shows a placeholder instead of its content."""
    if failure.kind == TIMEOUT:
        return Text(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het tekenen duurde langer dan {seconds} seconden. Bij Instellingen, tabblad "
                "Documenten, kun je het programma meer tijd geven.",
            ),
            seconds=failure.detail.split()[0] if failure.detail else "?",
        )
    if failure.kind == CRASHED:
        return Text(
            QT_TRANSLATE_NOOP(
                "messages",
                "Het tekenen van deze pagina liep vast. De rest van het document werkt gewoon.",
            )
        )
    if failure.kind == NO_MEMORY:
        return Text(
            QT_TRANSLATE_NOOP("messages", "Er is te weinig geheugen om deze pagina te tekenen.")
        )
    if failure.kind == DAMAGED:
        return Text(QT_TRANSLATE_NOOP("messages", "Het document is beschadigd."))
    return Text(QT_TRANSLATE_NOOP("messages", "Deze pagina is beschadigd."))
