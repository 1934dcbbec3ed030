"""The command line end to end: make a key, publish a kit with an update file, carry it over.

This is the path of a kit editor and of a facilitator with a USB stick:
keygen -> sign-keys -> publish --kitupdate -> import-update on another machine
(a fresh data dir) -> search there -> export-update for the next machine.

The tests sign with their own throw-away root (``tests/keys/``) and pin it
beside the program's root for the length of a test (``pinned_test_root``):
the program still puts its own bundled kit in place first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import companion.kit.trusted_keys as trusted_keys
from companion.cli import main
from tests.publish.test_kit_sources import DOC, KIT_TOML, STEPS_TOML
from tests.support import keys as test_keys
from tests.support.project import TEST_KEYS

RELEASE_KEY = TEST_KEYS / "test-ed25519.key"
ROOT_KEY = TEST_KEYS / "test-root-ed25519.key"


@pytest.fixture
def pinned_test_root(monkeypatch):
    """The program trusts the test root too (restored after the test)."""
    monkeypatch.setattr(
        trusted_keys, "TRUSTED_KEYS", trusted_keys.ROOT_KEYS + test_keys.root_public_keys()
    )


@pytest.fixture
def key_list(tmp_path: Path, capsys) -> Path:
    """keys.json (+ .sig) naming the test release key, made with the sign-keys command."""
    folder = tmp_path / "sleutellijst"
    code = main(
        [
            "sign-keys",
            str(folder),
            "--root",
            str(ROOT_KEY),
            "--release",
            str(RELEASE_KEY) + ".pub",
            "--version",
            "1",
            "--expires",
            "2100-01-01",
        ]
    )
    assert code == 0
    assert "Sleutellijst versie 1" in capsys.readouterr().out
    return folder / "keys.json"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """Kit sources for version 900 (far above the bundled kit's), one werkblad."""
    folder = tmp_path / "sources"
    (folder / "werkbladen").mkdir(parents=True)
    kit_toml = KIT_TOML.replace("version = 2\n", "version = 900\n")
    assert kit_toml != KIT_TOML
    (folder / "kit.toml").write_text(kit_toml, encoding="utf-8")
    (folder / "steps.toml").write_text(STEPS_TOML, encoding="utf-8")
    (folder / "werkbladen" / "werkblad-test.md").write_text(DOC, encoding="utf-8")
    return folder


def test_keygen_makes_a_pair_and_never_overwrites(tmp_path, capsys):
    key = tmp_path / "sleutels" / "kit.key"
    assert main(["keygen", str(key)]) == 0
    private, public = key.read_text(), key.with_name("kit.key.pub").read_text()
    assert private.startswith("ed25519-private:") and public.startswith("ed25519-public:")
    assert public.strip() in capsys.readouterr().out

    assert main(["keygen", str(key)]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert key.read_text() == private


def test_keygen_keeps_the_private_half_private(tmp_path):
    key = tmp_path / "kit.key"
    assert main(["keygen", str(key)]) == 0
    assert key.stat().st_mode & 0o777 == 0o600
    assert key.with_name("kit.key.pub").stat().st_mode & 0o077 == 0o044  # others may read it


def test_publish_import_search_export(tmp_path, sources, key_list, pinned_test_root, capsys):
    portal, update = tmp_path / "portal", tmp_path / "kit-v2.kitupdate"
    args = [
        "publish",
        str(sources),
        str(portal),
        "--key",
        str(RELEASE_KEY),
        "--keys",
        str(key_list),
    ]
    assert main([*args, "--kitupdate", str(update)]) == 0
    assert "Versie 900 gepubliceerd" in capsys.readouterr().out
    first = update.read_bytes()
    assert main([*args, "--kitupdate", str(update)]) == 0
    assert "veranderd: geen" in capsys.readouterr().out
    assert update.read_bytes() == first, "publishing again must give the same update file"

    other_machine = ["--data-dir", str(tmp_path / "elders")]
    assert main([*other_machine, "import-update", str(update)]) == 0
    capsys.readouterr()
    assert main([*other_machine, "search", "werkblad"]) == 0
    assert capsys.readouterr().out.startswith("werkblad-test\tp.1\tEen werkblad")

    # The same file again is "nothing to do", not an error (exit 0), and changes nothing.
    assert main([*other_machine, "import-update", str(update)]) == 0
    assert "al geïnstalleerd" in capsys.readouterr().out

    carried = tmp_path / "voor-de-volgende"
    assert main([*other_machine, "export-update", str(carried)]) == 0
    exported = carried.with_name(carried.name + ".kitupdate")
    assert exported.read_bytes() == first, "the installed kit travels on exactly as published"


def test_publish_refuses_a_broken_source_with_a_clear_message(
    tmp_path, sources, key_list, pinned_test_root, capsys
):
    (sources / "werkbladen" / "werkblad-test.md").write_text(
        DOC.replace('type = "werkblad"', 'type = "folder"'), encoding="utf-8"
    )
    out = str(tmp_path / "out")
    code = main(["publish", str(sources), out, "--key", str(RELEASE_KEY), "--keys", str(key_list)])
    assert code == 1
    err = capsys.readouterr().err
    assert "werkblad-test.md" in err
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_publish_sets_expiry_from_the_published_date(
    tmp_path, sources, key_list, pinned_test_root, capsys
):
    portal = tmp_path / "portal"
    base = ["publish", str(sources), str(portal), "--key", str(RELEASE_KEY)]
    assert main([*base, "--keys", str(key_list), "--valid-days", "30"]) == 0
    manifest = json.loads((portal / "manifest.json").read_text(encoding="utf-8"))
    # kit.toml says published = 2026-11-23 (tests/publish/test_kit_sources.py).
    assert (manifest["published"], manifest["expires"]) == ("2026-11-23", "2026-12-23")
    assert (portal / "keys.json").read_bytes() == key_list.read_bytes()


def test_publish_refuses_a_key_list_the_program_would_not_trust(
    tmp_path, sources, key_list, capsys
):
    """Without the test root pinned, the program's own root did not sign this list."""
    out = tmp_path / "out"
    args = ["publish", str(sources), str(out), "--key", str(RELEASE_KEY), "--keys", str(key_list)]
    assert main(args) == 1
    assert "niet ondertekend met de root-sleutel" in capsys.readouterr().err
    assert not (out / "manifest.json").exists()


def test_publish_refuses_a_key_that_is_not_on_the_list(
    tmp_path, sources, key_list, pinned_test_root, capsys
):
    other = tmp_path / "ander.key"
    assert main(["keygen", str(other)]) == 0
    out = tmp_path / "out"
    args = ["publish", str(sources), str(out), "--key", str(other), "--keys", str(key_list)]
    assert main(args) == 1
    assert "staat niet op de sleutellijst" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["nan", "-1", "0", "inf", "tien", "601"])
def test_sync_timeout_must_be_a_sensible_number_of_seconds(tmp_path, value, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--data-dir", str(tmp_path), "sync", f"--timeout={value}"])
    assert info.value.code == 2
    assert "geen geldige wachttijd" in capsys.readouterr().err
    assert not (tmp_path / "kit.sqlite").exists()  # refused before anything was opened


def test_lang_en_speaks_english_also_in_help_and_errors(tmp_path, capsys):
    key = tmp_path / "kit.key"
    assert main(["--lang", "en", "keygen", str(key)]) == 0
    assert "Private key: " in capsys.readouterr().out
    assert main(["--lang", "en", "keygen", str(key)]) == 1
    assert "already exists; nothing has been overwritten." in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    assert "all data in this folder (portable)" in capsys.readouterr().out


def test_the_language_chosen_in_the_program_is_the_command_lines(tmp_path, capsys):
    from companion.store.user_store import UserStore

    data = tmp_path / "data"
    data.mkdir()
    user = UserStore(data / "user.sqlite")
    user.set_setting("weergave.taal", "en")
    user.close()
    broken = tmp_path / "kapot.kitupdate"
    broken.write_bytes(b"dit is geen updatebestand")
    assert main(["--data-dir", str(data), "import-update", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "This update file is damaged or incomplete" in err
    # --lang wins over the setting.
    assert main(["--lang", "nl", "--data-dir", str(data), "import-update", str(broken)]) == 1
    assert "Dit updatebestand is beschadigd" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "read_quickly"),
    [
        ([], True),
        (["--data-dir", "data"], True),
        (["--data-dir=data", "--selftest"], True),
        (["--data", "data", "--lang", "en"], True),  # an abbreviation, as argparse allows
        (["--lang", "xx"], False),  # refused by the full parser (exit 2, its message)
        (["--help"], False),
        (["--data-dir"], False),
        (["search", "klantreis"], False),
        (["--selftest", "open", "slides.pdf", "--page", "3"], False),
    ],
)
def test_the_usual_start_reads_its_options_as_the_full_parser_does(arguments, read_quickly):
    """window_start skips making every command's parser for a plain start; whatever it
    reads must be exactly what the full parser reads, and anything else is left to it."""
    from companion.cli import build_parser, window_start

    quick = window_start(arguments)
    assert (quick is not None) == read_quickly
    if quick is not None:
        assert vars(quick) == vars(build_parser().parse_args(arguments))
        assert quick.command is None
