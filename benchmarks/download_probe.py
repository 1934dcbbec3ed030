"""One first download of a kit from a portal, in a process of its own, as curl is.

    python -m benchmarks.download_probe PORTAL_URL WORK_DIR KEY.pub

The portal server runs in the benchmark's process. Run there, the program's
download would share that process's interpreter lock with the server's
threads, while curl (the floor) runs in a process of its own: the program
would pay for the server's Python work and curl would not. Here both sides
are a separate process talking to the same server.

Times ``SyncService.install`` from its call (the program is already running
when a person starts an update: interpreter start and imports are not
counted) until the last file is downloaded, hash-checked and in the cache,
and the whole install with the import after it. Prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from companion.sync.service import SyncService

from .kits import keys_from


def main() -> int:
    url, work, pub = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    service = SyncService(work / "kit.sqlite", work / "cache", url, trusted_keys=keys_from(pub))
    marks: list[float] = []

    def checkpoint(name: str) -> None:
        if name.startswith("downloaded:"):
            marks.append(time.perf_counter())

    start = time.perf_counter()
    outcome = service.install(checkpoint=checkpoint)
    total = time.perf_counter() - start
    download = (marks[-1] if marks else time.perf_counter()) - start
    print(
        json.dumps(
            {
                "download_s": download,
                "total_s": total,
                "requests": outcome.transfer.requests,
                "files": len(marks),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
