"""The API key format, shared by the client and the sandbox server.

A key is ``rone_`` + 36 random base62 characters + 6 base62 characters that
encode ``zlib.crc32`` of the random part's ASCII bytes (big-endian, left-padded
with ``0``). The alphabet is ``0-9A-Za-z`` in that order, so every key matches
``^rone_[0-9A-Za-z]{42}$`` and anyone can confirm one offline.

Pure functions only: no Qt, no requests, no I/O beyond ``secrets``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

PREFIX = "rone_"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
RANDOM_LENGTH = 36
CHECKSUM_LENGTH = 6
KEY_LENGTH = len(PREFIX) + RANDOM_LENGTH + CHECKSUM_LENGTH  # 47
HINT_ELLIPSIS = "\u2026"

KEY_PATTERN = re.compile(r"^rone_[0-9A-Za-z]{42}$")
# For scanning free text: a ``rone_`` run of base62 characters not glued to
# other word characters. Runs of the wrong length are reported as malformed.
_CANDIDATE_PATTERN = re.compile(r"(?<![0-9A-Za-z_])rone_[0-9A-Za-z]+")
_INDEX = {c: i for i, c in enumerate(ALPHABET)}


def _encode_base62(value: int, width: int) -> str:
    digits = []
    while value:
        value, rem = divmod(value, 62)
        digits.append(ALPHABET[rem])
    text = "".join(reversed(digits))
    return text.rjust(width, "0")


def checksum(random_part: str) -> str:
    """The 6-character base62 checksum of the 36 random characters."""
    return _encode_base62(zlib.crc32(random_part.encode("ascii")), CHECKSUM_LENGTH)


def generate_key() -> str:
    """A new key from the operating system's CSPRNG."""
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return PREFIX + random_part + checksum(random_part)


def has_key_format(value: str) -> bool:
    """True when ``value`` has the shape of a key (not checking the checksum)."""
    return KEY_PATTERN.fullmatch(value) is not None


def is_valid_key(value: str) -> bool:
    """True when ``value`` has the key format and a correct checksum."""
    if not has_key_format(value):
        return False
    random_part = value[len(PREFIX) : len(PREFIX) + RANDOM_LENGTH]
    return checksum(random_part) == value[-CHECKSUM_LENGTH:]


def hint(value: str) -> str:
    """``rone_…`` plus the last four characters: all a key ever shows again."""
    return PREFIX + HINT_ELLIPSIS + value[-4:]


def sha256_hex(value: str) -> str:
    """The lowercase hex SHA-256 of the whole key, as the server stores it."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ``rone_…`` run found in pasted text.

    ``repr`` never shows the value: a candidate may be a live secret.
    """

    value: str
    start: int
    valid: bool

    def __repr__(self) -> str:
        return f"Candidate(hint={hint(self.value)!r}, start={self.start}, valid={self.valid})"

    @property
    def hint(self) -> str:
        return hint(self.value)


def find_candidates(text: str) -> Iterator[Candidate]:
    """Every ``rone_`` run in ``text``, in order, each checked offline.

    Duplicates are reported once (at their first position).
    """
    seen: set[str] = set()
    for match in _CANDIDATE_PATTERN.finditer(text):
        value = match.group(0)
        if value in seen:
            continue
        seen.add(value)
        yield Candidate(value=value, start=match.start(), valid=is_valid_key(value))
