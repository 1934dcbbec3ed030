"""`pip install .` gives a working `strategiekit` command that carries its own kit.

Builds the real wheel from a clean copy of the project (as a fresh clone
would), checks it holds exactly the program, its kit and its resources,
installs it into a folder outside the repository and starts the installed
entry point there (--selftest: start, put the kit in place, quit), so a
missing kit file or resource shows up here and not on a library's
workstation, and a stray file or a key never reaches one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a checkout holds besides the project: tools' output and caches. A stale build/ in
# the checkout once put old files in the wheel, so the wheel is built from a clean copy.
NOT_COPIED = {".git", ".venv", "build", "dist", ".pytest_cache", ".ruff_cache", "tmp"}
NOT_COPIED_PATHS = {"benchmarks/out"}
DIST_INFO = {"METADATA", "WHEEL", "RECORD", "entry_points.txt", "top_level.txt", "licenses/LICENSE"}


def outputs(folder: str, names: list[str]) -> set[str]:
    at_root = Path(folder) == ROOT
    relative = Path(folder).relative_to(ROOT)
    return {
        name
        for name in names
        if (at_root and name in NOT_COPIED)
        or name.endswith(".egg-info")
        or (relative / name).as_posix() in NOT_COPIED_PATHS
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "strategiekit-companion"
    shutil.copytree(ROOT, source, ignore=outputs, symlinks=True)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (found,) = out.glob("strategiekit_companion-*.whl")
    return found


def test_wheel_holds_the_program_its_kit_and_resources_and_nothing_else(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "companion").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    manifest = json.loads((ROOT / "bundled_kit/portal/manifest.json").read_text("utf-8"))
    signed = ("manifest.json", "manifest.json.sig", "keys.json", "keys.json.sig")
    kit = {f"companion/_bundled_kit/{name}" for name in signed} | {
        f"companion/_bundled_kit/files/{doc['file']['sha256']}" for doc in manifest["documents"]
    }
    resources = {
        f"companion/_resources/{path.relative_to(ROOT / 'resources').as_posix()}"
        for path in (ROOT / "resources").rglob("*")
        if path.is_file()
    }
    dist_info = {name for name in names if name.split("/")[0].endswith(".dist-info")}
    assert {name.split("/", 1)[1] for name in dist_info} == DIST_INFO
    assert not modules - names, "modules missing from the wheel"
    assert not kit - names, "bundled kit files missing from the wheel"
    assert not resources - names, "resources missing from the wheel"
    unexpected = names - dist_info - modules - kit - resources
    assert not unexpected, f"the wheel holds what it should not: {sorted(unexpected)}"
    # Said separately, for whoever changes setup.py: never tests, keys or compiled files.
    assert not [n for n in names if n.startswith("tests/") or n.endswith((".pyc", ".key"))]
    entry_points = next(n for n in dist_info if n.endswith("entry_points.txt"))
    assert "strategiekit = companion.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_command_starts_and_puts_its_own_kit_in_place(wheel, tmp_path):
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    where = subprocess.run(
        [sys.executable, "-c", "import companion.paths as p; print(p.bundled_kit_dir())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(target), "the installed copy must use its own kit"

    result = subprocess.run(
        [str(target / "bin" / "strategiekit"), "--data-dir", str(tmp_path / "data"), "--selftest"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((ROOT / "bundled_kit/portal/manifest.json").read_text("utf-8"))
    assert f"versie {manifest['version']}, {len(manifest['documents'])} documenten" in result.stdout
    assert (tmp_path / "data" / "kit.sqlite").exists()
    log = (tmp_path / "data" / "logs" / "strategiekit.log").read_text("utf-8")
    assert "companion.ui.app: start, data in" in log and "companion.ui.app: stop" in log
