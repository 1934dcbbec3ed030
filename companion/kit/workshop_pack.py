"""What goes into a workshop's printpakket: the draaiboek and the werkbladen it uses.

The kit says it: a workshop's ``werkbladen`` in the manifest (front matter
``werkbladen = [...]`` in the sources) lists the werkbladen its participants
use, in the order they are handed out. Only for a kit that does not say (one
published before the field existed) are they found where a facilitator finds
them: in the workshop's own text. A werkblad counts as named when the text
says "werkblad <name>" (its title up to the colon, as in "het werkblad
Klantreis") or quotes its whole title. A handleiding named as "handleiding
<name>" is always offered the same way (some workshops hand one out; its bare
title may be another workshop's name; the kit's list is about werkbladen).
Offered documents get a number of copies from the group size in the text
("Groep: 6 tot 12 mensen": 12), the rest start at 0 so the facilitator can
add any werkblad by hand.

Plain Python over :class:`KitLibrary`: the window, the command line and the
tests make the same list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.dutch.words import fold
from companion.kit.library import DocumentInfo, KitLibrary

OFFERED_TYPES = ("werkblad", "handleiding")
MAX_GROUP = 60  # a number above this after "Groep" is not a group size
_GROUP = re.compile(r"\bgroep\b\W{0,3}(?:van\s+)?(\d{1,3})(?:\s*(?:tot|-|–)\s*(\d{1,3}))?")


@dataclass(frozen=True)
class PackItem:
    """One document offered for the pakket and the copies suggested for it."""

    document: DocumentInfo
    copies: int
    named: bool  # offered with copies: the kit lists it for the workshop, or its text names it
    listed: bool = False  # the kit's own list for the workshop holds it


@dataclass(frozen=True)
class WorkshopPack:
    workshop: DocumentInfo
    group_size: int  # 0 when the text gives none
    items: tuple[PackItem, ...]


def short_name(title: str) -> str:
    """A title up to its colon, folded: "Klantreis: kijk door ..." -> "klantreis"."""
    return fold(title.split(":", 1)[0]).strip()


def group_size(text: str) -> int:
    """The largest group the text names ("Groep | 6 tot 12 mensen" -> 12), else 0."""
    for match in _GROUP.finditer(fold(text)):
        numbers = [int(n) for n in match.groups() if n]
        size = max(numbers)
        if 1 < size <= MAX_GROUP:
            return size
    return 0


def names(text: str, document: DocumentInfo) -> bool:
    """Does the (folded, one-line) ``text`` name ``document``?"""
    short = short_name(document.title)
    whole = fold(document.title).strip()
    if short and f"{document.type} {short}" in text:
        return True
    # A werkblad's whole title is name enough; a handleiding often shares its title
    # with a workshop ("Herkennen en doorverwijzen"), so it needs the word "handleiding".
    return document.type == "werkblad" and len(whole.split()) >= 3 and whole in text


def workshop_pack(library: KitLibrary, workshop_id: str) -> WorkshopPack | None:
    """The pakket on offer for a workshop; None for a document that is no workshop."""
    workshop = library.document(workshop_id)
    if workshop is None or workshop.type != "workshop":
        return None
    raw = library.document_text(workshop_id)
    text = " ".join(fold(raw).split())  # lines joined: a name may wrap
    size = group_size(raw)
    listed = library.workshop_werkbladen(workshop_id)
    chosen: list[PackItem] = []
    named: list[PackItem] = []
    others: list[PackItem] = []
    for document in library.documents():
        if document.type not in OFFERED_TYPES or document.id == workshop_id:
            continue
        if listed is not None and document.type == "werkblad":
            if document.id in listed:
                chosen.append(PackItem(document, size or 1, True, listed=True))
            else:
                others.append(PackItem(document, 0, False))
        elif names(text, document):
            named.append(PackItem(document, size or 1, True))
        elif document.type == "werkblad":
            others.append(PackItem(document, 0, False))
    if listed is not None:
        chosen.sort(key=lambda item: listed.index(item.document.id))  # the kit's order
    return WorkshopPack(workshop, size, tuple(chosen + named + others))
