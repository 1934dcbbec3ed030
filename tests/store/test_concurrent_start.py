"""Two programs started at once on one empty data folder both come up.

Real processes, each opening the stores through ``AppContext`` and putting the
kit in place, as a start does: schema set-up and the first import run under
the write lock with the version checked again, and "another program already
installed it" counts as success. Twenty pairs, two pairs at a time.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from subprocess import PIPE

import pytest

from tests.support.project import ROOT, TEST_KEYS

PAIRS = 20
AT_ONCE = 2  # pairs started together (on their own folders)

START = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from companion.context import AppContext
    from companion.kit.signing import parse_public_key
    from companion.paths import app_paths

    data, bundled, root = sys.argv[1:4]
    context = AppContext.open(
        app_paths(Path(data)),
        bundled_dir=Path(bundled),
        trusted_keys=(parse_public_key(Path(root).read_text()),),
    )
    try:
        if context.needs_bundled_kit():
            context.install_bundled_kit()
        print(context.library.installed().version, len(context.library.documents()))
    finally:
        context.close()
    """
)


@pytest.fixture(scope="module")
def small_kit(tmp_path_factory):
    from tests.support import keys as test_keys
    from tests.support.kitbuilder import KitBuilder

    return KitBuilder(tmp_path_factory.mktemp("kit"), test_keys.release_key()).build(1)


def test_two_starts_at_once_on_an_empty_folder(tmp_path, small_kit):
    script = tmp_path / "start.py"
    script.write_text(START, encoding="utf-8")
    root = TEST_KEYS / "test-root-ed25519.key.pub"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    failures = []
    for first in range(0, PAIRS, AT_ONCE):
        running = []
        for pair in range(first, min(first + AT_ONCE, PAIRS)):
            folder = tmp_path / f"leeg-{pair}"
            args = [sys.executable, str(script), str(folder), str(small_kit), str(root)]
            running += [
                (
                    pair,
                    subprocess.Popen(args, env=env, cwd=ROOT, stdout=PIPE, stderr=PIPE, text=True),
                )
                for _ in range(2)
            ]
        for pair, process in running:
            out, err = process.communicate(timeout=120)
            if process.returncode != 0 or out.split() != ["1", "3"]:
                failures.append((pair, process.returncode, out, err[-2000:]))
    assert failures == []
    for pair in range(PAIRS):
        conn = sqlite3.connect(tmp_path / f"leeg-{pair}" / "kit.sqlite")
        try:
            assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()
