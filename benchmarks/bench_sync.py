"""Sync against a real portal on 127.0.0.1: wire bytes, requests and download time.

The portal is the test suite's static server (tests/support/portal_server.py:
ETag, conditional GET, Range) serving a copy of a generated kit; every byte
is counted on its sockets, headers included (benchmarks/wire.py). Rows:

* ``sync_check_cold_bytes``: the first check after a first run (the kit is
  installed, nothing about the portal is cached yet, so no ETag). Floor:
  curl fetching manifest.json once, on the same server.
* ``sync_check_warm_bytes``: the next check, with the ETag remembered;
  nothing changed. Floor: curl's conditional GET with that ETag (a 304).
* ``download``: a full first download of the kit (in a process of its own,
  benchmarks/download_probe.py) against curl fetching the same files from the
  same server (a plain urllib loop when curl is missing, and the note says
  so), interleaved.
* ``sync_update``: one document changed on the portal: the check and the
  install against curl fetching manifest, signature and the changed file.

No traffic leaves loopback: curl gets ``--noproxy '*'``, urllib no proxies.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from companion.kit.manifest import parse_manifest
from companion.kit.source import KEYS_NAME, KEYS_SIGNATURE_NAME
from companion.sync.service import SyncService
from tests.support.portal_server import PortalServer

from .generate_kit import publish_one_change
from .kits import Kit, keys_from
from .measure import Pair, interleave, p95, run_json
from .table import Row
from .wire import Spent, count_wire, measure


def portal_paths(portal: Path) -> list[str]:
    """What a first download fetches: manifest, signature, key list (a first install has
    none kept from before), every distinct file."""
    manifest = parse_manifest((portal / "manifest.json").read_bytes())
    files = sorted({ref.sha256 for ref in manifest.unique_files()})
    keys = [name for name in (KEYS_NAME, KEYS_SIGNATURE_NAME) if (portal / name).exists()]
    return ["manifest.json", "manifest.json.sig", *keys, *(f"files/{sha}" for sha in files)]


def _quoted(text: str) -> str:
    """A value in curl's config syntax (an ETag has quotes in it)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def curl_fetch(
    curl: str, base: str, paths: Iterable[str], dest: Path, headers: Iterable[str] = ()
) -> float:
    """One curl process fetching every path in turn (as a script would); seconds."""
    dest.mkdir(parents=True, exist_ok=True)
    config = dest / "curl.cfg"
    lines = [f"header = {_quoted(header)}" for header in headers]
    for number, path in enumerate(paths):
        lines.append(f'url = "{base}{path}"\noutput = "{dest / str(number)}"')
    config.write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    subprocess.run(
        [curl, "--silent", "--show-error", "--noproxy", "*", "--config", str(config)], check=True
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(dest)
    return elapsed


def urllib_fetch(base: str, paths: Iterable[str], dest: Path, headers: Iterable[str] = ()) -> float:
    """The fallback floor: urllib GETs in a loop, each body written to a file."""
    dest.mkdir(parents=True, exist_ok=True)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    sent = dict(header.split(": ", 1) for header in headers)
    start = time.perf_counter()
    for number, path in enumerate(paths):
        request = urllib.request.Request(base + path, headers=sent)
        try:
            with opener.open(request, timeout=30) as response:
                (dest / str(number)).write_bytes(response.read())
        except urllib.error.HTTPError as exc:  # 304 Not Modified: nothing to write
            if exc.code != 304:
                raise
    elapsed = time.perf_counter() - start
    shutil.rmtree(dest)
    return elapsed


class Install:
    """One first install into a fresh store, in a process of its own (benchmarks/download_probe.py:
    the portal server's threads live in this process and would share its interpreter lock);
    times when the last file was in."""

    def __init__(self, work: Path, url: str, pub: Path) -> None:
        self.work = work
        self.kit_path = work / "kit.sqlite"
        self.cache_dir = work / "cache"
        self.url = url
        self.pub = pub
        self.download_seconds = 0.0
        self.total_seconds = 0.0
        self.requests = 0

    def service(self) -> SyncService:
        return SyncService(
            self.kit_path, self.cache_dir, self.url, trusted_keys=keys_from(self.pub)
        )

    def run(self) -> float:
        self.work.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "STRATEGIEKIT_OFFLINE"}
        result = run_json(
            ["benchmarks.download_probe", self.url, str(self.work), str(self.pub)], env
        )
        self.total_seconds = result["total_s"]
        self.download_seconds = result["download_s"]
        self.requests = result["requests"]
        return self.download_seconds


def _check_rows(
    server: PortalServer, counter, installed_store: Path, kit: Kit, work: Path, curl: str | None
) -> list[Row]:
    """The first check after a first run (no ETag), then the next one (ETag)."""
    # The check only reads the kit store; its cache (ETag, manifest) starts empty.
    cache = work / "check-cache"
    service = SyncService(installed_store, cache, server.url, trusted_keys=kit.keys)
    cold = measure(server, counter, service.check)
    warm = measure(server, counter, service.check)
    etag = server.seen[-1].headers.get("If-None-Match", "") if server.seen else ""

    def curl_get(headers: Iterable[str] = ()) -> Spent:
        def fetch() -> None:
            if curl is None:
                urllib_fetch(server.url, ["manifest.json"], work / "floor-check", headers)
            else:
                curl_fetch(curl, server.url, ["manifest.json"], work / "floor-check", headers)

        return measure(server, counter, fetch)

    floor_cold = curl_get()
    floor_warm = curl_get([f"If-None-Match: {etag}"] if etag else [])
    tool = "curl" if curl else "urllib (curl is missing)"
    manifest_size = (server.root / "manifest.json").stat().st_size
    cold_row = Row(
        "sync_check_cold_bytes",
        "update check after a first run (no ETag yet)",
        cold.total,
        floor_cold.total,
        "bytes",
        target="ratio<=1.1",
        note=(
            "wire bytes both ways incl. headers, counted on the server's sockets; the kit "
            f"just installed, nothing cached about the portal. Floor: {tool} GET of "
            "manifest.json on the same server (what any first check must fetch)"
        ),
        extra={
            "requests": cold.requests,
            "received": cold.received,
            "sent": cold.sent,
            "manifest_bytes": manifest_size,
            "floor_requests": floor_cold.requests,
        },
    )
    warm_row = Row(
        "sync_check_warm_bytes",
        "update check, nothing new (ETag cached)",
        warm.total,
        floor_warm.total,
        "bytes",
        target="<2kB, 1 request",
        note=(
            "the check after that, nothing changed: wire bytes both ways incl. headers. "
            f"Floor: {tool} conditional GET of manifest.json with the same ETag (304)"
        ),
        extra={
            "requests": warm.requests,
            "received": warm.received,
            "sent": warm.sent,
            "floor_requests": floor_warm.requests,
            "statuses": [seen.status for seen in server.seen[-3:]],
        },
    )
    return [cold_row, warm_row]


def bench_sync(kit: Kit, installed_store: Path, work: Path, tiny: bool) -> list[Row]:
    portal = work / "portal"
    shutil.copytree(kit.folder, portal)
    paths = portal_paths(portal)
    size = sum((portal / p).stat().st_size for p in paths)
    curl = shutil.which("curl")
    server = PortalServer(portal)
    counter = count_wire(server)
    reps = 1 if tiny else 3
    try:
        rows = _check_rows(server, counter, installed_store, kit, work, curl)
        base = server.url
        installs: list[Install] = []

        def program() -> float:
            install = Install(work / f"install-{len(installs)}", base, kit.pub)
            installs.append(install)
            return install.run()

        def floor() -> float:
            if curl:
                return curl_fetch(curl, base, paths, work / "floor")
            return urllib_fetch(base, paths, work / "floor")

        pair = interleave(program, floor, reps, Pair())
        rows.append(_download_row(pair, installs, paths, size, curl))
        rows.append(_update_row(server, counter, installs[-1], portal, kit, work, curl))
    finally:
        server.close()
    return rows


def _download_row(
    pair: Pair, installs: list[Install], paths: list[str], size: int, curl: str | None
) -> Row:
    return Row(
        "download",
        f"first download of the kit ({len(paths)} files, {size / 1e6:.1f} MB)",
        pair.program_median,
        pair.floor_median,
        "s",
        target="ratio<=1.3",
        note=(
            (
                "floor: one curl process fetching the same files (manifest, signature, key "
                "list, every content file: the same bytes) from the same server"
                if curl
                else "floor: curl is missing, so a plain urllib loop fetching the same files"
            )
            + f"; median of {len(pair.program)}, interleaved, who goes first alternating; "
            "both write into the same work folder (same disk). Program: SyncService.install in "
            "a process of its own, like curl (the server's threads live in the benchmark "
            "process and would otherwise share the program's interpreter lock), timed from "
            "the call until every file is downloaded, hash-checked and in the cache; curl's "
            "time includes starting curl (a few ms), the program's not its interpreter start. "
            "The import after it is in extra"
        ),
        extra={
            "p95_s": round(p95(pair.program), 3),
            "install_total_s": round(statistics.median(i.total_seconds for i in installs), 3),
            "requests": installs[-1].requests,
            "floor_tool": "curl" if curl else "urllib",
        },
    )


def _update_row(
    server: PortalServer,
    counter,
    install: Install,
    portal: Path,
    kit: Kit,
    work: Path,
    curl: str | None,
) -> Row:
    changed = publish_one_change(portal, kit.key_file)
    service = install.service()
    spent = measure(server, counter, lambda: service.install(service.check()))
    wanted = ["manifest.json", "manifest.json.sig", changed["path"]]
    if curl:
        floor = measure(server, counter, lambda: curl_fetch(curl, server.url, wanted, work / "u"))
    else:
        floor = measure(server, counter, lambda: urllib_fetch(server.url, wanted, work / "u"))
    return Row(
        "sync_update",
        "update with one document changed, wire bytes",
        spent.total,
        floor.total,
        "bytes",
        target="only changes",
        note=(
            "check + install from the portal after one document changed; wire bytes both ways "
            "incl. headers. Floor: fetching just manifest.json, its signature and the changed "
            "file, on the same server"
        ),
        extra={
            "requests": spent.requests,
            "floor_requests": floor.requests,
            "changed_pages": changed["pages"],
        },
    )
