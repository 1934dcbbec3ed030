"""A first import checkpoints beside the window: the kit safe before that, the log small after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from companion.kit.importer import apply_source, checkpoint_soon, wait_for_checkpoints
from companion.kit.library import KitLibrary
from companion.kit.search import KitSearch
from companion.kit.source import FolderSource
from companion.store.kit_store import WAL_LIMIT, KitStore

ROOT = Path(__file__).resolve().parents[2]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _run_program(tmp_path: Path, text: str, *args: Path) -> subprocess.CompletedProcess:
    """Run ``text`` as a program of its own (a real process that can die or ``os._exit``)."""
    script = tmp_path / "program.py"
    script.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), *map(str, args)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_first_import_is_readable_at_once_and_its_log_is_cut_back_after(
    tmp_path, kit_builder, test_public_keys
):
    path = tmp_path / "kit.sqlite"
    window = KitStore(path)  # the window keeps its own connection open, as the program does
    store = KitStore(path)
    try:
        apply_source(
            store,
            FolderSource(kit_builder.build(1)),
            trusted_keys=test_public_keys,
            checkpoint_later=True,
        )
        # The import's own connection checkpoints at COMMIT again, as before the import.
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
        assert [d.id for d in KitLibrary(window).documents()] == list(kit_builder.documents)
        assert wait_for_checkpoints(timeout=30)
        assert not _wal(path).exists() or _wal(path).stat().st_size <= WAL_LIMIT
        assert [d.id for d in KitLibrary(window).documents()] == list(kit_builder.documents)
    finally:
        store.close()
        window.close()


# A first import killed (SIGKILL, no clean-up) the moment its checkpoint starts: after
# the COMMIT, before any of the log was copied into the main file.
KILLED_AFTER_COMMIT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    import companion.kit.importer as importer
    from companion.kit.source import FolderSource
    from companion.store.kit_store import KitStore
    from tests.support import keys

    path, kit = Path(sys.argv[1]), Path(sys.argv[2])
    importer._checkpoint = lambda _path: os.kill(os.getpid(), signal.SIGKILL)
    window = KitStore(path)
    store = KitStore(path)
    importer.apply_source(
        store, FolderSource(kit), trusted_keys=keys.root_public_keys(), checkpoint_later=True
    )
    importer.wait_for_checkpoints()
    print("not killed", flush=True)
    """
)


def test_a_first_import_killed_before_its_checkpoint_keeps_the_whole_kit(tmp_path, kit_builder):
    kit = kit_builder.build(1)
    path = tmp_path / "data" / "kit.sqlite"
    path.parent.mkdir()
    program = _run_program(tmp_path, KILLED_AFTER_COMMIT, path, kit)
    assert program.returncode == -signal.SIGKILL, program.stderr
    assert _wal(path).stat().st_size > 0  # the kit is in the log only

    store = KitStore(path)
    try:
        assert store.quick_check() == []
        assert store.installed().version == 1
        assert [d.id for d in KitLibrary(store).documents()] == list(kit_builder.documents)
        assert KitSearch(store).search("vindplaats")
    finally:
        store.close()


def test_a_checkpoint_of_a_store_that_is_gone_makes_no_new_one(tmp_path):
    path = tmp_path / "weg" / "kit.sqlite"  # moved aside or removed before its checkpoint ran
    checkpoint_soon(path)
    assert wait_for_checkpoints(timeout=30)
    assert not (tmp_path / "weg").exists()


# The program's end after a first run: the window closes its stores and, with background
# work still busy, ends the process with os._exit (ui/app.py), while a background thread's
# connection is still open (so closing the window's does not checkpoint). The checkpoint is
# slowed down so it is surely still copying when the program ends.
ENDED_AT_ONCE = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    import companion.kit.importer as importer
    from companion.context import AppContext
    from companion.paths import AppPaths
    from companion.store.kit_store import KitStore
    from tests.support import keys

    data, bundled = Path(sys.argv[1]), Path(sys.argv[2])
    copy = importer._checkpoint
    importer._checkpoint = lambda path: (time.sleep(0.5), copy(path))
    paths = AppPaths(data_dir=data, cache_dir=data / "cache", log_dir=data / "log")
    paths.ensure()
    context = AppContext.open(paths, bundled_dir=bundled, trusted_keys=keys.root_public_keys())
    context.install_bundled_kit()
    searching = KitStore(paths.kit_store)  # a thread's connection still open at the end
    context.close()
    os._exit(0)
    """
)


def test_the_program_ending_at_once_after_a_first_run_leaves_no_second_copy_in_the_log(
    tmp_path, kit_builder
):
    bundled = kit_builder.build(1)
    data = tmp_path / "data"
    program = _run_program(tmp_path, ENDED_AT_ONCE, data, bundled)
    assert program.returncode == 0, program.stderr
    path = data / "kit.sqlite"
    # The copy into the main file was done and the log cut back before the process ended.
    assert not _wal(path).exists() or _wal(path).stat().st_size == 0
    store = KitStore(path)
    try:
        assert [d.id for d in KitLibrary(store).documents()] == list(kit_builder.documents)
    finally:
        store.close()
