"""A kit in a folder: what is read, how much of it, and what is said when a part is missing."""

from __future__ import annotations

import pytest

from companion.errors import MissingFileError, SignatureError
from companion.kit.key_list import MAX_KEY_LIST_SIZE
from companion.kit.manifest import MAX_MANIFEST_SIZE, FileRef
from companion.kit.source import MAX_SIGNATURE_SIZE, FolderSource, read_signed
from tests.support.english import in_english


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "files").mkdir()
    for name, data in {
        "manifest.json": b"{}",
        "manifest.json.sig": b"handtekening\n",
        "keys.json": b"[]",
        "keys.json.sig": b"sleutels\n",
    }.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_what_a_folder_offers(folder):
    kit = read_signed(FolderSource(folder))
    assert (kit.manifest, kit.signature) == (b"{}", b"handtekening\n")
    assert (kit.keys.data, kit.keys.signature) == (b"[]", b"sleutels\n")
    assert FolderSource(folder).description == str(folder)


def test_no_more_is_read_than_a_real_part_can_be(folder):
    (folder / "manifest.json").write_bytes(b"x" * (MAX_MANIFEST_SIZE + 10))
    (folder / "manifest.json.sig").write_bytes(b"s" * (MAX_SIGNATURE_SIZE + 10))
    (folder / "keys.json").write_bytes(b"k" * (MAX_KEY_LIST_SIZE + 10))
    (folder / "keys.json.sig").write_bytes(b"t" * (MAX_SIGNATURE_SIZE + 10))
    kit = read_signed(FolderSource(folder))
    assert len(kit.manifest) == MAX_MANIFEST_SIZE + 1  # one more: "too large" is noticed
    assert len(kit.signature) == MAX_SIGNATURE_SIZE
    assert (len(kit.keys.data), len(kit.keys.signature)) == (
        MAX_KEY_LIST_SIZE + 1,
        MAX_SIGNATURE_SIZE,
    )


def test_a_content_file_is_read_with_one_byte_more_and_counted(folder):
    (folder / "files" / ("a" * 64)).write_bytes(b"%PDF" * 10)
    seen = []
    data = FolderSource(folder).read_file(FileRef("a" * 64, 12, "a.pdf"), seen.append)
    assert data == b"%PDF" * 3 + b"%"
    assert seen == [13]


def test_a_folder_without_a_key_list_offers_none(folder):
    (folder / "keys.json.sig").unlink()
    assert FolderSource(folder).read_key_list() is None


@pytest.mark.parametrize(
    ("missing", "error", "message"),
    [
        (
            "manifest.json",
            MissingFileError,
            "Hier staat geen kit: de inhoudslijst (manifest.json) ontbreekt.",
        ),
        (
            "manifest.json.sig",
            SignatureError,
            "De kit heeft geen handtekening. Hij is niet geïnstalleerd.",
        ),
    ],
)
def test_a_missing_part_is_named(folder, missing, error, message):
    (folder / missing).unlink()
    with pytest.raises(error) as info:
        FolderSource(folder).read_manifest()
    assert info.value.message == message
    assert missing in info.value.detail
    assert in_english(info.value) != message


def test_a_missing_content_file_is_named(folder):
    with pytest.raises(MissingFileError) as info:
        FolderSource(folder).read_file(FileRef("b" * 64, 10, "persona-henk.pdf"), print)
    assert info.value.message == (
        "Het bestand persona-henk.pdf ontbreekt in de kit. De kit is niet aangepast."
    )
    assert "b" * 64 in info.value.detail
    assert "persona-henk.pdf" in in_english(info.value)
