"""The key list's rules, one case each, and which of several lists is in force."""

from __future__ import annotations

import json

import pytest

from companion.errors import SignatureError
from companion.kit.key_list import (
    MAX_KEY_LIST_SIZE,
    SignedKeys,
    current_key_lists,
    newest_key_list,
    sign_key_list,
    verify_key_list,
)
from companion.kit.signing import generate_keypair, parse_public_key, public_text
from tests.support import keys as test_keys
from tests.support.english import in_english

ROOTS = test_keys.root_public_keys()
RELEASE = public_text(test_keys.release_key())


def signed(data: dict | bytes) -> SignedKeys:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return sign_key_list(test_keys.root_key(), raw)


def listing(**fields) -> dict:
    return {
        "format": 1,
        "kind": "strategiekit-sleutellijst",
        "version": 2,
        "expires": "2100-01-01",
        "release_keys": [RELEASE],
        **fields,
    }


def test_a_good_list_names_its_keys():
    key_list = verify_key_list(signed(listing()), ROOTS)
    assert (key_list.version, key_list.expires) == (2, "2100-01-01")
    assert key_list.release_keys == (parse_public_key(RELEASE),)
    assert verify_key_list(signed(listing(version=10**9)), ROOTS).version == 10**9
    keys = [generate_keypair()[1] for _ in range(32)]
    assert len(verify_key_list(signed(listing(release_keys=keys)), ROOTS).release_keys) == 32


_, OTHER = generate_keypair()

CASES = [
    (b" " * (MAX_KEY_LIST_SIZE + 1), "key list too large"),
    (b"{niet af", "key list: syntax: "),
    (b"[]", "not a key list of this format"),
    (listing(kind="iets anders"), "not a key list of this format"),
    (listing(format=2), "not a key list of this format"),
    (listing(version=0), "key list version 0"),
    (listing(version=10**9 + 1), "key list version 1000000001"),
    (listing(version=True), "key list version True"),
    (listing(expires="2100-13-01"), "key list expires '2100-13-01'"),
    (listing(expires=None), "key list expires None"),
    (listing(release_keys=[]), "release_keys must be a list of 1 to 32 keys"),
    (listing(release_keys=RELEASE), "release_keys must be a list of 1 to 32 keys"),
    (listing(release_keys=[OTHER] * 33), "release_keys must be a list of 1 to 32 keys"),
    (listing(release_keys=[5]), "release key 5"),
    (listing(release_keys=["ed25519-private:AAAA"]), "release key 'ed25519-private:AAAA'"),
    (
        listing(release_keys=["ed25519-public:AAAA"]),
        "release key 'ed25519-public:AAAA': 3 bytes, expected 32",
    ),
]


@pytest.mark.parametrize(("data", "detail"), CASES)
def test_a_wrong_list_is_refused_and_says_why_in_the_log(data, detail):
    with pytest.raises(SignatureError) as info:
        verify_key_list(signed(data), ROOTS)
    assert info.value.message == (
        "De kit heeft geen geldige lijst met vertrouwde sleutels. Hij is niet geïnstalleerd."
    )
    assert info.value.detail.startswith(detail)
    assert in_english(info.value) != info.value.message


def test_a_list_not_signed_by_the_root_is_not_read():
    good = signed(listing())
    for signature in (b"", b"  \n", test_keys.key_list(root=test_keys.release_key()).signature):
        with pytest.raises(SignatureError) as info:
            verify_key_list(SignedKeys(good.data, signature), ROOTS)
        assert info.value.detail == "key list signature does not verify against the pinned root"


def test_the_newest_valid_lists_are_in_force():
    two_a, two_b = signed(listing()), signed(listing(expires="2099-01-01"))
    three = signed(listing(version=3))
    broken = SignedKeys(three.data, b"")
    assert [k.version for k in current_key_lists([None, two_a, broken, three], ROOTS)] == [3]
    both = current_key_lists([two_a, None, two_b], ROOTS)
    assert [k.expires for k in both] == ["2100-01-01", "2099-01-01"]
    assert newest_key_list([two_b, two_a], ROOTS).expires == "2099-01-01"


def test_without_any_valid_list_the_last_problem_is_told():
    with pytest.raises(SignatureError) as info:
        current_key_lists([None, signed(listing(version=0))], ROOTS)
    assert info.value.detail == "key list version 0"
    with pytest.raises(SignatureError) as info:
        current_key_lists([None], ROOTS)
    assert info.value.detail == "no key list"


def test_a_list_of_exactly_the_largest_size_is_read():
    raw = json.dumps(listing()).encode()
    padded = raw + b" " * (MAX_KEY_LIST_SIZE - len(raw))
    assert verify_key_list(signed(padded), ROOTS).version == 2
