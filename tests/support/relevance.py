"""The Dutch relevance set (tests/kit/data/relevance_nl.toml) and how a search scores on it.

hit@3: the share of queries with one of their documents in the first three
results; MRR: the mean of 1/rank of the first such document (0 when it is not
in the list at all). Used by the relevance test and by ``tools/search_relevance.py``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SET_FILE = Path(__file__).resolve().parent.parent / "kit" / "data" / "relevance_nl.toml"


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    top3: frozenset[str]


@dataclass
class Score:
    queries: int = 0
    hits: int = 0
    reciprocal: float = 0.0
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def hit_at_3(self) -> float:
        return self.hits / self.queries if self.queries else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal / self.queries if self.queries else 0.0


def load_set(path: Path = SET_FILE) -> list[Query]:
    data = tomllib.loads(path.read_text("utf-8"))
    return [Query(q["text"], q["kind"], frozenset(q["top3"])) for q in data["query"]]


def evaluate(search: Callable[[str], Sequence[str]], queries: list[Query]) -> Score:
    """``search(text)`` returns document ids, best first."""
    score = Score()
    for query in queries:
        ranked = list(search(query.text))
        score.queries += 1
        rank = next((n for n, doc in enumerate(ranked, start=1) if doc in query.top3), None)
        if rank is not None:
            score.reciprocal += 1 / rank
        if rank is not None and rank <= 3:
            score.hits += 1
        else:
            score.misses.append((query.text, ranked[:3]))
    return score
