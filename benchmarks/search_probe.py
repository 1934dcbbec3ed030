"""One cold search in a fresh process: what the first search after a start costs.

    python -m benchmarks.search_probe program KIT_STORE QUERY
    python -m benchmarks.search_probe floor FLOOR_DB QUERY

``program`` opens the kit store through the program's own classes as the
search screen's thread does when the screen opens (``KitStore``, ``KitSearch``
and its ``prepare()``: the kit's documents, synonyms and word list, the stemmer
and rapidfuzz) and times the first search on that fresh connection, with every result's
snippet (made when first read) as the floor makes them; the open
and the preparing are reported apart (``open_s``, ``prepare_s``);
``floor`` does the same against the benchmark's own plain FTS5 index of the
same page texts (benchmarks/floor_index.py). Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> int:
    mode, path, query = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if mode == "program":
        from companion.kit.search import KitSearch
        from companion.store.kit_store import KitStore

        start = time.perf_counter()
        store = KitStore(path)
        search = KitSearch(store)
        connected = time.perf_counter()
        search.prepare()
        opened = time.perf_counter()
        hits = search.search(query)
        snippets = [hit.snippet for hit in hits]  # made when read; the floor makes them too
        done = time.perf_counter()
        assert len(snippets) == len(hits)
        store.close()
    else:
        from benchmarks.floor_index import FloorIndex

        start = time.perf_counter()
        index = FloorIndex(path)
        opened = connected = time.perf_counter()
        hits = index.search(query)
        done = time.perf_counter()
        index.close()
    print(
        json.dumps(
            {
                "open_s": connected - start,
                "prepare_s": opened - connected,
                "first_s": done - opened,
                "hits": len(hits),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
