"""The key format: generation, checksum, hint, digest and scanning free text."""

from __future__ import annotations

import hashlib
import json
import re
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rakerone_desktop.domain import keyformat as kf
from rakerone_desktop.domain.keyformat import Candidate, find_candidates

# Examples are fast, but other suites may share the machine: no per-example deadline.
relaxed = settings(deadline=None)

random_parts = st.text(alphabet=kf.ALPHABET, min_size=kf.RANDOM_LENGTH, max_size=kf.RANDOM_LENGTH)
valid_keys = random_parts.map(lambda r: kf.PREFIX + r + kf.checksum(r))


def _decode_base62(text: str) -> int:
    value = 0
    for char in text:
        value = value * 62 + kf.ALPHABET.index(char)
    return value


# --- generation and validation -------------------------------------------------


def test_constants_match_the_spec() -> None:
    assert kf.ALPHABET == "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    assert kf.KEY_LENGTH == 47
    assert len(set(kf.ALPHABET)) == 62


def test_generated_keys_are_valid() -> None:
    for _ in range(500):
        key = kf.generate_key()
        assert len(key) == 47
        assert re.fullmatch(r"rone_[0-9A-Za-z]{42}", key)
        assert kf.has_key_format(key)
        assert kf.is_valid_key(key)


def test_generated_keys_differ() -> None:
    assert len({kf.generate_key() for _ in range(500)}) == 500


@relaxed
@given(random_parts)
def test_checksum_is_crc32_in_big_endian_base62(random_part: str) -> None:
    check = kf.checksum(random_part)
    assert len(check) == kf.CHECKSUM_LENGTH
    assert set(check) <= set(kf.ALPHABET)
    assert _decode_base62(check) == zlib.crc32(random_part.encode("ascii"))


def test_checksum_known_values() -> None:
    # Left-padded with "0": crc32(b"") == 0; and a value worked out by hand.
    assert kf.checksum("") == "000000"
    crc = zlib.crc32(b"A" * 36)
    digits = []
    while crc:
        crc, rem = divmod(crc, 62)
        digits.append(kf.ALPHABET[rem])
    assert kf.checksum("A" * 36) == "".join(reversed(digits)).rjust(6, "0")


@relaxed
@given(valid_keys)
def test_a_valid_key_is_valid(key: str) -> None:
    assert kf.is_valid_key(key)
    assert kf.has_key_format(key)


@relaxed
@given(valid_keys, st.data())
def test_every_substitution_in_the_random_part_breaks_the_checksum(
    key: str, data: st.DataObject
) -> None:
    # CRC-32 detects every error burst up to 32 bits; one changed character is
    # at most 8 bits, so this holds for every key and every substitution.
    pos = data.draw(st.integers(len(kf.PREFIX), len(kf.PREFIX) + kf.RANDOM_LENGTH - 1))
    new = data.draw(st.sampled_from(kf.ALPHABET).filter(lambda c: c != key[pos]))
    changed = key[:pos] + new + key[pos + 1 :]
    assert kf.has_key_format(changed)
    assert not kf.is_valid_key(changed)


def test_every_substitution_of_one_key_is_caught_exhaustively() -> None:
    key = kf.generate_key()
    for pos in range(len(kf.PREFIX), kf.KEY_LENGTH):
        for new in kf.ALPHABET:
            if new != key[pos]:
                assert not kf.is_valid_key(key[:pos] + new + key[pos + 1 :]), (pos, new)


@relaxed
@given(valid_keys, st.data())
def test_any_single_character_change_invalidates(key: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(key) - 1))
    new = data.draw(st.characters().filter(lambda c: c != key[pos]))
    assert not kf.is_valid_key(key[:pos] + new + key[pos + 1 :])


@relaxed
@given(valid_keys, st.data())
def test_insertions_and_deletions_invalidate(key: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(key) - 1))
    char = data.draw(st.characters())
    assert not kf.is_valid_key(key[:pos] + key[pos + 1 :])
    assert not kf.is_valid_key(key[:pos] + char + key[pos:])


@pytest.mark.parametrize(
    "make",
    [
        lambda k: k + "\n",
        lambda k: " " + k,
        lambda k: k.upper(),
        lambda k: "RONE_" + k[5:],
        lambda k: "rone-" + k[5:],
        lambda k: k[:-1],
        lambda k: k + "0",
        lambda k: k[:20] + "é" + k[21:],
        lambda k: k[:20] + "٣" + k[21:],  # an Arabic-Indic digit: \d would take it
        lambda k: "",
    ],
)
def test_near_misses_are_invalid(make: object) -> None:
    key = kf.generate_key()
    assert callable(make)
    bad = make(key)
    assert bad != key
    assert not kf.is_valid_key(bad)


def test_format_without_checksum() -> None:
    random_part = "a" * 36
    wrong = kf.PREFIX + random_part + "000000"
    assert kf.checksum(random_part) != "000000"
    assert kf.has_key_format(wrong)
    assert not kf.is_valid_key(wrong)


# --- hint and digest --------------------------------------------------------------


@relaxed
@given(valid_keys)
def test_hint_is_prefix_ellipsis_and_last_four(key: str) -> None:
    hint = kf.hint(key)
    assert hint == "rone_\u2026" + key[-4:]
    assert len(hint) == 10
    assert key[5:-4] not in hint


@relaxed
@given(st.text())
def test_sha256_hex_matches_hashlib(value: str) -> None:
    digest = kf.sha256_hex(value)
    assert digest == hashlib.sha256(value.encode("utf-8")).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", digest)


def test_sha256_hex_known_value() -> None:
    assert kf.sha256_hex("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


# --- scanning free text ------------------------------------------------------------


def test_finds_a_key_in_a_log_line() -> None:
    key = kf.generate_key()
    line = f"2026-11-26 14:03:12 INFO auth ok token={key} ip=10.0.0.7"
    [cand] = find_candidates(line)
    assert cand.value == key
    assert cand.start == line.index(key)
    assert cand.valid


def test_finds_keys_in_a_config_file_json_and_shell() -> None:
    a, b, c = kf.generate_key(), kf.generate_key(), kf.generate_key()
    text = "\n".join(
        [
            "[service]",
            f"api_key = {a}",
            f'RAKERONE_KEY="{b}"',
            json.dumps({"auth": {"key": c}, "other": "value"}),
            f"curl -H 'Authorization: Bearer {a}' https://x",
        ]
    )
    found = list(find_candidates(text))
    assert [f.value for f in found] == [a, b, c]  # the repeat of a is reported once
    assert all(f.valid for f in found)
    assert [f.start for f in found] == [text.index(a), text.index(b), text.index(c)]


def test_finds_keys_in_yaml_and_url() -> None:
    a, b = kf.generate_key(), kf.generate_key()
    text = f"auth:\n  key: {a}\nurl: https://example.com/hook?key={b}&x=1"
    assert [f.value for f in find_candidates(text)] == [a, b]


def test_duplicates_are_reported_once_at_their_first_position() -> None:
    key = kf.generate_key()
    text = f"{key} and again {key}, and {key}"
    [cand] = find_candidates(text)
    assert cand.start == 0


def test_wrong_length_runs_are_invalid_candidates() -> None:
    key = kf.generate_key()
    short, long_ = key[:-1], key + "Z"
    found = {c.value: c for c in find_candidates(f"a {short} b {long_} c")}
    assert set(found) == {short, long_}
    assert not found[short].valid
    assert not found[long_].valid


def test_bad_checksum_runs_are_invalid_candidates() -> None:
    key = kf.generate_key()
    pos = 10
    bad = key[:pos] + ("a" if key[pos] != "a" else "b") + key[pos + 1 :]
    good = kf.generate_key()
    found = list(find_candidates(f"{bad}\n{good}"))
    assert [(c.value, c.valid) for c in found] == [(bad, False), (good, True)]


@pytest.mark.parametrize("glue", ["x", "X", "0", "_", "9"])
def test_ignores_rone_glued_to_a_word(glue: str) -> None:
    key = kf.generate_key()
    assert list(find_candidates(f"see {glue}{key} here")) == []


@pytest.mark.parametrize("before", [" ", "=", ":", '"', "'", "(", "\t", "/", "-", "\n"])
def test_finds_keys_after_separators(before: str) -> None:
    key = kf.generate_key()
    found = list(find_candidates(f"x{before}{key}"))
    assert [c.value for c in found] == [key]


def test_nothing_found_in_text_without_keys() -> None:
    assert list(find_candidates("rone_ alone, rone, prone_abc, RONE_abc")) == []


@relaxed
@given(st.lists(valid_keys, min_size=1, max_size=5), st.text(alphabet=" \n,;=:\"'"))
def test_finds_every_embedded_key(keys: list[str], sep: str) -> None:
    text = (sep or " ").join(["start", *keys, "end"])
    found = list(find_candidates(text))
    assert [c.value for c in found] == list(dict.fromkeys(keys))
    assert all(c.valid for c in found)


# --- Candidate never shows its value ---------------------------------------------


@relaxed
@given(st.text(alphabet=kf.ALPHABET, min_size=1, max_size=60), st.booleans())
def test_candidate_repr_never_contains_the_value(tail: str, valid: bool) -> None:
    value = kf.PREFIX + tail
    cand = Candidate(value=value, start=3, valid=valid)
    text = repr(cand)
    assert value not in text
    assert "hint=" in text
    assert str(cand) == text
    assert f"{cand}" == text


def test_candidate_repr_of_a_real_key() -> None:
    key = kf.generate_key()
    [cand] = find_candidates(f"leaked: {key}")
    assert key not in repr(cand)
    assert key[5:-4] not in repr(cand)
    assert cand.hint == kf.hint(key)
    assert repr(cand) == f"Candidate(hint={kf.hint(key)!r}, start=8, valid=True)"
