"""Print hit@3 and MRR of kit search over the Dutch relevance set, per kind of query.

    .venv/bin/python tools/search_relevance.py [--misses]

Installs the bundled kit into a temporary store (as the program's first start
does) and runs every query of tests/kit/data/relevance_nl.toml through
``KitSearch``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.kit.importer import apply_source  # noqa: E402
from companion.kit.search import KitSearch  # noqa: E402
from companion.kit.source import FolderSource  # noqa: E402
from companion.kit.trusted_keys import TRUSTED_KEYS  # noqa: E402
from companion.paths import bundled_kit_dir  # noqa: E402
from companion.store.kit_store import KitStore  # noqa: E402
from tests.support.relevance import evaluate, load_set  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list the queries that miss")
    args = parser.parse_args()
    queries = load_set()
    with tempfile.TemporaryDirectory() as folder:
        store = KitStore(Path(folder) / "kit.sqlite")
        apply_source(store, FolderSource(bundled_kit_dir()), trusted_keys=TRUSTED_KEYS)
        search = KitSearch(store)

        def ids(text: str) -> list[str]:
            return [hit.document_id for hit in search.search(text)]

        total = evaluate(ids, queries)
        kinds = [
            (kind, [q for q in queries if q.kind == kind])
            for kind in dict.fromkeys(q.kind for q in queries)
        ]
        for kind, part in [*kinds, ("all", queries)]:
            score = evaluate(ids, part)
            print(
                f"{kind:12} {score.queries:3} queries  "
                f"hit@3 {score.hit_at_3:5.1%}  MRR {score.mrr:.3f}"
            )
        if args.misses:
            for text, top in total.misses:
                print(f"  miss: {text!r} -> {top}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
