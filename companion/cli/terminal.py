"""What the command line shares: progress on one self-rewriting line, and the stores.

Kept apart from the commands so each command module gets these by import
from below, never from ``companion.cli`` itself (no import cycles).
"""

from __future__ import annotations

import argparse
import sys

from companion.paths import app_paths
from companion.progress import Progress


def terminal_progress(progress: Progress) -> None:
    """One line that rewrites itself: files and bytes, for long jobs."""
    if progress.total_bytes:
        percent = 100 * progress.done_bytes // progress.total_bytes
        line = (
            f"{progress.stage} {progress.done_files}/{progress.total_files} bestanden, {percent}%"
        )
    else:
        line = progress.stage
    end = "\n" if progress.stage == "Klaar." else ""
    print(f"\r{line[:100]:<100}", end=end, file=sys.stderr, flush=True)


def open_context(args: argparse.Namespace):
    """The program's stores, with the bundled kit in place (as at a normal start)."""
    from companion.context import AppContext

    context = AppContext.open(app_paths(args.data_dir))
    for notice in context.notices:
        print(notice, file=sys.stderr)
    if context.needs_bundled_kit():
        context.install_bundled_kit(progress=terminal_progress)
    return context
