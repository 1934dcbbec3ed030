"""What a kit store's search holds, as digests: to prove a faster import made the same index.

    python -m benchmarks.index_digest KIT_STORE [KIT_STORE ...]

For each store, one digest per part, over its rows in a fixed order:
every FTS5 entry (``fts5vocab`` in ``instance`` mode: term, row, column,
position), every page (sha256, number, size, turn, unpacked text), every
search term (term, stem, reversed), the documents and their search numbers.
Prints one JSON line per store and whether they all agree. How the index is
laid out inside (segments, pages) is not compared: only what it holds.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import zlib

PARTS = {
    "fts_entries": "SELECT term, doc, col, offset FROM temp.vocab ORDER BY term, doc, col, offset",
    "pages": "SELECT sha256, page, width, height, rotation, text FROM pages ORDER BY sha256, page",
    "search_terms": "SELECT term, stem, reversed FROM search_terms ORDER BY term",
    "documents": "SELECT id, num, sha256, title, summary FROM documents ORDER BY id",
}


def digests(path: str) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_index, instance)"
        )
        out: dict[str, object] = {}
        for part, sql in PARTS.items():
            digest = hashlib.sha256()
            count = 0
            for row in conn.execute(sql):
                if part == "pages":
                    row = (*row[:5], zlib.decompress(row[5]).decode("utf-8"))
                digest.update(repr(row).encode("utf-8"))
                count += 1
            out[part] = f"{count} rows {digest.hexdigest()[:16]}"
        return out
    finally:
        conn.close()


def main() -> int:
    results = [digests(path) for path in sys.argv[1:]]
    for path, result in zip(sys.argv[1:], results, strict=True):
        print(json.dumps({"store": path, **result}))
    same = all(result == results[0] for result in results)
    print(json.dumps({"same": same}))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
