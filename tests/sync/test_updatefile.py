"""Update files (.kitupdate): export, import, and every way a zip can lie.

Each refused file leaves both stores exactly as they were.
"""

from __future__ import annotations

import os
import zipfile

import pytest

from companion import cli
from companion.context import AppContext
from companion.errors import IntegrityError, NotNewerError, SignatureError
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore
from companion.store.user_store import UserStore
from companion.sync.errors import UpdateFileError
from companion.sync.service import export_update_file, import_update_file
from companion.sync.updatefile import pack_folder
from tests.support.portal_server import Fault, PortalServer
from tests.sync.test_sync import HENK_V2, digest


class Machine:
    """A workstation's data folder with kit version 1 and some user work."""

    def __init__(self, folder, v1, keys) -> None:
        self.kit_path = folder / "kit.sqlite"
        self.user_path = folder / "user.sqlite"
        self.keys = keys
        store = KitStore(self.kit_path)
        apply_source(store, FolderSource(v1), trusted_keys=keys)
        store.close()
        user = UserStore(self.user_path)
        user.set_last_page("persona-henk", 1)
        user.close()

    def digests(self) -> tuple[str, str]:
        return digest(self.kit_path), digest(self.user_path)

    def version(self) -> int:
        store = KitStore(self.kit_path)
        try:
            return store.installed().version
        finally:
            store.close()

    def import_file(self, path):
        return import_update_file(self.kit_path, path, trusted_keys=self.keys)


@pytest.fixture
def portal_v1(kit_builder):
    return kit_builder.build(1)


@pytest.fixture
def machine(tmp_path, portal_v1, test_public_keys):
    return Machine(tmp_path / "werkplek", portal_v1, test_public_keys)


@pytest.fixture
def portal_v2(kit_builder, portal_v1):
    kit_builder.documents["persona-henk"] = HENK_V2
    return kit_builder.build(2)


def refused(machine, path, error_type=UpdateFileError) -> str:
    before = machine.digests()
    with pytest.raises(error_type) as info:
        machine.import_file(path)
    assert machine.digests() == before
    assert machine.version() == 1
    return info.value.message


def rezip(source, out, *, extra=(), replace=None, drop=()):
    """Copy an update file member by member, adding, replacing or dropping some."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, old.read(info))
            new.writestr(info.filename, data, compress_type=info.compress_type)
        for name, data, method in extra:
            new.writestr(name, data, compress_type=method)
    return out


def test_export_then_import_on_another_machine(tmp_path, portal_v1, test_public_keys, portal_v2):
    online = Machine(tmp_path / "online", portal_v1, test_public_keys)
    assert online.import_file(pack_folder(portal_v2, tmp_path / "v2").path).changed
    exported = export_update_file(online.kit_path, tmp_path / "usb" / "kit")
    assert exported.path.name == "kit.kitupdate" and exported.version == 2
    again = export_update_file(online.kit_path, tmp_path / "usb" / "again.kitupdate")
    assert again.path.read_bytes() == exported.path.read_bytes()  # deterministic

    offline = Machine(tmp_path / "offline", portal_v1, test_public_keys)
    user_before = digest(offline.user_path)
    outcome = offline.import_file(exported.path)
    assert outcome.message == "De kit is bijgewerkt naar versie 2."
    assert offline.version() == 2 and digest(offline.user_path) == user_before
    store = KitStore(offline.kit_path)
    assert KitLibrary(store).last_changes() == [("persona-henk", "Persona Henk", "gewijzigd")]
    store.close()
    # The same file again: nothing to do, nothing changed.
    before = offline.digests()
    outcome = offline.import_file(exported.path)
    assert not outcome.changed
    assert outcome.message == "Versie 2 van de kit is al geïnstalleerd. Er is niets veranderd."
    assert offline.digests() == before


def test_export_to_a_place_that_cannot_be_written_says_so(machine, tmp_path):
    blocked = tmp_path / "geen-map"
    blocked.write_text("dit is een bestand, geen map")
    with pytest.raises(UpdateFileError) as info:
        export_update_file(machine.kit_path, blocked / "kit")
    assert info.value.message.startswith(
        f"Het updatebestand kan niet worden opgeslagen in {blocked}."
    )
    assert list(tmp_path.glob("**/*.tmp")) == []


def test_zip_slip_path_is_refused(machine, tmp_path, portal_v2):
    good = pack_folder(portal_v2, tmp_path / "good").path
    bad = rezip(good, tmp_path / "slip.kitupdate", extra=[("../../.bashrc", b"boem", 0)])
    message = refused(machine, bad)
    assert message == (
        "Dit updatebestand is onveilig: het wil een bestand buiten zijn eigen map zetten "
        "(../../.bashrc). Het updatebestand is niet gebruikt. Er is niets veranderd."
    )
    absolute = rezip(good, tmp_path / "abs.kitupdate", extra=[("/etc/cron.d/x", b"x", 0)])
    assert "onveilig" in refused(machine, absolute)
    assert not (tmp_path.parent / ".bashrc").exists()


def test_zip_bomb_member_is_refused(machine, tmp_path, portal_v2, kit_builder):
    good = pack_folder(portal_v2, tmp_path / "good").path
    sha = kit_builder.file_path(portal_v2, "persona-henk").name
    bomb = rezip(
        good,
        tmp_path / "bomb.kitupdate",
        replace={f"files/{sha}": b"\0" * (20 * 1024 * 1024)},
    )
    # Deflated on purpose: 20 MB of zeros from a few tens of kB.
    rezipped = tmp_path / "bomb2.kitupdate"
    with zipfile.ZipFile(bomb) as old, zipfile.ZipFile(rezipped, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
    assert os.path.getsize(rezipped) < 200_000
    message = refused(machine, rezipped)
    assert message == (
        "Dit updatebestand pakt uit tot veel meer dan het zegt te bevatten. "
        "Het updatebestand is niet gebruikt. Er is niets veranderd."
    )


def test_archive_larger_than_declared_is_refused(machine, tmp_path, portal_v2):
    good = pack_folder(portal_v2, tmp_path / "good").path
    padded = rezip(good, tmp_path / "pad.kitupdate", extra=[("extra.bin", os.urandom(3 << 20), 0)])
    assert "pakt uit tot veel meer" in refused(machine, padded)


def test_member_larger_than_the_manifest_says_is_refused(machine, tmp_path, portal_v2, kit_builder):
    good = pack_folder(portal_v2, tmp_path / "good").path
    path = kit_builder.file_path(portal_v2, "persona-henk")
    bigger = rezip(
        good,
        tmp_path / "big.kitupdate",
        replace={f"files/{path.name}": path.read_bytes() + b"\n%extra\n" * 10},
    )
    assert refused(machine, bigger) == (
        "Het bestand persona-henk.pdf in het updatebestand is groter dan de inhoudslijst zegt. "
        "Het updatebestand is niet gebruikt. Er is niets veranderd."
    )


def test_truncated_zip_is_refused(machine, tmp_path, portal_v2):
    good = pack_folder(portal_v2, tmp_path / "good").path
    data = good.read_bytes()
    for keep in (len(data) - 30, len(data) // 2, 10):
        cut = tmp_path / f"cut-{keep}.kitupdate"
        cut.write_bytes(data[:keep])
        assert refused(machine, cut).startswith(
            "Dit updatebestand is beschadigd of niet compleet (misschien is het kopiëren niet "
            "afgemaakt)."
        )


def test_damaged_member_is_refused(machine, tmp_path, portal_v2, kit_builder):
    good = pack_folder(portal_v2, tmp_path / "good").path
    data = bytearray(good.read_bytes())
    pdf = kit_builder.file_path(portal_v2, "persona-henk").read_bytes()
    # A piece found only in this PDF (PDFs share much of their structure).
    piece = next(
        pdf[i : i + 40]
        for i in range(0, len(pdf) - 40, 20)
        if bytes(data).count(pdf[i : i + 40]) == 1
    )
    at = bytes(data).index(piece)
    data[at : at + 10] = b"X" * 10  # bytes flipped on the stick; the CRC no longer fits
    broken = tmp_path / "broken.kitupdate"
    broken.write_bytes(bytes(data))
    assert "beschadigd of niet compleet" in refused(machine, broken)


def test_unsigned_and_older_update_files_are_refused(machine, tmp_path, portal_v1, portal_v2):
    good = pack_folder(portal_v2, tmp_path / "good").path
    unsigned = rezip(good, tmp_path / "unsigned.kitupdate", drop={"manifest.json.sig"})
    assert refused(machine, unsigned, SignatureError).startswith("De kit heeft geen handtekening.")

    not_a_zip = tmp_path / "tekst.kitupdate"
    not_a_zip.write_text("Dit is een boodschappenlijst.")
    assert "beschadigd" in refused(machine, not_a_zip)

    assert machine.import_file(good).changed
    old = pack_folder(portal_v1, tmp_path / "old").path
    before = machine.digests()
    with pytest.raises(NotNewerError) as info:
        machine.import_file(old)
    assert info.value.message == (
        "Deze kit (versie 1) is ouder dan de geïnstalleerde (versie 2). Er is niets veranderd."
    )
    assert machine.digests() == before


# -- command line ----------------------------------------------------------------


@pytest.fixture
def cli_context(monkeypatch, kit_builder, test_public_keys):
    """The command line with the test kit as bundled kit and the test key pinned."""
    bundled = kit_builder.build(1, name="bundled")
    original = AppContext.open.__func__

    def open_with_test_kit(cls, paths, **_options):
        return original(cls, paths, bundled_dir=bundled, trusted_keys=test_public_keys)

    monkeypatch.setattr(AppContext, "open", classmethod(open_with_test_kit))


def test_command_line_import_and_export(cli_context, tmp_path, portal_v2, capsys):
    update = pack_folder(portal_v2, tmp_path / "v2").path
    data = ["--data-dir", str(tmp_path / "cli")]
    assert cli.main([*data, "import-update", str(update)]) == 0
    out = capsys.readouterr()
    assert "De kit is bijgewerkt naar versie 2." in out.out
    assert "Klaar." in out.err  # progress on the terminal
    assert cli.main([*data, "import-update", str(update)]) == 0  # nothing to do
    assert "al geïnstalleerd" in capsys.readouterr().out

    assert cli.main([*data, "export-update", str(tmp_path / "usb" / "kit")]) == 0
    assert "Updatebestand opgeslagen" in capsys.readouterr().out
    assert (tmp_path / "usb" / "kit.kitupdate").is_file()

    slip = rezip(update, tmp_path / "slip.kitupdate", extra=[("../x", b"x", 0)])
    assert cli.main([*data, "import-update", str(slip)]) == 1
    assert "onveilig" in capsys.readouterr().err


# The real command line in a process of its own (what a terminal shows), trusting the
# test root key and with the test kit as the bundled kit.
COMMAND_LINE = """
import sys
from pathlib import Path

from companion import cli
from companion.context import AppContext
from companion.kit.signing import parse_public_key

root, bundled = parse_public_key(Path(sys.argv[1]).read_text()), Path(sys.argv[2])
original = AppContext.open.__func__


def open_with_test_kit(cls, paths, **_options):
    return original(cls, paths, bundled_dir=bundled, trusted_keys=(root,))


AppContext.open = classmethod(open_with_test_kit)
sys.exit(cli.main(sys.argv[3:]))
"""


def test_command_line_says_its_own_words_and_logs_the_rest(tmp_path, kit_builder):
    """A PDF MuPDF had to repair installs; what MuPDF said about it is in the log file,
    not in English among the Dutch sentences on the terminal."""
    import subprocess
    import sys

    from tests.support.kitbuilder import make_pdf
    from tests.support.project import ROOT, TEST_KEYS

    bundled = kit_builder.build(1, name="bundled")
    pdf = make_pdf(["Pagina een", "Pagina twee", "Pagina drie"])
    kit_builder.add_file("tip-gerepareerd", pdf[: len(pdf) * 9 // 10])  # the end cut off
    update = pack_folder(kit_builder.build(2), tmp_path / "v2").path
    data = tmp_path / "cli"
    root = TEST_KEYS / "test-root-ed25519.key.pub"
    script = tmp_path / "cli.py"
    script.write_text(COMMAND_LINE, encoding="utf-8")
    command = [sys.executable, str(script), str(root), str(bundled)]

    done = subprocess.run(
        [*command, "--data-dir", str(data), "import-update", str(update)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "De kit is bijgewerkt naar versie 2." in done.stdout
    terminal = done.stdout + done.stderr
    assert "MuPDF" not in terminal and "repair" not in terminal
    log = (data / "logs" / "strategiekit.log").read_text(encoding="utf-8")
    assert "MuPDF over tip-gerepareerd.pdf" in log


def test_each_command_logs_to_its_own_data_folder(cli_context, tmp_path, portal_v2):
    """Commands run one after another in one process (tests) leave no log behind."""
    import logging

    handlers = list(logging.getLogger().handlers)
    update = pack_folder(portal_v2, tmp_path / "v2").path
    for folder in ("een", "twee"):
        data = tmp_path / folder
        assert cli.main(["--data-dir", str(data), "import-update", str(update)]) == 0
        assert "import of" in (data / "logs" / "strategiekit.log").read_text(encoding="utf-8")
        assert logging.getLogger().handlers == handlers


def test_command_line_sync(cli_context, tmp_path, kit_builder, capsys):
    kit_builder.build(1, name="portal")
    server = PortalServer(kit_builder.root / "portal")
    try:
        data = ["--data-dir", str(tmp_path / "cli")]
        assert cli.main([*data, "sync"]) == 1  # no portal set
        assert "Er is nog geen portal ingesteld" in capsys.readouterr().err

        assert cli.main([*data, "sync", "--portal", server.url]) == 0
        assert "nieuwste versie" in capsys.readouterr().out

        kit_builder.documents["persona-henk"] = HENK_V2
        kit_builder.build(2, name="portal")
        assert cli.main([*data, "sync", "--portal", server.url]) == 0
        out = capsys.readouterr().out
        assert "gewijzigd: Persona Henk" in out and "bijgewerkt naar versie 2" in out

        server.faults["manifest.json"] = Fault("status", 500)
        assert cli.main([*data, "sync", "--portal", server.url]) == 1
        assert "De portal gaf een fout (500)" in capsys.readouterr().err
    finally:
        server.close()


def _header(data: bytearray, signature: bytes, length_at: int, name_at: int, name: bytes) -> int:
    """Where the zip header with ``signature`` for member ``name`` starts (-1: none)."""
    at = data.find(signature)
    while at != -1:
        length = int.from_bytes(data[at + length_at : at + length_at + 2], "little")
        if data[at + name_at : at + name_at + length] == name:
            return at
        at = data.find(signature, at + 4)
    return -1


def patch_member(path, out, member: str, *, version: int | None = None, flags: int = 0):
    """Set a member's "version needed" and flag bits in its local and central headers,
    the way another zip program (or an attacker) might write them."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    local = _header(data, b"PK\x03\x04", 26, 30, name)
    central = _header(data, b"PK\x01\x02", 28, 46, name)
    assert local != -1 and central != -1, member
    if version is not None:
        data[local + 4 : local + 6] = version.to_bytes(2, "little")
        data[central + 6 : central + 8] = version.to_bytes(2, "little")
    if flags:
        for at in (local + 6, central + 8):
            value = int.from_bytes(data[at : at + 2], "little") | flags
            data[at : at + 2] = value.to_bytes(2, "little")
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize(
    "change",
    [{"version": 99}, {"flags": 0x20}, {"flags": 0x40}],
    ids=["zip-version-9.9", "flag-bit-5-patched-data", "flag-bit-6-strong-encryption"],
)
@pytest.mark.parametrize("member", ["manifest.json", "files"])
def test_zip_features_this_reader_cannot_unpack_are_refused_in_dutch(
    machine, tmp_path, portal_v2, change, member
):
    good = pack_folder(portal_v2, tmp_path / "good").path
    if member == "files":
        with zipfile.ZipFile(good) as archive:
            member = next(n for n in archive.namelist() if n.startswith("files/"))
    odd = patch_member(good, tmp_path / "odd.kitupdate", member, **change)
    message = refused(machine, odd)
    assert message.startswith("Dit updatebestand is op een manier ingepakt die dit programma")


def test_a_signed_manifest_wrong_about_the_size_of_a_file_the_store_has_is_refused(
    machine, tmp_path, kit_builder
):
    """A file the store has already is not read again, so its size was taken from the
    manifest unchecked: a wrong one ended up in the library. The same sha256 with another
    size is a manifest that is wrong about the file, even when signed."""
    from companion.kit.manifest import dump_manifest
    from companion.kit.signing import sign
    from companion.sync.updatefile import write_update_file

    files: dict[str, bytes] = {}
    manifest = kit_builder.manifest_for(2, files)
    (vindplaatsen,) = [d for d in manifest["documents"] if d["id"] == "handleiding-vindplaatsen"]
    vindplaatsen["file"]["size"] += 10  # the same bytes as in version 1, said to be larger
    raw = dump_manifest(manifest)
    out = write_update_file(
        tmp_path / "liegt.kitupdate",
        raw,
        sign(kit_builder.key, raw),
        kit_builder.keys,
        files.items(),
    )

    message = refused(machine, out, IntegrityError)
    assert message.startswith("Het bestand handleiding-vindplaatsen.pdf is niet compleet")
