"""JSON from outside at its limits, and signature checks on every kind of bad input."""

from __future__ import annotations

import base64
import json

import pytest

from companion.kit.json_input import MAX_DEPTH, JsonInputError, load_json
from companion.kit.signing import (
    KeyFileError,
    generate_keypair,
    parse_public_key,
    public_bytes,
    sign,
    verify,
)
from tests.support import keys as test_keys


def nested(depth: int, inner=0):
    value = inner
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


def test_nesting_up_to_the_limit_is_read():
    assert load_json(json.dumps(nested(MAX_DEPTH)).encode()) == nested(MAX_DEPTH)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (json.dumps(nested(MAX_DEPTH + 1)).encode(), "depth"),
        (b"[" * 100_000 + b"]" * 100_000, "depth"),
        (b'{"a": [1, {"b": "\\udc00"}]}', "characters"),
        (b'[{"\\ud800": 1}]', "characters"),
        (b"\xef\xbb\xbf[]", "syntax"),  # a byte order mark, where none is allowed
        (b"\xc3(", "encoding"),
    ],
)
def test_what_is_refused_and_as_what(raw, reason):
    with pytest.raises(JsonInputError) as info:
        load_json(raw)
    assert info.value.reason == reason
    assert str(info.value).startswith(f"{reason}: ")


def test_a_byte_order_mark_where_it_is_allowed():
    assert load_json(b"\xef\xbb\xbf[1]", allow_bom=True) == [1]


@pytest.mark.parametrize(
    ("text", "message", "detail"),
    [
        (
            "ed25519-private:AAAA",
            "Dit is geen publieke sleutel.",
            "expected prefix 'ed25519-public:'",
        ),
        ("ed25519-public:!!!!", "Deze publieke sleutel is beschadigd.", ""),
        ("ed25519-public:AAAA", "Deze publieke sleutel is beschadigd.", "3 bytes, expected 32"),
    ],
)
def test_a_damaged_public_key_is_named(text, message, detail):
    with pytest.raises(KeyFileError) as info:
        parse_public_key(text)
    assert info.value.message == message
    assert info.value.detail.startswith(detail)


def test_a_key_in_text_may_carry_spaces_around_it():
    _, public = generate_keypair()
    assert parse_public_key(f"  {public}\n") == parse_public_key(public)


def test_only_a_whole_signature_by_a_trusted_key_verifies():
    key = test_keys.release_key()
    good = sign(key, b"manifest")
    mine = public_bytes(key)
    other = parse_public_key(generate_keypair()[1])
    assert verify([other, b"\x00" * 31, mine], b"manifest", good)  # the second is no key at all
    assert verify([mine], b"manifest", b"  " + good)
    assert not verify([other], b"manifest", good)
    assert not verify([mine], b"manifest!", good)
    assert not verify([mine], b"manifest", b"not base64!")
    assert not verify([mine], b"manifest", base64.b64encode(base64.b64decode(good)[:63]))
    assert not verify([], b"manifest", good)


def test_a_public_key_with_a_stray_character_is_refused_not_repaired():
    _, public = generate_keypair()
    prefix, text = public.split(":", 1)
    damaged = f"{prefix}:{text[:10]}!{text[10:]}"  # one character that is not base64
    with pytest.raises(KeyFileError) as info:
        parse_public_key(damaged)
    assert info.value.message == "Deze publieke sleutel is beschadigd."
    assert info.value.detail == "Only base64 data is allowed"  # the log and the command line


def test_a_signature_with_a_stray_character_does_not_verify():
    key = test_keys.release_key()
    good = sign(key, b"manifest")
    assert verify([public_bytes(key)], b"manifest", good)
    assert not verify([public_bytes(key)], b"manifest", good[:10] + b"!" + good[10:])
