"""A presentatie's body as slides, each with the speaker's notes that go with it.

Why here and not in the PDF layout: the notes must never reach the PDF (the
beamer shows the PDF), but they must reach the manifest (the presenter view
shows them). So the body is split once, into what the audience sees and what
only the facilitator reads, and each side takes its own part.

In the sources a slide ends at ``[[dia]]``; a ``[[notities]]`` line starts that
slide's notes, which run to the next ``[[dia]]``. Notes before the first slide
text (a body that opens with ``[[notities]]`` and then ``[[dia]]``) belong to
the title slide the publisher makes from the front matter. Who the
presentation is for and how long it takes is a line for the facilitator too:
it opens the title slide's notes instead of standing on the beamer.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.kit.manifest import MAX_NOTE_LENGTH, MAX_NOTES, DocumentMeta
from companion.publish.sources import parse_directive


@dataclass(frozen=True)
class SlideSource:
    """One slide after the title slide: Markdown for the page, plain text for the notes."""

    text: str
    notes: str


@dataclass(frozen=True)
class SlideParts:
    title_notes: str
    slides: tuple[SlideSource, ...]


def split_slides(body: str) -> SlideParts:
    """The body's slides and notes; ValueError (English) for notes without a slide."""
    chunks: list[tuple[list[str], list[str] | None]] = [([], None)]
    in_fence = False
    for number, line in enumerate(body.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        directive = None if in_fence else parse_directive(line)
        text, notes = chunks[-1]
        if directive is not None and directive.kind == "dia":
            chunks.append(([], None))
        elif directive is not None and directive.kind == "notities":
            if notes is not None:
                raise ValueError(f"line {number}: a second [[notities]] on one slide")
            chunks[-1] = (text, [])
        elif notes is not None:
            notes.append(line)
        else:
            text.append(line)
    title_notes = ""
    slides: list[SlideSource] = []
    for index, (text_lines, note_lines) in enumerate(chunks):
        text = "\n".join(text_lines)
        notes = _clean("\n".join(note_lines or []))
        if not text.strip():
            if notes and index == 0:
                title_notes = notes
            elif notes:
                raise ValueError(f"[[notities]] without slide text (slide {index + 1})")
            continue
        slides.append(SlideSource(text, notes))
    for number, note in enumerate([title_notes, *(s.notes for s in slides)], start=1):
        if len(note) > MAX_NOTE_LENGTH:
            raise ValueError(f"the notes of slide {number} exceed {MAX_NOTE_LENGTH} characters")
    if len(slides) + 1 > MAX_NOTES:
        raise ValueError(f"more than {MAX_NOTES} slides")
    return SlideParts(title_notes, tuple(slides))


def speaker_notes(doc: DocumentMeta, body: str) -> list[str]:
    """One note per page of the slides PDF (title slide first); [] when there are none."""
    parts = split_slides(body)
    facts = []
    if doc.audience:
        facts.append(f"Voor: {doc.audience}")
    if doc.minutes:
        facts.append(f"Tijd: {minutes_text(doc.minutes)}")
    title = "\n\n".join(part for part in (" · ".join(facts), parts.title_notes) if part)
    notes = [title, *(slide.notes for slide in parts.slides)]
    return notes if any(notes) else []


def minutes_text(minutes: int) -> str:
    """'45 minuten', '1 uur', '1½ uur': how a workshop planner says it."""
    if minutes < 60 or minutes % 30:
        return f"{minutes} minuten"
    hours, rest = divmod(minutes, 60)
    return f"{hours} uur" if not rest else f"{hours}½ uur"


def _clean(text: str) -> str:
    """Paragraphs kept, trailing spaces and runs of empty lines dropped."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()
