"""Network work with deadlines, and what a portal must not get away with.

A real portal on 127.0.0.1 that trickles, stalls, answers 304 to everything, or
keeps serving an expired manifest. The client's limits are made small so the
tests are quick; the defaults are minutes (see companion/sync/portal.py).
"""

from __future__ import annotations

import threading
import time

import pytest

from companion.errors import CancelledError
from companion.sync.cache import SyncCache
from companion.sync.errors import CacheError, NetworkError, PortalError, StaleError
from companion.sync.portal import PortalClient
from companion.sync.service import SyncService
from tests.support import keys as test_keys
from tests.support.portal_server import Fault
from tests.sync.test_sync import HENK_V2, Setup, refused


@pytest.fixture
def setup(tmp_path, kit_builder, test_public_keys):
    made = Setup(tmp_path, kit_builder, test_public_keys)
    yield made
    made.server.close()


def quick_service(setup, **client_options) -> SyncService:
    """A service whose client gives up after about a second of no progress."""
    options = {"timeout": 20.0, "min_speed": 1024, "slow_window": 1.0, "watch_interval": 0.05}
    options.update(client_options)
    client = PortalClient(setup.server.url, **options)
    return SyncService(
        setup.kit_path, setup.cache_dir, setup.server.url, trusted_keys=setup.keys, client=client
    )


def test_a_portal_that_trickles_is_given_up_as_too_slow(setup):
    """One byte every 0.2 s never trips the per-read timeout (20 s here)."""
    setup.publish(2)
    setup.server.faults["manifest.json"] = Fault("trickle", 0.2)
    started = time.monotonic()
    message = refused(setup, lambda: quick_service(setup).check(), NetworkError)
    assert message.startswith("De verbinding met de portal is te traag.")
    assert time.monotonic() - started < 10


def test_a_check_has_one_deadline_for_all_of_it(setup):
    setup.publish(2)
    setup.server.faults["manifest.json"] = Fault("stall")  # accepts, never answers
    service = quick_service(setup, slow_window=60.0)
    service.check_deadline = 0.5
    started = time.monotonic()
    message = refused(setup, service.check, NetworkError)
    assert message.startswith("De portal doet er te lang over.")
    assert time.monotonic() - started < 4


def test_a_download_that_crawls_ends_and_keeps_its_part(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    service = quick_service(setup)
    check = service.check()
    setup.server.faults[f"files/{sha}"] = Fault("trickle", 0.1)
    message = refused(setup, lambda: service.install(check), NetworkError)
    assert "te traag" in message
    assert SyncCache(setup.cache_dir).partial_path(sha).exists()  # resumed next time
    del setup.server.faults[f"files/{sha}"]
    assert service.install(service.check()).changed


def test_cancel_ends_a_blocked_read_at_once(setup):
    """Closing the window cancels: a read that waits for a silent portal ends too."""
    setup.publish(2)
    setup.server.faults["manifest.json"] = Fault("stall")
    stop = threading.Event()
    service = quick_service(setup, slow_window=60.0)
    threading.Timer(0.3, stop.set).start()  # the person closes the window meanwhile
    started = time.monotonic()
    with pytest.raises(CancelledError):
        service.check(cancelled=stop.is_set)
    assert time.monotonic() - started < 2


def test_a_damaged_file_in_the_cache_is_fetched_again(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    service = setup.service()
    check = service.check()
    setup.server.faults[f"files/{sha}"] = Fault("cut", 0, times=1)  # stops after the download
    cache = SyncCache(setup.cache_dir).ensure()
    good = (setup.portal / "files" / sha).read_bytes()
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 0x01  # one bit flipped on disk
    cache.file_path(sha).write_bytes(bytes(damaged))
    del setup.server.faults[f"files/{sha}"]
    setup.server.clear()

    outcome = service.install(check)

    assert outcome.changed and setup.installed_version() == 2
    assert f"files/{sha}" in setup.server.paths()  # thrown away and fetched again


def test_a_304_without_a_remembered_manifest_asks_once_more_then_stops(setup):
    setup.publish(2)
    setup.server.faults["manifest.json"] = Fault("status", 304)
    message = refused(setup, lambda: setup.service().check(), PortalError)
    assert "onverwacht antwoord" in message
    assert setup.server.paths() == ["manifest.json", "manifest.json"]


# -- freshness ---------------------------------------------------------------------


def test_a_portal_serving_an_expired_manifest_is_refused_as_stale(setup):
    """Also when it is exactly the installed version: "newest version" would be a lie."""
    setup.builder.expires = "2026-11-25"
    setup.builder.build(1, name="portal")
    message = refused(setup, lambda: setup.service().check(), StaleError)
    assert message.startswith("De portal biedt een verlopen versie van de kit aan (geldig tot")
    assert "2026-11-25" in message


def test_a_portal_serving_an_expired_key_list_is_refused_as_stale(setup, tmp_path):
    """A kit signed by a new release key, named only on the portal's (expired) key list."""
    from companion.kit.signing import generate_keypair, load_private_key

    private, _public = generate_keypair()
    (tmp_path / "nieuw.key").write_text(private)
    key = load_private_key(tmp_path / "nieuw.key")
    setup.builder.key = key
    setup.builder.keys = test_keys.key_list(version=2, expires="2026-11-25", release=[key])
    setup.publish(2)
    message = refused(setup, lambda: setup.service().check(), StaleError)
    assert "verlopen" in message
    assert "keys.json" in setup.server.paths()  # the new list was asked for, and refused


def test_an_update_file_is_not_refused_for_its_date(setup, tmp_path):
    """USB sticks travel slowly: an expired kit from an update file still installs."""
    from companion.sync.service import import_update_file
    from companion.sync.updatefile import pack_folder

    setup.builder.expires = "2026-11-25"
    setup.builder.documents["persona-henk"] = HENK_V2
    update = pack_folder(setup.builder.build(2, name="usb"), tmp_path / "stick").path
    outcome = import_update_file(setup.kit_path, update, trusted_keys=setup.keys)
    assert outcome.changed and setup.installed_version() == 2


def test_a_resumed_download_that_cannot_be_kept_leaves_no_temporary_file(setup):
    """A resumed file is moved into place in one rename: a failure leaves the cache as it was."""
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    cache = SyncCache(setup.cache_dir).ensure()
    cache.partial_path(sha).write_bytes((setup.portal / "files" / sha).read_bytes()[:100])
    cache.file_path(sha).mkdir()  # something in the way of the finished file
    service = setup.service()
    with pytest.raises(CacheError) as info:
        service.install(service.check())
    assert "kan niet worden bewaard" in info.value.message
    assert [p.name for p in cache.files_dir.iterdir()] == [sha]  # no stray temporary file
    assert setup.installed_version() == 1


def test_a_download_pack_that_cannot_be_made_is_explained_and_nothing_fetched(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    cache = SyncCache(setup.cache_dir).ensure()
    cache.pack_path.mkdir()  # something in the way of the download pack
    service = setup.service()
    check = service.check()
    setup.server.clear()
    with pytest.raises(CacheError) as info:
        service.install(check)
    assert "kan niet worden bewaard" in info.value.message
    assert setup.server.paths() == [] and setup.installed_version() == 1
