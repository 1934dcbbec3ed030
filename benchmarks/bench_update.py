"""One changed document applied to a large installed kit (``update_one_doc``).

The kit (20,000 pages) is installed once; the next version changes one
document of typical length. Each run applies that version to a fresh copy
of the installed store (the copy is not timed) through ``apply_source``,
the call every update path ends in (portal, update file, a newer bundled
kit). Floor: PyMuPDF extracting the text of the changed document alone,
the least any update of that document must do. Interleaved.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pymupdf

from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore

from .generate_kit import publish_one_change
from .kits import Kit, copy_store
from .measure import interleave, p95
from .table import Row


def update_row(kit: Kit, installed_store: Path, work: Path, tiny: bool) -> Row:
    portal = work / "update-portal"
    shutil.copytree(kit.folder, portal)
    changed = publish_one_change(portal, kit.key_file)
    changed_pdf = portal / changed["path"]
    store_path = work / "update" / "kit.sqlite"
    runs = 1 if tiny else 5

    def program() -> float:
        copy_store(installed_store, store_path)
        start = time.perf_counter()
        store = KitStore(store_path)
        try:
            apply_source(store, FolderSource(portal), trusted_keys=kit.keys)
        finally:
            store.close()
        return time.perf_counter() - start

    def floor() -> None:
        with pymupdf.open(changed_pdf) as doc:
            for page in doc:
                page.get_text("text")

    pair = interleave(program, floor, runs)
    return Row(
        "update_one_doc",
        f"one changed document applied ({kit.pages:,}-page kit)",
        pair.program_median,
        pair.floor_median,
        "s",
        target="<1s",
        note=(
            f"apply_source of the next version (document {changed['document']}, "
            f"{changed['pages']} pages, changed) to a copy of the installed store, open to "
            "closed; floor: PyMuPDF text of that one document. "
            f"Median of {runs}, interleaved"
        ),
        extra={
            "p95_s": round(p95(pair.program), 3),
            "changed_pages": changed["pages"],
            "kit_pages": kit.pages,
        },
    )
