"""The word rules search, the command line and find in a document share."""

from __future__ import annotations

from companion.dutch.query import QueryPart, parse_query
from companion.dutch.stems import same_family
from companion.dutch.words import search_form, words


def test_apostrophes_and_hyphens_join_a_word_and_signs_split():
    assert words("Zzp'ers, zzp-ers en NT1’ers; re-integratie") == [
        "zzpers",
        "zzpers",
        "en",
        "nt1ers",
        "reintegratie",
    ]
    assert words("Klik & Tik") == ["klik", "tik"]
    assert words("samen-\nwerking, taal- en rekenaanbod") == [
        "samenwerking",
        "taal",
        "en",
        "rekenaanbod",
    ]
    assert search_form("(Reïntegratie),") == "reintegratie"
    assert search_form("—") == ""


def test_stop_words_count_only_alone_or_in_quotes():
    assert parse_query("hoe begin ik") == parse_query("begin")
    assert [p.word for p in parse_query("de het een").parts] == ["de", "het", "een"]
    assert parse_query('"vraag het de doelgroep" de').parts == (
        QueryPart(("vraag", "het", "de", "doelgroep"), phrase=True),
    )
    assert parse_query('"focus op').parts[0].phrase  # an unclosed quote still is a phrase
    assert not parse_query("a b c")  # single letters are not search words


def test_word_families_need_the_same_start():
    assert same_family("gemeentes", "gemeente")
    assert same_family("laaggeletterdheid", "laaggeletterden")
    # Snowball takes "ge-" off: "gemeente" and "menen" share a stem, not a family.
    assert not same_family("gemeente", "menen")
