"""IT's defaults file at its edges: the limits of each value, and what the log and notice say."""

from __future__ import annotations

import logging

import pytest

from companion.store.site_defaults import load_site_defaults
from tests.support.english import in_english


def defaults(tmp_path, text: str):
    path = tmp_path / "strategiekit.toml"
    path.write_text(text, encoding="utf-8")
    return path, load_site_defaults([path])


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("tekstgrootte = 100", "100"),
        ("tekstgrootte = 200", "200"),
        ("tekstgrootte = 99", None),
        ("tekstgrootte = 201", None),
        ("tekstgrootte = true", None),
        ('taal = "nl"', "nl"),
        ('taal = "NL"', None),
    ],
)
def test_the_limits_of_each_value(tmp_path, line, value):
    _, site = defaults(tmp_path, f"[weergave]\n{line}\n")
    key = "weergave." + line.split(" ")[0]
    assert site.values.get(key) == value
    assert bool(site.notices) is (value is None)


@pytest.mark.parametrize(
    ("portal", "kept"),
    [
        ("https://kit.voorbeeld.nl/strategiekit/", "https://kit.voorbeeld.nl/strategiekit/"),
        (" https://kit.voorbeeld.nl/kit ", "https://kit.voorbeeld.nl/kit/"),
        ("https:///zonder-host/", None),
        ("ftp://kit.voorbeeld.nl/", None),
    ],
)
def test_a_portal_address_gets_one_closing_slash(tmp_path, portal, kept):
    _, site = defaults(tmp_path, f'[updates]\nportal = "{portal}"\n')
    assert site.values.get("sync.portal_url") == kept


def test_a_key_outside_a_section_is_skipped_and_the_sections_still_count(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="companion.store.site_defaults"):
        path, site = defaults(
            tmp_path, 'taal = "nl"\n[weergave]\ntekstgrootte = 150\nkleur = "rood"\n'
        )
    assert site.values == {"weergave.tekstgrootte": "150"}
    assert site.source == path
    assert [r.getMessage() for r in caplog.records] == [
        f"defaults file {path}: ignored taal, weergave.kleur"
    ]
    [notice] = site.notices
    assert notice == (
        f"In het bestand met standaardinstellingen ({path}) is overgeslagen wat niet klopt: "
        "taal, weergave.kleur. De rest geldt wel."
    )
    assert in_english(notice) == (
        f"In the file with default settings ({path}), what is not right has been skipped: "
        "taal, weergave.kleur. The rest does apply."
    )


def test_a_good_file_is_logged_with_what_it_sets(tmp_path, caplog):
    with caplog.at_level(logging.INFO, logger="companion.store.site_defaults"):
        path, site = defaults(tmp_path, '[weergave]\ntaal = "en"\nhoog_contrast = false\n')
        (tmp_path / "leeg").mkdir()
        empty, _ = defaults(tmp_path / "leeg", "")
    assert site.notices == [] and site.source == path
    assert [r.getMessage() for r in caplog.records] == [
        f"defaults file {path}: weergave.contrast, weergave.taal",
        f"defaults file {empty}: empty",
    ]


def test_an_unreadable_file_is_named_in_the_log_and_the_notice(tmp_path, caplog):
    path = tmp_path / "strategiekit.toml"
    path.write_bytes(b"\xff\xfe taal")
    with caplog.at_level(logging.INFO, logger="companion.store.site_defaults"):
        site = load_site_defaults([path])
    assert site.source == path and site.values == {}
    [record] = caplog.records
    assert record.getMessage().startswith(f"defaults file {path} ignored: not valid TOML: ")
    [notice] = site.notices
    assert notice == (
        f"Het bestand met standaardinstellingen ({path}) kan niet worden gelezen en is "
        "overgeslagen. Vraag je IT-afdeling het na te kijken."
    )
    assert in_english(notice).startswith(f"The file with default settings ({path}) cannot be read")


@pytest.mark.parametrize("extra", [0, 1])
def test_a_file_up_to_the_size_limit_is_read_and_one_byte_more_is_not(tmp_path, caplog, extra):
    from companion.store.site_defaults import MAX_BYTES

    body = '[weergave]\ntaal = "nl"\n'
    padding = "#" * (MAX_BYTES + extra - len(body) - 1) + "\n"  # a long comment line
    path = tmp_path / "strategiekit.toml"
    path.write_text(body + padding, encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES + extra
    with caplog.at_level(logging.WARNING, logger="companion.store.site_defaults"):
        site = load_site_defaults([path])
    if extra == 0:
        assert site.values == {"weergave.taal": "nl"} and site.notices == []
        assert caplog.records == []
    else:
        assert site.values == {} and site.source == path and len(site.notices) == 1
        [record] = caplog.records
        assert record.getMessage() == (
            f"defaults file {path} ignored: {MAX_BYTES + 1} bytes, more than {MAX_BYTES}"
        )


def test_a_file_the_system_refuses_to_read_is_skipped_with_a_notice(tmp_path):
    # A name longer than the file system allows: stat() itself fails (ENAMETOOLONG), as it
    # does for a share that refuses access. The program starts on its own defaults.
    path = tmp_path / ("strategiekit-" + "x" * 300 + ".toml")
    site = load_site_defaults([path, tmp_path / "strategiekit.toml"])
    assert site.source == path and site.values == {}
    [notice] = site.notices
    assert notice == (
        f"Het bestand met standaardinstellingen ({path}) kan niet worden gelezen en is "
        "overgeslagen. Vraag je IT-afdeling het na te kijken."
    )
