"""The first-run floor: PyMuPDF's text of every page of a kit's PDFs, in one process.

    python -m benchmarks.text_floor KIT_DIR

What any import has to do at least (read every PDF, extract every page's
text), done the plainest way: one process, one file after another. Prints
one JSON line when done.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pymupdf


def main() -> int:
    pages = characters = 0
    for path in sorted((Path(sys.argv[1]) / "files").iterdir()):
        with pymupdf.open(path) as doc:
            for page in doc:
                characters += len(page.get_text("text"))
                pages += 1
    print(json.dumps({"pages": pages, "characters": characters}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
