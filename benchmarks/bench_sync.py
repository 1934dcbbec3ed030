"""Sync against a real portal on 127.0.0.1: requests, bytes and download time.

The portal is the test suite's static server (tests/portal_server.py: ETag,
conditional GET, Range), serving a copy of a generated kit. Three figures:

* a check when nothing changed: the floor is one conditional request;
* an update that changes one document: the floor is that file plus the
  manifest and its signature, in three requests;
* a full first download: the floor is curl fetching the same files from the
  same server (a plain urllib loop when curl is missing, and the note says so).

No traffic leaves loopback: curl gets ``--noproxy '*'``, urllib no proxies.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path

import pymupdf

from companion.kit.manifest import parse_manifest
from companion.kit.signing import load_private_key
from companion.publish.publisher import write_portal
from companion.sync.service import SyncService, check_cost, update_cost
from tests.support.portal_server import PortalServer

from .generate_kit import make_document, self_rooted
from .table import Row


def portal_paths(portal: Path) -> list[str]:
    """What a first download fetches: manifest, signature, every distinct file."""
    manifest = parse_manifest((portal / "manifest.json").read_bytes())
    files = sorted({ref.sha256 for ref in manifest.unique_files()})
    return ["manifest.json", "manifest.json.sig", *(f"files/{sha}" for sha in files)]


def fetch_with_curl(curl: str, base: str, paths: Iterable[str], dest: Path) -> float:
    """One curl process fetching every path in turn (as a script would)."""
    dest.mkdir(parents=True, exist_ok=True)
    config = dest / "curl.cfg"
    lines = []
    for number, path in enumerate(paths):
        lines.append(f'url = "{base}{path}"\noutput = "{dest / str(number)}"')
    config.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    subprocess.run(
        [curl, "--silent", "--show-error", "--fail", "--noproxy", "*", "--config", str(config)],
        check=True,
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(dest)
    return elapsed


def fetch_with_urllib(base: str, paths: Iterable[str], dest: Path) -> float:
    """The fallback floor: urllib GETs in a loop, each body written to a file."""
    dest.mkdir(parents=True, exist_ok=True)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    start = time.perf_counter()
    for number, path in enumerate(paths):
        with opener.open(base + path, timeout=30) as response:
            (dest / str(number)).write_bytes(response.read())
    elapsed = time.perf_counter() - start
    shutil.rmtree(dest)
    return elapsed


class Install:
    """One first install into a fresh store; times when the last file was in."""

    def __init__(self, work: Path, url: str, keys: tuple[bytes, ...]) -> None:
        self.kit_path = work / "kit.sqlite"
        self.cache_dir = work / "cache"
        self.url = url
        self.keys = keys
        self.download_seconds = 0.0
        self.total_seconds = 0.0
        self.requests = 0
        self.bytes = 0

    def service(self) -> SyncService:
        return SyncService(self.kit_path, self.cache_dir, self.url, trusted_keys=self.keys)

    def run(self) -> Install:
        service = self.service()
        start = time.perf_counter()
        marks: list[float] = []

        def checkpoint(name: str) -> None:
            if name.startswith("downloaded:"):
                marks.append(time.perf_counter())

        outcome = service.install(checkpoint=checkpoint)
        self.total_seconds = time.perf_counter() - start
        self.download_seconds = (marks[-1] if marks else time.perf_counter()) - start
        self.requests = outcome.transfer.requests
        self.bytes = outcome.transfer.bytes_received
        return self


def publish_one_change(portal: Path, key_file: Path) -> tuple[str, int]:
    """Version 2 of the portal's kit with one document changed; returns its path and size."""
    manifest = json.loads((portal / "manifest.json").read_bytes())
    files = {path.name: path.read_bytes() for path in (portal / "files").iterdir()}
    entry = manifest["documents"][0]
    with pymupdf.open(stream=files[entry["file"]["sha256"]], filetype="pdf") as doc:
        pages = doc.page_count
    data = make_document(random.Random(7), pages, entry["title"] + " (herzien)")
    sha = hashlib.sha256(data).hexdigest()
    files[sha] = data
    entry["file"] = {**entry["file"], "sha256": sha, "size": len(data)}
    entry["revision"] = entry.get("revision", 1) + 1
    manifest["version"] += 1
    key = load_private_key(key_file)
    write_portal(manifest, files, portal, key, self_rooted(key))
    return f"files/{sha}", len(data)


def bench_sync(
    kit: Path, key_file: Path, keys: tuple[bytes, ...], work: Path, reps: int
) -> list[Row]:
    portal = work / "portal"
    shutil.copytree(kit, portal)
    paths = portal_paths(portal)
    size = sum((portal / p).stat().st_size for p in paths)
    curl = shutil.which("curl")
    server = PortalServer(portal)
    try:
        base = server.url
        installs: list[Install] = []
        floors: list[float] = []
        for rep in range(reps):  # interleaved: floor, program, floor, program…
            dest = work / f"floor-{rep}"
            if curl:
                floors.append(fetch_with_curl(curl, base, paths, dest))
            else:
                floors.append(fetch_with_urllib(base, paths, dest))
            installs.append(Install(work / f"install-{rep}", base, keys).run())
        last = installs[-1]

        # A new run of the program on that installed store: is there anything new?
        requests, received = check_cost(last.service())
        check = Row(
            "sync_check",
            "sync check, no update",
            requests,
            1,
            "requests",
            target="1 request",
            note="floor: one conditional GET of manifest.json (304); bytes are response bodies",
            extra={"bytes": received},
        )

        changed_path, changed_size = publish_one_change(portal, key_file)
        floor_bytes = changed_size + sum(
            (portal / p).stat().st_size for p in ("manifest.json", "manifest.json.sig")
        )
        server.clear()
        requests, received = update_cost(last.service())
        update = Row(
            "sync_update",
            "sync update, one document changed",
            received,
            floor_bytes,
            "bytes",
            target="only changes",
            note="floor: the changed file + manifest.json + manifest.json.sig, 3 requests",
            extra={
                "requests": requests,
                "floor_requests": 3,
                "paths": server.paths(),
                "changed": changed_path,
            },
        )
    finally:
        server.close()

    download = Row(
        "sync_full_download",
        f"sync first download ({len(paths)} files, {size / 1e6:.1f} MB)",
        statistics.median(i.download_seconds for i in installs),
        statistics.median(floors),
        "s",
        note=(
            (
                "floor: one curl process fetching the same files"
                if curl
                else "floor: curl missing, a plain urllib loop fetching the same files"
            )
            + f"; median of {reps}, interleaved. Program: check + every file downloaded, "
            "hash-checked and cached (the import after it is in extra)"
        ),
        extra={
            "install_total_s": round(statistics.median(i.total_seconds for i in installs), 3),
            "requests": last.requests,
            "bytes": last.bytes,
            "floor_tool": "curl" if curl else "urllib",
        },
    )
    return [check, update, download]
