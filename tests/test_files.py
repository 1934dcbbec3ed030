"""One way to write a file: the old file or the new one, never half, never a stray temp file."""

from __future__ import annotations

import os
import sys

import pytest

from companion.files import atomic_writer, write_atomic


def test_write_atomic_replaces_the_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "Bieb #2 één" / "plan.csv"
    target.parent.mkdir()
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.csv"]


def test_an_error_halfway_keeps_the_old_file_and_removes_the_temp(tmp_path):
    target = tmp_path / "uit.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half")
        raise RuntimeError("disk pulled")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.pdf"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_refuses_and_leaves_no_temp(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "uit.pdf").write_bytes(b"old")
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError):
            write_atomic(folder / "uit.pdf", b"new")
        assert [p.name for p in folder.iterdir()] == ["uit.pdf"]
        assert (folder / "uit.pdf").read_bytes() == b"old"
    finally:
        folder.chmod(0o755)


def test_a_target_that_cannot_be_replaced_leaves_no_temp(tmp_path):
    """Works as root too: a folder in the target's place makes the rename fail."""
    target = tmp_path / "uit.pdf"
    target.mkdir()
    (target / "inside").write_bytes(b"keep")
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["uit.pdf"]
    assert (target / "inside").read_bytes() == b"keep"
