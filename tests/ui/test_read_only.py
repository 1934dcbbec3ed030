"""A data folder that cannot be written (a write-protected stick, a read-only share).

The program starts read-only: a banner says so, reading and searching work,
saving is refused in plain Dutch, and nothing in the folder changes. Root may
write anywhere, so as root the folder is made read-only for real with a
read-only bind mount in a private mount namespace (``unshare``); otherwise the
folder's permissions are taken away.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.support.project import ROOT, TEST_KEYS

WINDOW = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QCheckBox

    from companion.context import AppContext
    from companion.errors import StoreError
    from companion.kit.signing import parse_public_key
    from companion.logs import setup_logging
    from companion.paths import app_paths
    from companion.plan.actionplan import ActionPlanService
    from companion.ui.main_window import MainWindow

    data, bundled, root = sys.argv[1:4]
    app = QApplication([])
    paths = app_paths(Path(data))
    log = setup_logging(paths.log_dir)  # must not fail on a read-only folder
    context = AppContext.open(
        paths, bundled_dir=Path(bundled), trusted_keys=(parse_public_key(Path(root).read_text()),)
    )
    window = MainWindow(context)
    window.show()
    window.start()
    result = {"read_only": context.read_only, "log": str(log)}
    result["banner"] = window.banner.text.text() if window.banner.isVisible() else ""
    result["documents"] = len(context.library.documents())
    result["opened"] = window.open_document("persona-henk")
    result["found"] = len(context.search.search("Henk"))
    try:
        ActionPlanService(context.user).create_plan("Nieuw plan")
        result["saved"] = "yes"
    except StoreError as exc:
        result["saved"] = exc.message
    window.show_screen("waar-begin-je")
    ticks = window.checklist_screen.findChildren(QCheckBox)
    result["ticks_enabled"] = any(box.isEnabled() for box in ticks)
    result["ticks"] = len(ticks)
    window.close()
    context.close()
    print(json.dumps(result))
    """
)


def folder_digest(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def read_only_command(folder, command: list[str]) -> list[str] | None:
    """``command`` run with ``folder`` read-only, or None when this system cannot."""
    if os.geteuid() != 0:
        return command  # permissions are taken away by the caller
    if not shutil.which("unshare"):
        return None
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"mount --bind '{folder}' '{folder}'"],
        capture_output=True,
    )
    if probe.returncode != 0:
        return None
    quoted = " ".join(f"'{part}'" for part in command)
    return [
        "unshare",
        "-m",
        "sh",
        "-c",
        f"mount --bind '{folder}' '{folder}' && mount -o remount,ro,bind '{folder}' '{folder}' "
        f"&& exec {quoted}",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and mounts")
def test_a_read_only_data_folder_opens_read_only(tmp_path, start_window, qtbot, kit_builder):
    bundled = kit_builder.build(1, name="bundled")
    first = start_window(bundled, wait=True)
    qtbot.waitUntil(lambda: not first.data_folder.checking, timeout=10000)
    first.close()
    first.context.close()
    data = tmp_path / "data"
    before = folder_digest(data)

    script = tmp_path / "window.py"
    script.write_text(WINDOW, encoding="utf-8")
    root = TEST_KEYS / "test-root-ed25519.key.pub"
    command = read_only_command(
        data, [sys.executable, str(script), str(data), str(bundled), str(root)]
    )
    if command is None:
        pytest.skip("cannot make a folder read-only for root here (no mount namespace)")
    modes = {path: path.stat().st_mode for path in [data, *data.rglob("*")]}
    if os.geteuid() != 0:
        for path in modes:
            path.chmod(path.stat().st_mode & ~0o222)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["read_only"] is True
    assert seen["banner"].startswith("Alleen lezen: de gegevensmap")
    assert seen["log"] == "None"  # no log file, and no crash setting it up
    assert seen["documents"] == 3 and seen["opened"] is True and seen["found"] >= 1
    assert "alleen-lezen" in seen["saved"]
    assert seen["ticks"] > 0 and seen["ticks_enabled"] is False
    assert folder_digest(data) == before  # nothing in the folder changed
