"""An update reads its manifest once and remembers the portal's answer in one write.

The manifest's signature chain is checked before its JSON is read and the
manifest is parsed once for the check, the download and the import; the
import checks the signature again only under the write lock (another program
may have learnt a newer key list meanwhile). What the check remembers for
the next one (manifest, signature, key list, ETag) is one file, written
atomically: afterwards the old record or the new one, never a mix.
"""

from __future__ import annotations

import json
import os

import pytest

import companion.kit.importer as importer
import companion.sync.service as service_module
from companion.errors import SignatureError
from companion.sync.cache import STATE_NAME, SyncCache
from tests.sync.test_sync import HENK_V2, Setup


@pytest.fixture
def setup(tmp_path, kit_builder, test_public_keys):
    made = Setup(tmp_path, kit_builder, test_public_keys)
    made.builder.documents["persona-henk"] = HENK_V2
    made.publish(2)
    yield made
    made.server.close()


class Calls:
    """How often the manifest is parsed and its signature chain checked."""

    def __init__(self, monkeypatch) -> None:
        self.parsed = 0
        self.signature_checks = 0
        for module in (importer, service_module):
            original_parse = module.parse_manifest
            original_check = module.check_signature
            monkeypatch.setattr(module, "parse_manifest", self._counting(original_parse, "parsed"))
            monkeypatch.setattr(
                module, "check_signature", self._counting(original_check, "signature_checks")
            )

    def _counting(self, function, name):
        def counted(*args, **kwargs):
            setattr(self, name, getattr(self, name) + 1)
            return function(*args, **kwargs)

        return counted


def test_an_update_parses_its_manifest_once_and_checks_the_signature_before_and_under_the_lock(
    setup, monkeypatch
):
    calls = Calls(monkeypatch)

    outcome = setup.service().install()

    assert outcome.message == "De kit is bijgewerkt naar versie 2."
    assert setup.installed_version() == 2
    assert calls.parsed == 1
    assert calls.signature_checks == 2  # the check, and again inside the import's transaction


def test_an_install_goes_on_from_the_check_without_asking_or_parsing_again(setup, monkeypatch):
    service = setup.service()
    check = service.check()
    setup.server.clear()
    calls = Calls(monkeypatch)

    outcome = service.install(check)

    assert outcome.changed and setup.installed_version() == 2
    assert setup.server.paths() == [f"files/{setup.file_sha('persona-henk')}"]
    assert calls.parsed == 0
    assert calls.signature_checks == 1  # under the write lock


def test_an_install_after_another_program_installed_that_version_changes_nothing(setup):
    check = setup.service().check()
    assert check.has_update
    setup.service().install()  # another program (the command line beside the window)
    setup.server.clear()
    before = setup.digests()

    outcome = setup.service().install(check)

    assert not outcome.changed
    assert outcome.message == "Je hebt de nieuwste versie van de kit (versie 2)."
    assert setup.server.paths() == []
    assert setup.digests() == before


def test_a_tampered_manifest_is_refused_before_it_is_parsed(setup, monkeypatch):
    manifest = setup.portal / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b"Versie 2.", b"Versie 9."))
    calls = Calls(monkeypatch)
    service = setup.service()
    before = setup.digests()

    with pytest.raises(SignatureError):
        service.install()

    assert calls.parsed == 0
    assert setup.digests() == before
    assert not [p for p in setup.server.paths() if p.startswith("files/")]


# -- what the check remembers ------------------------------------------------------


def sync_folder(setup):
    return SyncCache(setup.cache_dir).root


def test_the_remembered_manifest_is_one_file_written_with_one_flush_and_its_folder(
    setup, monkeypatch
):
    flushed = []
    original = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (flushed.append(fd), original(fd))[1])

    result = setup.service().check()

    assert result.has_update
    assert len(flushed) == 2  # the state file, then its folder (the rename)
    assert sorted(p.name for p in sync_folder(setup).iterdir()) == [STATE_NAME]
    # The next run of the program asks conditionally and gets the same offer from it.
    setup.server.clear()
    again = setup.service().check()
    assert again.has_update and again.preview.new_version == 2
    assert [s.status for s in setup.server.seen] == [304]


def test_a_state_file_cut_short_is_forgotten_and_the_check_asks_in_full(setup):
    setup.service().check()
    state = sync_folder(setup) / STATE_NAME
    state.write_bytes(state.read_bytes()[: len(state.read_bytes()) // 2])
    setup.server.clear()

    result = setup.service().check()

    assert result.has_update and result.preview.new_version == 2
    [first, *_rest] = setup.server.seen
    assert first.path == "manifest.json" and first.status == 200
    assert "If-None-Match" not in first.headers
    assert json.loads(state.read_bytes())["url"] == setup.server.url  # written whole again


def test_a_state_that_was_not_replaced_keeps_the_previous_record_whole(setup, monkeypatch):
    setup.service().check()
    state = sync_folder(setup) / STATE_NAME
    before = state.read_bytes()
    setup.builder.documents["tip-accountant"] = ["Tip: vind ZZP'ers via hun accountant."]
    setup.publish(3)

    def power_cut(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", power_cut)
    result = setup.service().check()  # a full disk is no refusal: the state is an optimisation
    monkeypatch.undo()

    assert result.has_update and result.preview.new_version == 3
    assert state.read_bytes() == before
    assert sorted(p.name for p in sync_folder(setup).iterdir()) == [STATE_NAME]


def test_files_an_older_program_kept_are_not_read_and_go_when_the_state_is_written(setup):
    folder = sync_folder(setup)
    folder.mkdir(parents=True)
    old = {
        "portal.json": json.dumps({"url": setup.server.url, "etag": '"oud"'}).encode(),
        "manifest.json": b"{}",
        "manifest.json.sig": b"oud\n",
    }
    for name, data in old.items():
        (folder / name).write_bytes(data)

    result = setup.service().check()

    assert result.has_update
    assert "If-None-Match" not in setup.server.seen[0].headers
    assert sorted(p.name for p in folder.iterdir()) == [STATE_NAME]
