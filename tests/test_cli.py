"""The command line end to end: make a key, publish a kit with an update file, carry it over.

This is the path of a kit editor and of a facilitator with a USB stick:
keygen -> publish --kitupdate -> import-update on another machine (a fresh
data dir) -> search there -> export-update for the next machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.cli import main
from tests.publish.test_kit_sources import DOC, KIT_TOML, STEPS_TOML

PROJECT_KEY = Path(__file__).resolve().parents[1] / "keys" / "project-ed25519.key"


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


def test_publish_import_search_export(tmp_path, sources, capsys):
    portal, update = tmp_path / "portal", tmp_path / "kit-v2.kitupdate"
    args = ["publish", str(sources), str(portal), "--key", str(PROJECT_KEY)]
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


def test_publish_refuses_a_broken_source_with_a_clear_message(tmp_path, sources, capsys):
    (sources / "werkbladen" / "werkblad-test.md").write_text(
        DOC.replace('type = "werkblad"', 'type = "folder"'), encoding="utf-8"
    )
    code = main(["publish", str(sources), str(tmp_path / "out"), "--key", str(PROJECT_KEY)])
    assert code == 1
    err = capsys.readouterr().err
    assert "werkblad-test.md" in err
    assert not (tmp_path / "out" / "manifest.json").exists()


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
