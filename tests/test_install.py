"""`pip install .` gives a working `strategiekit` command that carries its own kit.

Builds the real wheel, installs it into a folder outside the repository and
starts the installed entry point there (--selftest: start, put the kit in
place, quit), so a missing kit file or resource shows up here and not on a
library's workstation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (found,) = out.glob("strategiekit_companion-*.whl")
    return found


def test_wheel_holds_every_package_the_kit_and_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {
        str(init.parent.relative_to(ROOT))
        for init in (ROOT / "companion").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    for package in packages:
        assert f"{package}/__init__.py" in names, f"{package} is missing from the wheel"
    manifest = json.loads((ROOT / "bundled_kit/portal/manifest.json").read_text("utf-8"))
    for doc in manifest["documents"]:
        assert f"companion/_bundled_kit/files/{doc['file']['sha256']}" in names, doc["id"]
    assert "companion/_bundled_kit/manifest.json.sig" in names
    for resource in (ROOT / "resources").rglob("*"):
        if resource.is_file():
            relative = resource.relative_to(ROOT / "resources").as_posix()
            assert f"companion/_resources/{relative}" in names, relative
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
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
