"""The very first start's head start: extraction workers before Qt is even loaded.

On a first start (no kit store yet) the bundled kit is imported, and its
text extraction needs worker processes that take a few tenths of a second
each to start Python and load PyMuPDF. Started by the command line as soon
as it knows the data folder (``companion.cli.main``), before Qt is loaded
and the window is built, they load on the core the start itself leaves
idle (it runs on one thread: started after Qt, some 0.3 s later, the second
core sat idle until then), and the import finds them ready
(``extract_pool.prestart`` does not start more than it has). Nothing else
happens early: the import itself still verifies everything before a worker
sees a file.
"""

from __future__ import annotations

from pathlib import Path


def start_extraction_early(kit_store: Path) -> bool:
    """Start the import's extraction workers now when ``kit_store`` does not exist yet.

    Returns whether it did. Workers that end up unused (the store could not
    be made) end themselves after ``extract_pool.IDLE_SECONDS``.
    """
    if kit_store.exists():
        return False
    from companion.kit.index_text import page_index
    from companion.pdf.extract_pool import default_workers, prestart

    prestart(default_workers(), page_index)
    return True
