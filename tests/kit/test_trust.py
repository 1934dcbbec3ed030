"""Trust: root -> key list -> release key -> manifest, the burned key, and rollback.

Tests pin the throw-away test root (``tests/keys/``); the kits are real signed
folders, imported through the real pipeline into a real kit store.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from companion.errors import ManifestError, NotNewerError, SignatureError
from companion.kit.importer import apply_source
from companion.kit.key_list import dump_key_list, sign_key_list
from companion.kit.manifest import dump_manifest, parse_manifest
from companion.kit.signing import generate_keypair, load_private_key, public_text, sign
from companion.kit.source import FolderSource
from companion.kit.trust_state import read_trust, trust_path
from companion.kit.trusted_keys import TRUSTED_KEYS
from companion.store.kit_store import KitStore
from companion.store.sqlite_base import move_aside
from tests.support import keys as test_keys
from tests.support.kitbuilder import KitBuilder
from tests.support.project import ROOT

BURNED_KIT = ROOT / "tests" / "kit" / "data" / "burned-kit"
# A private ed25519 key in this project's text format, and PEM private keys.
PRIVATE_MARKERS = re.compile(
    rb"ed25519-private:[A-Za-z0-9+/]{43}=|-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"
)


@pytest.fixture
def store(tmp_path):
    kit_store = KitStore(tmp_path / "data" / "kit.sqlite")
    yield kit_store
    kit_store.close()


def install(store, folder, roots):
    return apply_source(store, FolderSource(folder), trusted_keys=roots)


def new_key(tmp_path, name):
    private, _public = generate_keypair()
    path = tmp_path / name
    path.write_text(private)
    return load_private_key(path)


def tracked_files_with_private_keys() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    found = []
    for name in filter(None, listed.decode("utf-8").split("\0")):
        path = ROOT / name
        if path.is_file() and PRIVATE_MARKERS.search(path.read_bytes()):
            found.append(name)
    return found


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_no_private_key_is_tracked_outside_tests_keys():
    found = tracked_files_with_private_keys()
    # The check sees the tests' own throw-away keys, so it does look at content.
    assert "tests/keys/test-ed25519.key" in found
    assert [name for name in found if not name.startswith("tests/keys/")] == []


def test_the_burned_key_is_not_on_the_program_s_key_list():
    from companion.kit.key_list import SignedKeys, verify_key_list
    from companion.kit.signing import parse_public_key
    from companion.kit.trusted_keys import BURNED_KEY

    signed = SignedKeys(
        (ROOT / "keys" / "keys.json").read_bytes(), (ROOT / "keys" / "keys.json.sig").read_bytes()
    )
    assert parse_public_key(BURNED_KEY) not in verify_key_list(signed, TRUSTED_KEYS).release_keys
    assert parse_public_key(BURNED_KEY) not in TRUSTED_KEYS
    burned_pub = (ROOT / "keys" / "burned-project-ed25519.key.pub").read_text().strip()
    assert burned_pub == BURNED_KEY


def test_the_old_kit_signed_with_the_burned_key_is_refused_clearly(store):
    """The kit the project shipped before, exactly as it was committed."""
    with pytest.raises(SignatureError) as info:
        install(store, BURNED_KIT, TRUSTED_KEYS)
    assert "oude sleutel die niet meer wordt vertrouwd" in info.value.message
    assert store.installed() is None


def test_a_burned_key_cannot_come_back_through_a_key_list(tmp_path, store, test_public_keys):
    """Even a key list from the root that names the burned key does not make it count."""
    manifest = json.loads((BURNED_KIT / "manifest.json").read_bytes())
    assert "expires" not in manifest  # the old kit predates expiry as well
    folder = tmp_path / "burned-with-list"
    shutil.copytree(BURNED_KIT, folder)
    from companion.kit.trusted_keys import BURNED_KEY

    keys = sign_key_list(test_keys.root_key(), dump_key_list(9, "2100-01-01", [BURNED_KEY]))
    (folder / "keys.json").write_bytes(keys.data)
    (folder / "keys.json.sig").write_bytes(keys.signature)
    with pytest.raises(SignatureError) as info:
        install(store, folder, test_public_keys)
    assert "oude sleutel" in info.value.message


def test_a_key_list_not_signed_by_the_root_is_refused(tmp_path, store, test_public_keys):
    impostor_root = new_key(tmp_path, "nep-root.key")
    builder = KitBuilder(
        tmp_path / "kits", test_keys.release_key(), test_keys.key_list(root=impostor_root)
    )
    with pytest.raises(SignatureError) as info:
        install(store, builder.build(1), test_public_keys)
    assert "geen geldige lijst met vertrouwde sleutels" in info.value.message
    assert store.installed() is None


def test_a_release_key_rotates_through_a_new_key_list(tmp_path, store, test_public_keys):
    """Key list v2 names a new release key and drops the old one: the old key is
    no longer accepted, even when an attacker ships the old list (v1) with it."""
    old, new = test_keys.release_key(), new_key(tmp_path, "nieuw.key")
    install(store, KitBuilder(tmp_path / "a", old, test_keys.key_list()).build(1), test_public_keys)
    rotated = KitBuilder(tmp_path / "b", new, test_keys.key_list(version=2, release=[new]))
    assert install(store, rotated.build(2), test_public_keys).version == 2

    replay = KitBuilder(tmp_path / "c", old, test_keys.key_list(version=1, release=[old]))
    with pytest.raises(SignatureError):
        install(store, replay.build(3), test_public_keys)
    assert store.installed().version == 2
    assert read_trust(trust_path(store.path)).keys.data == rotated.keys.data


def test_a_kit_may_rely_on_the_key_list_this_computer_kept(tmp_path, store, test_public_keys):
    builder = KitBuilder(tmp_path / "kits", test_keys.release_key())
    install(store, builder.build(1), test_public_keys)
    folder = builder.build(2)
    for name in ("keys.json", "keys.json.sig"):
        (folder / name).unlink()
    assert install(store, folder, test_public_keys).version == 2


def test_rollback_stays_refused_after_the_kit_store_is_rebuilt(
    tmp_path, kit_builder, test_public_keys
):
    """The highest version lives beside the kit store: damage it, and v2 is still too old."""
    path = tmp_path / "data" / "kit.sqlite"
    store = KitStore(path)
    install(store, kit_builder.build(3, name="v3"), test_public_keys)
    store.close()
    move_aside(path)  # what the program does with a damaged store
    store = KitStore(path)
    try:
        with pytest.raises(NotNewerError) as info:
            install(store, kit_builder.build(2, name="v2"), test_public_keys)
        assert "eerder op deze computer stond (versie 3)" in info.value.message
        assert store.installed() is None
        # The kit shipped with the program may rebuild the store below that floor.
        result = apply_source(
            store,
            FolderSource(kit_builder.build(1, name="bundled")),
            trusted_keys=test_public_keys,
            own_kit=True,
        )
        assert result.version == 1
        assert read_trust(trust_path(path)).highest_version == 3
        # and v3 itself may come back (it is not older than what was seen).
        assert install(store, kit_builder.build(3, name="v3-again"), test_public_keys).version == 3
    finally:
        store.close()


def test_a_damaged_trust_file_is_ignored_not_fatal(tmp_path, kit_builder, test_public_keys):
    path = tmp_path / "kit.sqlite"
    trust_path(path).write_bytes(b"\x00\xffkapot{")
    store = KitStore(path)
    try:
        assert install(store, kit_builder.build(1), test_public_keys).version == 1
    finally:
        store.close()
    assert read_trust(trust_path(path)).highest_version == 1


# -- the manifest's own checks: expiry and hostile JSON ------------------------------


def signed_folder(tmp_path, raw: bytes, keys=None, name="kit"):
    """A folder whose manifest bytes are exactly ``raw``, validly signed."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "manifest.json").write_bytes(raw)
    (folder / "manifest.json.sig").write_bytes(sign(test_keys.release_key(), raw))
    keys = keys or test_keys.key_list()
    (folder / "keys.json").write_bytes(keys.data)
    (folder / "keys.json.sig").write_bytes(keys.signature)
    return folder


def base_manifest(kit_builder) -> dict:
    return kit_builder.manifest_for(1, {})


def test_a_manifest_without_expiry_is_refused(tmp_path, store, kit_builder, test_public_keys):
    manifest = base_manifest(kit_builder)
    del manifest["expires"]
    with pytest.raises(ManifestError) as info:
        install(store, signed_folder(tmp_path, dump_manifest(manifest)), test_public_keys)
    assert "expires" in info.value.detail


@pytest.mark.parametrize("expires", ["2026-13-01", "morgen", "2026-11-19"])
def test_a_wrong_expiry_date_is_refused(kit_builder, expires):
    manifest = base_manifest(kit_builder) | {"expires": expires}  # published 2026-11-20
    with pytest.raises(ManifestError):
        parse_manifest(dump_manifest(manifest))


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": 1, "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"format": 1, "x": ' + b'{"a": ' * 100 + b"1" + b"}" * 100 + b"}",
        b'{"format": 1, "title": "\\ud800"}',
        b'{"format": 1, "version": NaN}',
        b"\xef\xbb\xbf{}",
    ],
    ids=["deep-list", "deep-object", "lone-surrogate", "nan", "bom"],
)
def test_hostile_json_in_a_signed_manifest_is_refused_in_dutch(
    tmp_path, store, test_public_keys, raw
):
    with pytest.raises(ManifestError) as info:
        install(store, signed_folder(tmp_path, raw), test_public_keys)
    assert info.value.message == (
        "De inhoudslijst van de kit is onjuist. De kit is niet aangepast."
    )
    assert store.installed() is None


def test_publishing_twice_gives_the_same_expiry_whatever_the_day(kit_builder):
    """expires comes from published + 180 days, never from today's clock."""
    from companion.publish.publisher import with_expiry

    manifest = base_manifest(kit_builder)
    del manifest["expires"]

    assert with_expiry(manifest, 180)["expires"] == "2027-05-19"
    assert list(with_expiry(manifest, 180)).index("expires") == 4  # right after published
    assert with_expiry(manifest | {"expires": "2030-01-01"}, 180)["expires"] == "2030-01-01"


def test_key_lists_with_malformed_content_are_refused(
    tmp_path, store, kit_builder, test_public_keys
):
    root = test_keys.root_key()
    bad_lists = [
        b"[]",
        json.dumps({"format": 1, "kind": "strategiekit-sleutellijst", "version": 1}).encode(),
        dump_key_list(1, "2100-01-01", ["ed25519-public:kapot"]),
        dump_key_list(1, "nooit", [public_text(test_keys.release_key())]),
        b'{"kind": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ]
    raw = dump_manifest(base_manifest(kit_builder))
    for number, data in enumerate(bad_lists):
        folder = signed_folder(tmp_path, raw, sign_key_list(root, data), name=f"kit{number}")
        with pytest.raises(SignatureError) as info:
            install(store, folder, test_public_keys)
        assert "geen geldige lijst" in info.value.message
        assert store.installed() is None
