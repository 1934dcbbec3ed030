"""Crash tests: a real process installing an update is killed with SIGKILL.

The child process stops at a named point of the install (after N downloads,
inside the transaction, just before COMMIT, just after it) and the test kills
it there. After the "restart" the kit store must pass PRAGMA integrity_check
and hold exactly the old or exactly the new version, never a mix; the user
store is untouched; and the update can simply be run again.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from companion.store.kit_store import KitStore
from companion.sync.cache import SyncCache
from companion.sync.service import SyncService
from tests.support.project import ROOT, TEST_KEYS
from tests.sync.test_sync import HENK_V2, Setup, digest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path

    from companion.kit.signing import parse_public_key
    from companion.sync.service import SyncService

    kit_path, cache_dir, url, key, stop_at, marker = sys.argv[1:7]
    marker = Path(marker)

    def stop(name):
        marker.write_text(name)
        time.sleep(60)  # the test kills us here

    def checkpoint(name):
        if name == stop_at:
            stop(name)

    if stop_at == "before-commit":
        import companion.kit.importer as importer

        original = importer.replace_content

        def replace_then_stop(*args, **kwargs):
            changes = original(*args, **kwargs)
            stop("before-commit")  # every row written, COMMIT not yet
            return changes

        importer.replace_content = replace_then_stop

    service = SyncService(
        Path(kit_path), Path(cache_dir), url, trusted_keys=(parse_public_key(key),)
    )
    service.install(checkpoint=checkpoint)
    marker.write_text("finished")
    """
)

POINTS = {
    "downloaded:1": 1,
    "downloaded:2": 1,
    "applying:1": 1,
    "applying:2": 1,
    "before-commit": 1,
    "applied": 2,
}


def manifest_documents(folder: Path) -> set[tuple[str, str]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {(d["id"], d["file"]["sha256"]) for d in manifest["documents"]}


def store_documents(store: KitStore) -> set[tuple[str, str]]:
    return set(store.conn.execute("SELECT id, sha256 FROM documents"))


@pytest.fixture
def setup(tmp_path, kit_builder, test_public_keys):
    made = Setup(tmp_path, kit_builder, test_public_keys)
    yield made
    made.server.close()


@pytest.mark.parametrize("point", list(POINTS))
def test_killed_update_leaves_old_or_new_kit(setup, point, tmp_path):
    v1 = manifest_documents(setup.portal)
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.builder.documents["tip-accountant"] = ["Tip: vind ZZP'ers via hun accountant."]
    setup.publish(2)
    v2 = manifest_documents(setup.portal)
    kit_before, user_before = setup.digests()

    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    marker = tmp_path / "marker"
    key = (TEST_KEYS / "test-root-ed25519.key.pub").read_text().strip()
    child = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(setup.kit_path),
            str(setup.cache_dir),
            setup.server.url,
            key,
            point,
            str(marker),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        # The marker is written, not renamed into place: wait for its words too.
        while (
            not (marker.exists() and marker.read_text())
            and child.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        assert marker.read_text() == point, "the child never reached the kill point"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    # "Restart": the stores open, are sound, and hold one whole version.
    conn = sqlite3.connect(setup.kit_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    store = KitStore(setup.kit_path)
    version = store.installed().version
    documents = store_documents(store)
    missing_blobs = store.conn.execute(
        "SELECT count(*) FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM blobs)"
    ).fetchone()[0]
    store.close()
    assert version == POINTS[point]
    assert documents == (v1 if version == 1 else v2)
    assert missing_blobs == 0
    if version == 1:
        assert digest(setup.kit_path) == kit_before  # not one row of the new version
    assert digest(setup.user_path) == user_before

    # Running the update again finishes it; files already downloaded are not fetched again.
    # Downloads run over several connections, so when the child stops after its Nth file
    # the others may have finished too: at least N of the new files are in the cache.
    new_files = {sha for _id, sha in v2 - v1}
    cached = new_files & SyncCache(setup.cache_dir).cached()
    setup.server.clear()
    outcome = SyncService(
        setup.kit_path, setup.cache_dir, setup.server.url, trusted_keys=setup.keys
    ).install()
    store = KitStore(setup.kit_path)
    assert store.installed().version == 2 and store_documents(store) == v2
    store.close()
    fetched = [p for p in setup.server.paths() if p.startswith("files/")]
    if point == "applied":
        assert not outcome.changed and fetched == []
    else:
        assert outcome.changed
        at_least = int(point.split(":")[1]) if point.startswith("downloaded") else 2
        assert len(cached) >= at_least
        assert len(fetched) == len(new_files - cached)
