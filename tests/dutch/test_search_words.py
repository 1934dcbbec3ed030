"""The word rules search, the command line and find in a document share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.dutch.query import QueryPart, parse_query
from companion.dutch.stems import same_family
from companion.dutch.words import WORD, joined, search_form, words


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


def test_a_dutch_page_is_split_into_folded_words():
    page = "Financiële café's, ZOË-ruimte a--b x-\ny 3-4 snake_case Straße\n"
    assert words(page) == [
        "financiele",
        "cafes",
        "zoeruimte",
        "a",
        "b",
        "xy",
        "34",
        "snake",
        "case",
        "strasse",
    ]


# Dutch pages (letters that fold to plain letters, ASCII signs) and pages
# with characters that do not fold that way: a curly apostrophe, a soft
# hyphen, a combining accent, a ligature, a superscript, a fraction, a
# letter that folds to itself, a sign that folds to a word.
_DUTCH = "aZ09 ëéïöÖßÅª'`-\n\t_,.&"
_OTHER = _DUTCH + "’´\u00ad\u0301ﬁ²½æ№ĳ"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_DUTCH, max_size=40) | st.text(alphabet=_OTHER, max_size=40))
def test_a_whole_page_gives_the_words_of_folding_each_word_alone(page):
    # words() folds a Dutch page in one go; every word must come out as
    # folding that word on its own does (the rule the query and find use).
    assert words(page) == [joined(word) for word in WORD.findall(page)]


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
