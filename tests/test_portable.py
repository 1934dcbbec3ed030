"""Portable mode: a file named ``portable`` next to the program keeps every write beside it.

Starts the real program (``main.py --selftest``, which puts the bundled kit in
place) from a program folder in ``tmp_path`` with an empty home folder, and
checks that the kit, the person's data and the log are in ``<folder>/data``
and that nothing was written in the home folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from companion.paths import app_paths, portable_data_dir, site_config_files
from tests.support.project import ROOT


def test_without_the_marker_the_system_folders_are_used(tmp_path):
    assert portable_data_dir(tmp_path) is None
    assert app_paths(program=tmp_path).data_dir != tmp_path / "data"


def test_the_marker_puts_every_folder_inside_the_program_folder(tmp_path):
    (tmp_path / "portable").write_text("", encoding="utf-8")
    paths = app_paths(program=tmp_path)
    data = tmp_path / "data"
    assert (paths.data_dir, paths.log_dir, paths.cache_dir) == (data, data / "logs", data / "cache")
    # A defaults file next to the program counts first (a prepared USB stick).
    assert site_config_files(tmp_path)[-2:][0] == tmp_path / "strategiekit.toml"
    # --data-dir still wins.
    assert app_paths(tmp_path / "elders", program=tmp_path).data_dir == tmp_path / "elders"


def test_a_portable_start_writes_nothing_outside_its_folder(tmp_path):
    program = tmp_path / "stick" / "strategiekit"
    program.mkdir(parents=True)
    shutil.copy2(ROOT / "main.py", program / "main.py")
    (program / "portable").write_text("", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "STRATEGIEKIT_"))
    }
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(program / "main.py"), "--selftest"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")
    data = program / "data"
    assert (data / "kit.sqlite").is_file() and (data / "user.sqlite").is_file()
    assert (data / "logs" / "strategiekit.log").is_file()
    # Nothing in the home folder (a font cache of the system's own would not be ours).
    written = [p for p in home.rglob("*") if p.is_file() and "fontconfig" not in p.parts]
    assert written == []
