"""Fixtures the kit tests share: the Bibliotheek over the real bundled kit."""

from __future__ import annotations

import pytest

from companion.kit.library import KitLibrary
from companion.store.kit_store import KitStore


@pytest.fixture
def library(installed_kit):
    """KitLibrary over the bundled kit as installed (the ``installed_kit`` fixture)."""
    store = KitStore(installed_kit / "kit.sqlite")
    yield KitLibrary(store)
    store.close()
