"""A first start's extraction workers start before the window is built, and the import uses them."""

from __future__ import annotations

import pytest

from companion.kit.first_run import start_extraction_early
from companion.kit.importer import apply_source
from companion.kit.library import KitLibrary
from companion.kit.source import FolderSource
from companion.pdf.extract_pool import default_workers, idle_workers, stop_idle_workers
from companion.store.kit_store import KitStore


@pytest.fixture
def no_idle_workers():
    stop_idle_workers()  # none left over from an earlier test
    yield
    stop_idle_workers()


def test_the_first_import_uses_the_workers_started_before_it(
    no_idle_workers, tmp_path, kit_builder, test_public_keys
):
    kit_store = tmp_path / "data" / "kit.sqlite"
    assert start_extraction_early(kit_store)
    early = set(idle_workers())
    assert len(early) == default_workers()

    store = KitStore(kit_store)
    try:
        apply_source(store, FolderSource(kit_builder.build(1)), trusted_keys=test_public_keys)
        assert [d.id for d in KitLibrary(store).documents()] == list(kit_builder.documents)
    finally:
        store.close()
    # The import took those workers and gave them back: none started besides them.
    assert set(idle_workers()) == early


def test_no_workers_start_early_when_a_kit_store_is_there(no_idle_workers, tmp_path):
    kit_store = tmp_path / "kit.sqlite"
    KitStore(kit_store).close()

    assert not start_extraction_early(kit_store)
    assert idle_workers() == []
