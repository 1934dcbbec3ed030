"""Shared test set-up: headless Qt, the test signing key, small signed kits."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from companion.signing import load_private_key, parse_public_key

from .kitbuilder import KitBuilder

KEYS = Path(__file__).parent / "keys"


@pytest.fixture(scope="session")
def test_key():
    return load_private_key(KEYS / "test-ed25519.key")


@pytest.fixture(scope="session")
def test_public_keys() -> tuple[bytes, ...]:
    return (parse_public_key((KEYS / "test-ed25519.key.pub").read_text()),)


@pytest.fixture
def kit_builder(tmp_path, test_key) -> KitBuilder:
    return KitBuilder(tmp_path / "kits", test_key)


def screenshot(widget, name: str) -> None:
    """Save what a widget shows as PNG when SCREENSHOT_DIR is set (to look at it)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))
