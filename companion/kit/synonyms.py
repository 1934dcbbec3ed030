"""The kit's own synonyms: words and phrases that mean the same in this kit.

The kit sources carry them (``synonyms.toml``), the signed manifest publishes
them and the store keeps them (``kit_info.synonyms``). Someone who types
"warme overdracht" finds the pages about "warm doorverwijzen", and
"laaggeletterden" also finds "lage basisvaardigheden".

A group entry matches a run of typed words when their stems are the same,
stop words not counted: "moeite met lezen" matches "moeite lezen" and
"moeite met het lezen"; "laaggeletterden" matches "laaggeletterd".
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from companion.dutch.stems import stems
from companion.dutch.stop_words import is_stop_word
from companion.dutch.words import words


@dataclass(frozen=True)
class Synonym:
    """One entry of a group: its words in search form, and the stems that must match."""

    words: tuple[str, ...]
    key: tuple[str, ...]


def _entry(text: str) -> Synonym | None:
    found = tuple(words(text))
    content = [w for w in found if not is_stop_word(w)] or list(found)
    if not content:
        return None
    return Synonym(found, tuple(stems(content)))


@dataclass(frozen=True)
class SynonymMatch:
    """Typed words ``start`` up to ``end`` (exclusive) mean what ``others`` say."""

    start: int
    end: int
    others: tuple[Synonym, ...]


class Synonyms:
    def __init__(self, groups: list[list[str]] | tuple[tuple[str, ...], ...] = ()) -> None:
        self.groups: list[tuple[Synonym, ...]] = []
        for group in groups:
            entries = tuple(e for e in (_entry(t) for t in group) if e is not None)
            if len(entries) > 1:
                self.groups.append(entries)

    @classmethod
    def from_json(cls, text: str | None) -> Synonyms:
        """The groups as the store keeps them; nothing for an older kit or a bad value."""
        try:
            data = json.loads(text) if text else []
        except ValueError:
            return cls()
        if not isinstance(data, list):
            return cls()
        return cls([g for g in data if isinstance(g, list) and all(isinstance(t, str) for t in g)])

    def matches(self, typed: list[str]) -> list[SynonymMatch]:
        """Where entries of a group stand in ``typed`` (words in search form, no stop words)."""
        if not self.groups or not typed:
            return []
        typed_stems = stems(typed)
        found = []
        for group in self.groups:
            for entry in group:
                size = len(entry.key)
                for start in range(len(typed) - size + 1):
                    if tuple(typed_stems[start : start + size]) == entry.key:
                        others = tuple(e for e in group if e is not entry)
                        found.append(SynonymMatch(start, start + size, others))
        return found
