"""Property-based: random bytes and random zips as update files.

Whatever the file holds, importing it installs a kit or refuses with the
program's own Dutch error; nothing else ever comes out, and a refused file
changes nothing.
"""

from __future__ import annotations

import io
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.errors import CompanionError
from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore
from companion.sync.service import import_update_file
from companion.sync.updatefile import pack_folder
from tests.support import keys as test_keys
from tests.support.kitbuilder import KitBuilder

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

NAMES = st.sampled_from(
    [
        "manifest.json",
        "manifest.json.sig",
        "keys.json",
        "keys.json.sig",
        "files/" + "a" * 64,
        "files/",
        "../buiten",
        "/etc/passwd",
        "C:\\windows",
        "map/..",
        "",
    ]
) | st.text(min_size=1, max_size=20)


@pytest.fixture(scope="module")
def kits(tmp_path_factory):
    """A machine with kit version 1, and a valid update file with version 2."""
    root = tmp_path_factory.mktemp("kits")
    builder = KitBuilder(root / "kits", test_keys.release_key())
    v1 = builder.build(1)
    builder.documents["persona-henk"] = ["Persona Henk\nHenk werkt nu in de bouw."]
    update = pack_folder(builder.build(2), root / "v2").path
    machine = root / "machine" / "kit.sqlite"
    store = KitStore(machine)
    apply_source(store, FolderSource(v1), trusted_keys=test_keys.root_public_keys())
    store.close()
    return machine, update.read_bytes()


def import_bytes(machine: Path, data: bytes) -> None:
    """Import ``data`` as an update file into a copy of the machine's store."""
    with tempfile.TemporaryDirectory() as folder:
        kit = Path(folder) / "kit.sqlite"
        kit.write_bytes(machine.read_bytes())
        path = Path(folder) / "stick.kitupdate"
        path.write_bytes(data)
        try:
            outcome = import_update_file(kit, path, trusted_keys=test_keys.root_public_keys())
        except CompanionError as exc:
            assert exc.message
            store = KitStore(kit)
            try:
                assert store.installed().version == 1  # refused: nothing changed
            finally:
                store.close()
            return
        assert outcome.message


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(kits, data):
    import_bytes(kits[0], data)


@st.composite
def zips(draw):
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # duplicate names are part of the test
        for _ in range(draw(st.integers(min_value=0, max_value=6))):
            info = zipfile.ZipInfo(draw(NAMES))
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            archive.writestr(info, draw(st.binary(max_size=300)))
    return buffer.getvalue()


@SETTINGS
@given(zips())
def test_random_zips(kits, data):
    import_bytes(kits[0], data)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=1, exclude_max=True), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    )
)
def test_a_valid_update_file_with_bytes_changed(kits, changes):
    """The real update file with a few bytes overwritten anywhere (headers included)."""
    machine, good = kits
    data = bytearray(good)
    for where, value in changes:
        data[int(where * len(data))] = value
    import_bytes(machine, bytes(data))


def test_the_valid_update_file_itself_installs(kits):
    """The properties are not vacuous: the unchanged file is accepted."""
    machine, good = kits
    with tempfile.TemporaryDirectory() as folder:
        kit = Path(folder) / "kit.sqlite"
        kit.write_bytes(machine.read_bytes())
        path = Path(folder) / "stick.kitupdate"
        path.write_bytes(good)
        outcome = import_update_file(kit, path, trusted_keys=test_keys.root_public_keys())
        assert outcome.imported is not None and outcome.imported.version == 2
