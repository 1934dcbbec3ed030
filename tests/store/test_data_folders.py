"""Data folders with the names people give them: spaces, #, ?, %, accents, long paths.

Each folder gets the program's full start (both stores, the kit put in place),
and everything must land inside that folder, under the expected names, and
open again on a second start.
"""

from __future__ import annotations

import sys

import pytest

from companion.context import AppContext
from companion.paths import app_paths
from companion.store.sqlite_base import sqlite_uri

NAMES = [
    "Bieb #2 één",
    "50% kit?",
    "%41 test",
    "kit&co; 'quote' [1]",
    "x" * 60 + "/" + "diep " * 30 + "/" + "nog dieper",  # a long path (over 250 characters)
]


def start(folder, kit, roots):
    context = AppContext.open(app_paths(folder), bundled_dir=kit, trusted_keys=roots)
    if context.needs_bundled_kit():
        context.install_bundled_kit()
    return context


@pytest.mark.parametrize(
    "name", NAMES, ids=["hash-accents", "percent-question", "percent-41", "punctuation", "long"]
)
def test_a_data_folder_with_any_name_keeps_everything_inside(
    tmp_path, kit_builder, test_public_keys, name
):
    kit = kit_builder.build(1)
    folder = tmp_path / "werk" / name
    context = start(folder, kit, test_public_keys)
    context.user.set_setting("taal", "nl")
    context.close()

    assert {p.name for p in folder.iterdir()} >= {"kit.sqlite", "user.sqlite", "kit.trust.json"}
    assert sorted(p.name for p in (tmp_path / "werk").iterdir()) == [name.split("/")[0]]
    again = start(folder, kit, test_public_keys)
    try:
        assert again.library.installed().version == 1
        assert again.user.setting("taal") == "nl"
    finally:
        again.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a backslash is a separator on Windows")
def test_a_backslash_in_a_folder_name_is_part_of_the_name(tmp_path, kit_builder, test_public_keys):
    """On Linux and macOS ``C:\\Bieb`` is one folder name, not a path."""
    folder = tmp_path / "werk" / "C:\\Bieb\\kit"
    context = start(folder, kit_builder.build(1), test_public_keys)
    context.close()
    assert (folder / "kit.sqlite").is_file()
    assert [p.name for p in (tmp_path / "werk").iterdir()] == ["C:\\Bieb\\kit"]


@pytest.mark.skipif(sys.platform != "win32", reason="Windows paths")
def test_a_path_given_with_backslashes_on_windows(tmp_path, kit_builder, test_public_keys):
    folder = str(tmp_path / "Bieb #2").replace("/", "\\")
    context = start(folder, kit_builder.build(1), test_public_keys)
    context.close()
    assert (tmp_path / "Bieb #2" / "kit.sqlite").is_file()


def test_sqlite_uri_escapes_what_uri_syntax_would_eat(tmp_path):
    uri = sqlite_uri(tmp_path / "Bieb #2" / "50% kit?.sqlite", readonly=True)
    assert uri.startswith("file:///") and uri.endswith("?mode=ro")
    assert uri.endswith("/Bieb%20%232/50%25%20kit%3F.sqlite?mode=ro")
    assert "#" not in uri and uri.count("?") == 1
