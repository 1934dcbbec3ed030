"""An update with many files is fetched over a few connections at once, and stays as safe.

Every file is still hash-checked before it counts, a tampered one is refused
and thrown away while the kit stays as it was, and a file cut off halfway is
resumed later without fetching again what had already arrived.
"""

from __future__ import annotations

import pytest

from companion.errors import CancelledError, IntegrityError
from companion.sync.cache import SyncCache
from companion.sync.download import CONNECTIONS
from companion.sync.errors import NetworkError
from companion.sync.service import SyncService
from tests.support.portal_server import Fault
from tests.sync.test_sync import Setup, refused

CHANGED = [f"tip-nummer-{n}" for n in range(8)]


@pytest.fixture
def setup(tmp_path, kit_builder, test_public_keys):
    made = Setup(tmp_path, kit_builder, test_public_keys)
    for doc_id in CHANGED:
        made.builder.documents[doc_id] = [f"Tip {doc_id}\nEen tip over vindplaats {doc_id}."]
    made.publish(2)
    yield made
    made.server.close()


def file_requests(setup) -> list[str]:
    return [s.path for s in setup.server.seen if s.path.startswith("files/")]


def test_many_files_arrive_over_several_connections_at_once(setup):
    # Each file answers slowly: one connection at a time would have one request open.
    shas = [setup.file_sha(doc_id) for doc_id in CHANGED]
    for sha in shas:
        setup.server.faults[f"files/{sha}"] = Fault("slow", 200)
    outcome = setup.service().install()
    assert outcome.changed and setup.installed_version() == 2
    assert 1 < setup.server.most_at_once <= CONNECTIONS
    assert sorted(file_requests(setup)) == sorted(f"files/{sha}" for sha in shas)


def test_one_tampered_file_among_many_is_refused_and_the_kit_unchanged(setup):
    sha = setup.file_sha(CHANGED[3])
    good = (setup.portal / "files" / sha).read_bytes()
    setup.server.faults[f"files/{sha}"] = Fault("body", b"X" * len(good))

    message = refused(setup, lambda: setup.service().install(), IntegrityError)
    assert message.startswith(f"Het bestand {CHANGED[3]}.pdf is veranderd of beschadigd.")
    cache = SyncCache(setup.cache_dir)
    assert not cache.partial_path(sha).exists() and not cache.file_path(sha).exists()

    setup.server.faults.clear()
    assert setup.service().install().changed and setup.installed_version() == 2


def test_a_cut_among_many_stops_the_rest_and_nothing_arrives_twice(setup):
    sha = setup.file_sha(CHANGED[0])
    setup.server.faults[f"files/{sha}"] = Fault("cut", 300, times=1)
    service = setup.service(retries=0)

    refused(setup, service.install, NetworkError)
    assert SyncCache(setup.cache_dir).partial_path(sha).stat().st_size == 300

    assert service.install().changed and setup.installed_version() == 2
    # Over both tries, each file's bytes came once: finished files were kept, parts resumed.
    received: dict[str, int] = {}
    for record in service.log.records:
        if record.path.startswith("files/"):
            received[record.path] = received.get(record.path, 0) + record.bytes_received
    sizes = {
        f"files/{s}": (setup.portal / "files" / s).stat().st_size
        for s in map(setup.file_sha, CHANGED)
    }
    assert received == sizes
    ranges = [s.headers.get("Range") for s in setup.server.seen if s.path == f"files/{sha}"]
    assert ranges == [None, "bytes=300-"]


def stopped_after(setup, files: int) -> SyncService:
    """An install the person stopped once ``files`` files were in; its service."""
    service = setup.service()
    done: list[str] = []

    def checkpoint(name: str) -> None:
        if name.startswith("downloaded:"):
            done.append(name)

    refused(
        setup,
        lambda: service.install(cancelled=lambda: len(done) >= files, checkpoint=checkpoint),
        CancelledError,
    )
    return service


def kept_in_pack(setup) -> dict[str, int]:
    """Where each changed file's bytes lie whole in the download pack (sha256 -> offset)."""
    pack = SyncCache(setup.cache_dir).pack_path.read_bytes()
    found = {}
    for sha in map(setup.file_sha, CHANGED):
        at = pack.find((setup.portal / "files" / sha).read_bytes())
        if at >= 0:
            found[sha] = at
    return found


def test_files_kept_from_a_stopped_install_are_used_and_a_damaged_one_fetched_again(setup):
    stopped_after(setup, 3)
    kept = kept_in_pack(setup)
    assert len(kept) >= 3
    damaged, at = next(iter(kept.items()))
    with SyncCache(setup.cache_dir).pack_path.open("r+b") as pack:
        pack.seek(at + 10)
        byte = pack.read(1)[0]
        pack.seek(at + 10)
        pack.write(bytes([byte ^ 0x01]))  # one bit flipped on disk
    setup.server.clear()

    assert setup.service().install().changed and setup.installed_version() == 2
    fetched = set(file_requests(setup))
    assert f"files/{damaged}" in fetched  # thrown away and fetched again
    assert not {f"files/{sha}" for sha in kept if sha != damaged} & fetched
    assert not SyncCache(setup.cache_dir).pack_path.exists()  # gone once in the store


def test_a_pack_torn_mid_write_keeps_its_whole_files(setup):
    """The program was stopped while it appended a file: the torn end is cut off."""
    stopped_after(setup, 2)
    kept = kept_in_pack(setup)
    with SyncCache(setup.cache_dir).pack_path.open("ab") as pack:
        pack.write(b"SKP1" + bytes(20))  # half a record header
    setup.server.clear()

    assert setup.service().install().changed and setup.installed_version() == 2
    assert not {f"files/{sha}" for sha in kept} & set(file_requests(setup))
