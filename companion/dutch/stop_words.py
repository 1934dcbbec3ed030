"""Dutch stop words: the little words that say nothing about what a page is about.

"klik en tik" is about Klik & Tik, not about every page with "en" on it, and
"hoe begin ik" is about beginning. Search leaves these words out of matching
and highlighting, unless the query has nothing else (then they are what was
asked: "de het een") or they stand in a phrase in quotes ("vraag het de
doelgroep"). Find in a document uses the same list.

The list: articles, pronouns, prepositions, conjunctions, the common forms of
zijn, hebben, worden, kunnen, zullen, moeten, willen, doen and weten ("wat moet ik weten
over ..."), and question words and small adverbs. Content words a library worker searches for
(werk, taal, samen, buiten, binnen, veel, goed) are not on it.
"""

from __future__ import annotations

_LIST = """
    de het een der des den t n
    en of maar want dus omdat als dan dat die dit deze daar hier er
    in op aan met voor van naar bij uit door over tot om te tegen onder na zonder
    ik me mij mijn je jij jou jouw u uw hij hem zij ze haar wij we ons onze jullie
    hun hen zich men
    is ben bent was waren wordt worden werd werden zijn zijt ga gaat
    heb hebt heeft hebben had hadden kan kun kunt kunnen kon konden
    zal zult zullen zou zouden moet moeten moest wil wilt willen wilde
    doe doet doen deed weet weten
    niet geen ook nog al wel toch nu zo eens even erg zeer
    hoe wie wat waar welke welk wanneer waarom
    iets niets iemand niemand alles
"""
STOP_WORDS = frozenset(_LIST.split())


def is_stop_word(word: str) -> bool:
    """``word`` in search form (see :func:`companion.dutch.words.joined`)."""
    return word in STOP_WORDS
