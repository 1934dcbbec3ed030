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

from companion.pdf.engine.memory import HeapTrimmer, release_tail
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


# -- memory given back while pages are drawn ------------------------------------------------


def _shared_resident_mb(pid: int) -> float:
    """Resident shared memory of process ``pid`` (its pixel block, documents)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("RssShmem:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_the_unused_tail_of_a_shared_block_goes_back_and_the_rest_stays():
    block = shared_memory.SharedMemory(create=True, size=10 * 2**20)
    try:
        block.buf[:] = b"\x07" * len(block.buf)
        head = 2 * 2**20 + 10  # bytes still in use: their page stays whole
        assert release_tail(block.buf, head) == 10 * 2**20 - (2 * 2**20 + 4096)
        assert bytes(block.buf[: head + 1]) == b"\x07" * (head + 1)
        assert block.buf[3 * 2**20] == 0 and block.buf[len(block.buf) - 1] == 0
        # A tail the size of a band (under 4 MB) stays: the next band would need it again.
        block.buf[:] = b"\x07" * len(block.buf)
        assert release_tail(block.buf, 6 * 2**20 + 2**19) == 0
        assert block.buf[len(block.buf) - 1] == 7
    finally:
        block.close()
        block.unlink()


def test_a_worker_keeps_resident_only_the_part_of_its_block_the_last_page_needed():
    """A whole-page preview (8 MB at 200 %) grows a worker's block; the bands after it
    draw into a part of it, and the rest is not held for the rest of the session."""
    from companion.pdf.engine.protocol import Pixels, Render
    from tests.support.pdf_files import numbered_pdf

    pool = EnginePool(1)
    pool.start()
    try:
        doc = pool.share(numbered_pdf(2), "twee")
        width, height = 1190, 1684  # a whole A4 page of 8 MB
        big = pool.call(Render(doc, page=0, width=width, height=height, clip=(0, 0, width, height)))
        assert isinstance(big, Pixels), big
        [worker] = pool.worker_pids()
        after_big = _shared_resident_mb(worker)
        assert after_big >= 7.5
        band = (0, 0, width, 384)  # the top band, with "Pagina 1" on it
        small = pool.call(Render(doc, page=0, width=width, height=height, clip=band))
        assert isinstance(small, Pixels), small
        assert pool.worker_pids() == [worker]
        assert _shared_resident_mb(worker) <= after_big - 5
        # The band is drawn all the same: dark text on white paper.
        pixels = bytes(small.buffer)
        assert pixels.count(b"\xff\xff\xff\xff") > width * 100
        assert any(pixels[i] < 80 for i in range(0, len(pixels), 4))
    finally:
        pool.close()


def test_the_window_gives_back_free_heap_pages_when_the_work_is_done_at_most_once_a_second():
    trimmer = HeapTrimmer(every=60.0)
    trimmer()
    assert trimmer.trims == 1
    assert trimmer() is False and trimmer.trims == 1  # not again within the minute
    pool = EnginePool(1)
    pool.start()
    try:
        from companion.pdf.engine.protocol import Render
        from tests.support.pdf_files import numbered_pdf

        doc = pool.share(numbered_pdf(1), "een")
        pool.call(Render(doc, page=0, width=300, height=420, clip=(0, 0, 300, 420)))
        assert _until(lambda: pool.trim_heap.trims >= 1, 5)
    finally:
        pool.close()


def test_free_heap_pages_go_back_only_once_the_engine_has_been_idle_for_a_moment(monkeypatch):
    """A trim holds malloc's locks for about a millisecond: not while pages keep coming
    (the window paints the page just drawn), only once no work came or went for a while."""
    import companion.pdf.engine.pool as pool_module
    from companion.pdf.engine.protocol import Render
    from tests.support.pdf_files import numbered_pdf

    monkeypatch.setattr(pool_module, "IDLE_BEFORE_TRIM", 60.0)
    pool = EnginePool(1)
    pool.start()
    try:
        doc = pool.share(numbered_pdf(3), "drie")
        for page in (0, 1, 2, 0):  # each answered before the next is asked: all done between
            pool.call(Render(doc, page=page, width=300, height=420, clip=(0, 0, 300, 420)))
        assert pool.trim_heap.due() and pool.trim_heap.trims == 0
        monkeypatch.setattr(pool_module, "IDLE_BEFORE_TRIM", 0.2)
        pool.submit(Render(doc, page=1, width=300, height=420, clip=(0, 0, 300, 420)))
        assert _until(lambda: pool.trim_heap.trims == 1, 10)
    finally:
        pool.close()
