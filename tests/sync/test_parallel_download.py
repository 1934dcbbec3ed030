"""An update with many files is fetched over a few connections at once, and stays as safe.

Every file is still hash-checked before it counts, a tampered one is refused
and thrown away while the kit stays as it was, and a file cut off halfway is
resumed later without fetching again what had already arrived.
"""

from __future__ import annotations

import pytest

from companion.errors import IntegrityError
from companion.sync.cache import SyncCache
from companion.sync.download import CONNECTIONS
from companion.sync.errors import NetworkError
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
