"""The engine's memory rules: no resource-tracker process, and no shared memory left behind.

A program that is killed (SIGKILL: no clean-up of its own) must not leave
its shared-memory blocks in /dev/shm: its workers remove them when their
pipe closes. A program killed together with its workers leaves them; the
next pool that starts removes them. Real processes, real /dev/shm.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from multiprocessing import shared_memory
from pathlib import Path

import pytest

from companion.pdf.engine.pool import EnginePool
from companion.pdf.engine.shared_pixels import leftover_blocks, prefix

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not Path("/dev/shm").is_dir() or not hasattr(signal, "SIGKILL"),
    reason="needs /dev/shm and SIGKILL",
)

# A program with an engine that has drawn a page, then waits to be killed.
PROGRAM = """
import sys
from companion.pdf.engine.pool import EnginePool
from companion.pdf.engine.protocol import Pixels, Render
from tests.support.pdf_files import numbered_pdf

if __name__ == "__main__":
    pool = EnginePool(2)
    pool.start()
    doc = pool.share(numbered_pdf(3), "drie")
    answer = pool.call(Render(doc, page=1, width=300, height=420, clip=(0, 0, 300, 420)))
    assert isinstance(answer, Pixels), answer
    print("drawn", ",".join(map(str, pool.worker_pids())), flush=True)
    sys.stdin.read()
"""


def _until(condition, timeout: float = 20.0) -> bool:
    """Poll ``condition`` until it holds (processes end in their own time)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _descendants(pid: int) -> dict[int, str]:
    """Process id -> command line of every process below ``pid``."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry.name)], commands[int(entry.name)] = parent, command
    found: dict[int, str] = {}
    todo = [pid]
    while todo:
        current = todo.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found[child] = commands[child]
                todo.append(child)
    return found


@pytest.mark.parametrize("start", ["spawn", "forkserver"])
def test_a_killed_program_leaves_no_shared_memory_and_ran_no_resource_tracker(start):
    process = subprocess.Popen(
        [sys.executable, "-c", PROGRAM],
        cwd=ROOT,
        env={**os.environ, "STRATEGIEKIT_ENGINE_START": start},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("drawn"), line
        workers = [int(pid) for pid in line.split()[1].split(",")]
        below = _descendants(process.pid)
        assert set(workers) <= set(below)
        assert not [c for c in below.values() if "resource_tracker" in c]
        assert leftover_blocks(process.pid)  # the document and the pixel blocks
        process.kill()
        process.wait(10)
        # Its workers noticed and removed what it had made, then ended.
        assert _until(lambda: leftover_blocks(process.pid) == [])
        assert _until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        process.stdout.close()
        process.stdin.close()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(30)
    return child.pid


def test_a_starting_pool_removes_blocks_of_programs_that_are_gone():
    dead = _dead_pid()
    orphan = shared_memory.SharedMemory(name=f"{prefix(dead)}7", create=True, size=4096)
    orphan.close()
    mine = shared_memory.SharedMemory(name=f"{prefix()}orphan-test", create=True, size=4096)
    pool = EnginePool(1)
    try:
        assert leftover_blocks(dead) == [f"{prefix(dead)}7"]
        pool.start()
        assert leftover_blocks(dead) == []
        # A block of a program that still runs (this one) is left alone.
        assert f"{prefix()}orphan-test" in leftover_blocks()
    finally:
        pool.close()
        mine.close()
        mine.unlink()
        for name in leftover_blocks(dead):
            os.unlink(f"/dev/shm/{name}")
