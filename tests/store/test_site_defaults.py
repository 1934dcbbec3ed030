"""IT's defaults file: read once, a person's own choice wins, a broken file never stops a start."""

from __future__ import annotations

import logging

import pytest

from companion.context import AppContext
from companion.paths import app_paths
from companion.store.site_defaults import load_site_defaults
from companion.store.user_store import UserStore
from companion.sync.settings import SyncSettings, load_sync_settings, save_sync_settings

FULL = """
# strategiekit.toml, as IT places it
[updates]
portal = "https://kit.voorbeeld.nl/strategiekit"
zoeken_bij_start = false

[weergave]
taal = "en"
tekstgrootte = 150
hoog_contrast = true
"""


@pytest.fixture
def user(tmp_path):
    store = UserStore(tmp_path / "user.sqlite")
    yield store
    store.close()


def defaults_file(tmp_path, text: str, name="strategiekit.toml"):
    path = tmp_path / "etc" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_becomes_a_default(tmp_path):
    site = load_site_defaults([tmp_path / "missing.toml", defaults_file(tmp_path, FULL)])
    assert site.notices == []
    assert site.values == {
        "sync.portal_url": "https://kit.voorbeeld.nl/strategiekit/",
        "sync.check_at_start": "0",
        "weergave.taal": "en",
        "weergave.tekstgrootte": "150",
        "weergave.contrast": "1",
    }


def test_no_file_no_defaults(tmp_path):
    site = load_site_defaults([tmp_path / "nothing-here.toml"])
    assert site.values == {} and site.notices == [] and site.source is None


def test_the_persons_choice_wins_and_untouched_settings_follow_it(tmp_path, user):
    user.defaults = load_site_defaults([defaults_file(tmp_path, FULL)]).values
    assert load_sync_settings(user) == SyncSettings("https://kit.voorbeeld.nl/strategiekit/", False)
    # Saving the dialog unchanged stores nothing: the portal keeps following IT.
    save_sync_settings(user, SyncSettings("https://kit.voorbeeld.nl/strategiekit/", False))
    assert user.own_setting("sync.portal_url") is None
    assert user.own_setting("sync.check_at_start") is None
    # A choice of one's own is kept, and wins over what IT says later.
    save_sync_settings(user, SyncSettings("https://kit.voorbeeld.nl/strategiekit/", True))
    assert user.own_setting("sync.check_at_start") == "1"
    user.defaults = load_site_defaults(
        [defaults_file(tmp_path, FULL.replace("kit.voorbeeld.nl", "nieuw.voorbeeld.nl"))]
    ).values
    assert load_sync_settings(user) == SyncSettings(
        "https://nieuw.voorbeeld.nl/strategiekit/", True
    )


def test_a_broken_file_is_logged_in_one_line_ignored_and_noticed(tmp_path, caplog):
    path = defaults_file(tmp_path, "[updates\nportal = ")
    with caplog.at_level(logging.INFO, logger="companion.store.site_defaults"):
        site = load_site_defaults([path])
    assert site.values == {}
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].exc_info is None and "\n" not in caplog.records[0].getMessage()
    assert str(path) in site.notices[0] and "overgeslagen" in site.notices[0]


def test_wrong_values_are_skipped_one_by_one(tmp_path, caplog):
    text = """
[updates]
portal = "http://onveilig.voorbeeld.nl/"
zoeken_bij_start = "ja"
[weergave]
taal = "fr"
tekstgrootte = 300
hoog_contrast = true
kleur = "blauw"
"""
    with caplog.at_level(logging.WARNING, logger="companion.store.site_defaults"):
        site = load_site_defaults([defaults_file(tmp_path, text)])
    assert site.values == {"weergave.contrast": "1"}
    [notice] = site.notices
    for key in ("updates.portal", "updates.zoeken_bij_start", "weergave.taal", "weergave.kleur"):
        assert key in notice
    assert len(caplog.records) == 1


def test_the_program_starts_with_the_defaults_and_says_what_was_wrong(tmp_path, monkeypatch):
    path = defaults_file(tmp_path, FULL.replace('taal = "en"', 'taal = "de"'))
    monkeypatch.setenv("STRATEGIEKIT_CONFIG", str(path))
    context = AppContext.open(app_paths(tmp_path / "data"))
    try:
        assert context.user.setting("weergave.tekstgrootte") == "150"
        assert context.user.setting("weergave.taal", "nl") == "nl"  # "de" was skipped
        assert any("weergave.taal" in notice for notice in context.notices)
    finally:
        context.close()
