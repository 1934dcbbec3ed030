"""Sync against a real portal on 127.0.0.1, with every fault the protocol names.

For each refusal: the Dutch message a person sees, and both stores exactly as
they were (iterdump digests before and after).
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import json
import sqlite3
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from companion.errors import IntegrityError, NotNewerError, SignatureError
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.manifest import dump_manifest
from companion.kit.signing import generate_keypair, load_private_key, sign
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore
from companion.store.user_store import UserStore
from companion.sync.cache import SyncCache
from companion.sync.errors import NetworkError, NotConfiguredError, PortalError
from companion.sync.service import SyncService, check_cost, online_for, update_cost
from companion.sync.settings import SyncSettings, load_sync_settings, save_sync_settings
from tests.support.portal_server import Fault, PortalServer

HENK_V2 = ["Persona Henk\nHenk werkt in de bouw en leest de krant niet."]


def digest(path) -> str:
    """Everything in a database file, as one value: equal means nothing changed."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


class Setup:
    """An installed v1 kit, a user store with some work in it, and a portal."""

    def __init__(self, tmp_path, kit_builder, keys) -> None:
        self.tmp = tmp_path
        self.builder = kit_builder
        self.keys = keys
        self.kit_path = tmp_path / "data" / "kit.sqlite"
        self.user_path = tmp_path / "data" / "user.sqlite"
        self.cache_dir = tmp_path / "cache"
        store = KitStore(self.kit_path)
        apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=keys)
        store.close()
        user = UserStore(self.user_path)
        user.set_last_page("handleiding-vindplaatsen", 2)
        user.mark_opened("persona-henk", 1)
        user.close()
        self.portal = kit_builder.root / "portal"
        self.publish(1)
        self.server = PortalServer(self.portal)

    def publish(self, version: int) -> None:
        self.builder.build(version, name="portal")

    def service(self, **options) -> SyncService:
        options.setdefault("timeout", 2.0)
        return SyncService(
            self.kit_path, self.cache_dir, self.server.url, trusted_keys=self.keys, **options
        )

    def digests(self) -> tuple[str, str]:
        return digest(self.kit_path), digest(self.user_path)

    def installed_version(self) -> int:
        store = KitStore(self.kit_path)
        try:
            return store.installed().version
        finally:
            store.close()

    def file_sha(self, doc_id: str) -> str:
        return self.builder.file_path(self.portal, doc_id).name


@pytest.fixture
def setup(tmp_path, kit_builder, test_public_keys):
    made = Setup(tmp_path, kit_builder, test_public_keys)
    yield made
    made.server.close()


def refused(setup, action, error_type):
    """Run ``action``; it must raise ``error_type`` and change neither store."""
    before = setup.digests()
    with pytest.raises(error_type) as info:
        action()
    assert setup.digests() == before
    return info.value.message


# -- checking ------------------------------------------------------------------


def test_check_with_no_update_is_one_small_conditional_request(setup):
    service = setup.service()
    first = service.check()
    # The portal serves what is installed: no signature request is needed either.
    assert first.status == "current"
    assert first.message == "Je hebt de nieuwste versie van de kit (versie 1)."
    assert setup.server.paths() == ["manifest.json"]

    setup.server.clear()
    before = setup.digests()
    second = setup.service().check()  # a new run of the program: state comes from the cache
    assert second.status == "current"
    assert second.transfer.requests == 1 and second.transfer.bytes_received == 0
    [seen] = setup.server.seen
    assert seen.status == 304 and seen.headers.get("If-None-Match")
    assert setup.digests() == before
    assert check_cost(setup.service()) == (1, 0)


def test_check_previews_new_changed_and_removed_documents(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.builder.documents["tip-accountant"] = ["Tip: vind ZZP'ers via hun accountant."]
    del setup.builder.documents["werkblad-klantreis"]
    setup.publish(2)
    before = setup.digests()

    result = setup.service().check()

    assert result.has_update and result.message == ("Er is een nieuwe versie van de kit: versie 2.")
    preview = result.preview
    assert (preview.installed_version, preview.new_version) == (1, 2)
    assert preview.changes_text == "Versie 2."
    assert [d.title for d in preview.of("nieuw")] == ["Tip: vind ZZP'ers via hun accountant"]
    assert [d.id for d in preview.of("gewijzigd")] == ["persona-henk"]
    assert [d.id for d in preview.of("verwijderd")] == ["werkblad-klantreis"]
    assert preview.download_files == 2
    assert setup.digests() == before  # a check changes nothing
    # Next start: the portal says "not modified", and the update is still offered.
    setup.server.clear()
    again = setup.service().check()
    assert again.has_update and again.preview.new_version == 2
    assert [s.status for s in setup.server.seen] == [304]


def test_update_downloads_only_the_changed_file_then_applies_it(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    user_before = digest(setup.user_path)
    service = setup.service()

    progress = []
    outcome = service.install(service.check(), progress=progress.append)

    assert outcome.message == "De kit is bijgewerkt naar versie 2."
    assert setup.server.paths() == [
        "manifest.json",
        "manifest.json.sig",
        f"files/{setup.file_sha('persona-henk')}",
    ]
    assert setup.installed_version() == 2
    store = KitStore(setup.kit_path)
    assert [c[2] for c in KitLibrary(store).last_changes()] == ["gewijzigd"]
    store.close()
    assert digest(setup.user_path) == user_before  # user data untouched
    # Progress named bytes and files, ending in "Klaar."
    assert any(p.stage.startswith("Downloaden: bestand 1 van 1") for p in progress)
    assert progress[-1].stage == "Klaar." and progress[-1].total_files == 1
    # The cache holds no leftovers once the files are in the store.
    cache = SyncCache(setup.cache_dir)
    assert cache.cached() == frozenset() and not cache.pack_path.exists()


def test_update_cost_counts_requests_and_bytes(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    requests, received = update_cost(setup.service())
    changed = (setup.portal / "files" / setup.file_sha("persona-henk")).stat().st_size
    manifest = (setup.portal / "manifest.json").stat().st_size
    signature = (setup.portal / "manifest.json.sig").stat().st_size
    assert requests == 3 and received == changed + manifest + signature


# -- faults --------------------------------------------------------------------


def test_cut_connection_keeps_the_part_and_resumes_with_range(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    size = (setup.portal / "files" / sha).stat().st_size
    setup.server.faults[f"files/{sha}"] = Fault("cut", 400, times=1)

    message = refused(setup, lambda: setup.service(retries=0).install(), NetworkError)
    assert message.startswith("De verbinding viel weg tijdens het downloaden.")
    assert "gaat het verder waar het stopte" in message
    part = SyncCache(setup.cache_dir).partial_path(sha)
    assert part.stat().st_size == 400

    setup.server.clear()
    outcome = setup.service(retries=0).install()
    assert outcome.changed and setup.installed_version() == 2
    [file_request] = [s for s in setup.server.seen if s.path == f"files/{sha}"]
    assert file_request.headers["Range"] == "bytes=400-"
    assert file_request.status == 206
    assert outcome.transfer.bytes_received == size - 400  # the rest, not the whole file


def test_one_cut_is_resumed_within_the_same_install(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    setup.server.faults[f"files/{sha}"] = Fault("cut", 300, times=1)
    assert setup.service(retries=1).install().changed
    ranges = [s.headers.get("Range") for s in setup.server.seen if s.path == f"files/{sha}"]
    assert ranges == [None, "bytes=300-"]


def test_a_kept_part_damaged_on_disk_is_caught_by_the_hash_after_the_resume(setup):
    """The sha256 is computed while bytes arrive: the part kept from an earlier attempt
    is hashed too, so a flipped byte in it is refused, and the next try starts clean."""
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    setup.server.faults[f"files/{sha}"] = Fault("cut", 400, times=1)
    refused(setup, lambda: setup.service(retries=0).install(), NetworkError)
    cache = SyncCache(setup.cache_dir)
    part = cache.partial_path(sha)
    damaged = bytearray(part.read_bytes())
    damaged[100] ^= 0xFF
    part.write_bytes(bytes(damaged))

    message = refused(setup, lambda: setup.service(retries=0).install(), IntegrityError)
    assert message == (
        "Het bestand persona-henk.pdf is veranderd of beschadigd. De kit is niet aangepast."
    )
    assert not part.exists() and not cache.file_path(sha).exists()
    outcome = setup.service(retries=0).install()  # fetched whole, and it fits
    assert outcome.changed and setup.installed_version() == 2


def test_wrong_hash_is_refused_and_the_bad_part_thrown_away(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    good = (setup.portal / "files" / sha).read_bytes()
    setup.server.faults[f"files/{sha}"] = Fault("body", b"X" * len(good))

    message = refused(setup, lambda: setup.service().install(), IntegrityError)
    assert message == (
        "Het bestand persona-henk.pdf is veranderd of beschadigd. De kit is niet aangepast."
    )
    cache = SyncCache(setup.cache_dir)
    assert not cache.partial_path(sha).exists() and not cache.file_path(sha).exists()


def test_file_larger_than_the_manifest_says_is_refused(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    setup.server.faults[f"files/{sha}"] = Fault("body", b"%PDF" + b"0" * 10**6)
    message = refused(setup, lambda: setup.service().install(), IntegrityError)
    assert "groter dan de inhoudslijst zegt" in message


def test_missing_signature_is_refused(setup):
    setup.publish(2)
    (setup.portal / "manifest.json.sig").unlink()
    message = refused(setup, lambda: setup.service().check(), PortalError)
    assert message == "De kit op de portal heeft geen handtekening. Er is niets veranderd."


def test_bad_signature_is_refused_before_anything_else(setup):
    setup.publish(2)
    manifest = json.loads((setup.portal / "manifest.json").read_text(encoding="utf-8"))
    manifest["title"] = "Strategiekit Hoger Bereik (nagemaakt)"
    # Signed by a key that is not on the key list the portal carries.
    other_key, _public = generate_keypair()
    key_file = setup.tmp / "other.key"
    key_file.write_text(other_key)
    raw = dump_manifest(manifest)
    (setup.portal / "manifest.json").write_bytes(raw)
    (setup.portal / "manifest.json.sig").write_bytes(sign(load_private_key(key_file), raw))

    message = refused(setup, lambda: setup.service().install(), SignatureError)
    assert message.startswith("De handtekening van de kit klopt niet.")
    # Not one content file was asked for.
    assert not any(p.startswith("files/") for p in setup.server.paths())


def test_older_version_is_refused_as_replay(setup):
    setup.publish(2)
    old_manifest = (setup.builder.root / "v1" / "manifest.json").read_bytes()
    old_signature = (setup.builder.root / "v1" / "manifest.json.sig").read_bytes()
    assert setup.service().install().changed
    # The portal (or someone in between) now serves the signed version 1 again.
    (setup.portal / "manifest.json").write_bytes(old_manifest)
    (setup.portal / "manifest.json.sig").write_bytes(old_signature)

    message = refused(setup, lambda: setup.service().check(), NotNewerError)
    assert message == (
        "De portal biedt versie 1 van de kit aan, maar deze computer heeft al versie 2. "
        "Een oudere versie wordt niet geïnstalleerd. Er is niets veranderd."
    )


def test_equal_version_is_nothing_to_do(setup):
    setup.publish(2)
    assert setup.service().install().changed
    before = setup.digests()
    outcome = setup.service().install()
    assert not outcome.changed
    assert outcome.message == "Je hebt de nieuwste versie van de kit (versie 2)."
    assert setup.digests() == before


def test_server_error_is_explained(setup):
    setup.server.faults["manifest.json"] = Fault("status", 500)
    message = refused(setup, lambda: setup.service().check(), PortalError)
    assert (
        message == "De portal gaf een fout (500). Probeer het later opnieuw. Er is niets veranderd."
    )


def test_stalling_server_times_out(setup):
    setup.server.faults["manifest.json"] = Fault("stall")
    message = refused(setup, lambda: setup.service(timeout=0.3).check(), NetworkError)
    assert message.startswith("De portal antwoordt niet op tijd.")


def test_stall_mid_file_times_out_and_keeps_the_part(setup):
    setup.builder.documents["persona-henk"] = HENK_V2
    setup.publish(2)
    sha = setup.file_sha("persona-henk")
    setup.server.faults[f"files/{sha}"] = Fault("stall-body")
    message = refused(setup, lambda: setup.service(timeout=0.3, retries=0).install(), NetworkError)
    assert message.startswith("De portal antwoordt niet op tijd.")
    assert SyncCache(setup.cache_dir).partial_path(sha).stat().st_size > 0


def test_unreachable_portal_is_explained(setup):
    port = setup.server.httpd.server_address[1]
    setup.server.close()
    url = f"http://127.0.0.1:{port}/kit/"
    service = SyncService(setup.kit_path, setup.cache_dir, url, trusted_keys=setup.keys)
    message = refused(setup, service.check, NetworkError)
    assert message.startswith("De portal is niet bereikbaar.")
    setup.server = PortalServer(setup.portal)  # for the fixture's close


def test_wrong_address_is_explained(setup):
    setup.server.clear()
    service = SyncService(
        setup.kit_path, setup.cache_dir, setup.server.url + "elders/", trusted_keys=setup.keys
    )
    message = refused(setup, service.check, PortalError)
    assert message.startswith("Op dit adres staat geen kit.")


# -- settings and being offline ------------------------------------------------


def test_no_portal_set_means_no_contact(setup):
    with pytest.raises(NotConfiguredError) as info:
        SyncService(setup.kit_path, setup.cache_dir, "", trusted_keys=setup.keys)
    assert "Bestand > Instellingen" in info.value.message


def test_settings_are_kept_in_the_user_store(tmp_path):
    user = UserStore(tmp_path / "user.sqlite")
    assert load_sync_settings(user) == SyncSettings("", True)
    saved = save_sync_settings(user, SyncSettings(" https://kit.example/portal ", False))
    assert saved.portal_url == "https://kit.example/portal/"
    assert load_sync_settings(user) == SyncSettings("https://kit.example/portal/", False)
    with pytest.raises(PortalError) as info:
        save_sync_settings(user, SyncSettings("ftp://kit.example/", True))
    assert info.value.message.startswith("Dit is geen geldig adres van een portal.")
    with pytest.raises(PortalError) as info:
        save_sync_settings(user, SyncSettings("http://kit.example/portal/", True))
    assert "https://" in info.value.message
    assert load_sync_settings(user).portal_url == "https://kit.example/portal/"
    user.close()


def test_offline_guess_sends_nothing(monkeypatch):
    monkeypatch.setenv("STRATEGIEKIT_OFFLINE", "1")
    assert not online_for("http://127.0.0.1:9/kit/")
    monkeypatch.delenv("STRATEGIEKIT_OFFLINE")
    assert online_for("http://127.0.0.1:9/kit/")  # this machine needs no network


def self_signed_tls(folder) -> ssl.SSLContext:
    """A server certificate for 127.0.0.1 that no system trust store knows."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


def test_https_checks_certificates_against_the_system_store(setup):
    server = PortalServer(setup.portal, tls=self_signed_tls(setup.tmp))
    try:
        service = SyncService(
            setup.kit_path, setup.cache_dir, server.url, trusted_keys=setup.keys, timeout=2.0
        )
        message = refused(setup, service.check, NetworkError)
    finally:
        server.close()
    assert message.startswith("De beveiligde verbinding met de portal is niet te vertrouwen")
