"""Installing the kit shipped with the program (first start, or a rebuild): the progress
a person watches, the Stop that leaves nothing half installed, and a kit another
program on the same data folder installed first (two starts at once), which is
success and not an error."""

from __future__ import annotations

import pytest

from companion.errors import CancelledError
from companion.kit.bundled import install_newest_kit
from companion.kit.importer import apply_source
from companion.kit.source import FolderSource
from companion.store.kit_store import KitStore


@pytest.fixture
def kits(kit_builder):
    return kit_builder.build(1), kit_builder.build(2)


def installed_version(path) -> int | None:
    store = KitStore(path)
    try:
        kit = store.installed()
        return None if kit is None else kit.version
    finally:
        store.close()


def test_the_shipped_kit_reports_progress_while_it_is_installed(tmp_path, kits, test_public_keys):
    seen = []
    result = install_newest_kit(
        tmp_path / "kit.sqlite", kits[0], test_public_keys, progress=seen.append
    )
    assert result.version == 1
    assert seen  # the first-run screen has something to show
    assert installed_version(tmp_path / "kit.sqlite") == 1


def test_stopping_the_install_of_the_shipped_kit_leaves_nothing_installed(
    tmp_path, kits, test_public_keys
):
    with pytest.raises(CancelledError):
        install_newest_kit(
            tmp_path / "kit.sqlite", kits[0], test_public_keys, cancelled=lambda: True
        )
    assert installed_version(tmp_path / "kit.sqlite") is None


@pytest.mark.parametrize("shipped", [0, 1], ids=["older", "the-same"])
def test_a_kit_another_program_installed_first_counts_as_done(
    tmp_path, kits, test_public_keys, shipped
):
    """The other program put version 2 in place; this one ships version 1 or 2 too."""
    path = tmp_path / "kit.sqlite"
    other = KitStore(path)
    try:
        apply_source(other, FolderSource(kits[1]), trusted_keys=test_public_keys)
    finally:
        other.close()

    result = install_newest_kit(path, kits[shipped], test_public_keys)

    assert result.version == 2  # "Kit versie 2 staat klaar."
    assert result.previous_version is None
    assert installed_version(path) == 2
