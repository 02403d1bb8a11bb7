"""Secrets the sandbox issues and checks: ids, API keys, session tokens, passwords.

Only digests are ever stored: SHA-256 for keys and session tokens (they are
long and random, so a fast hash is enough), scrypt with a per-user salt for
passwords (people pick guessable ones).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from rakerone_desktop.domain import keyformat

# Bytes 0..247 map onto the 62 base62 digits exactly four times each; bytes
# 248..255 are dropped, so every digit is equally likely (rejection sampling
# done by ``bytes.translate`` in C, which is what makes 100,000 keys cheap).
_USABLE = 62 * 4
_TO_BASE62 = bytes(ord(keyformat.ALPHABET[b % 62]) for b in range(_USABLE)) + bytes(256 - _USABLE)
_REJECTED = bytes(range(_USABLE, 256))

SESSION_PREFIX = "sess_"  # never "rone_": a session token must not look like a key

# scrypt cost: about 16 MiB and a few tens of milliseconds per check on these machines.
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SCRYPT_LEN = 32


def random_base62(length: int) -> str:
    """``length`` uniformly random base62 characters from the OS CSPRNG."""
    out = b""
    while len(out) < length:
        # 8/256 of the bytes are rejected; ask for a little more than needed.
        out += secrets.token_bytes(length + length // 16 + 8).translate(_TO_BASE62, _REJECTED)
    return out[:length].decode("ascii")


def new_id(prefix: str, length: int = 20) -> str:
    """An opaque public id such as ``key_7fQ...``."""
    return prefix + random_base62(length)


def new_ids(prefix: str, count: int, length: int = 20) -> list[str]:
    """``count`` ids at once (the seeds need hundreds of thousands)."""
    pool = random_base62(count * length)
    return [prefix + pool[i * length : (i + 1) * length] for i in range(count)]


def generate_keys(count: int) -> list[str]:
    """``count`` new API keys, valid in format and checksum.

    Same format as :func:`keyformat.generate_key`, drawn in bulk:
    ``secrets.choice`` per character would cost seconds at 100,000 keys.
    """
    size = keyformat.RANDOM_LENGTH
    pool = random_base62(count * size)
    keys = []
    for i in range(count):
        random_part = pool[i * size : (i + 1) * size]
        keys.append(keyformat.PREFIX + random_part + keyformat.checksum(random_part))
    return keys


def new_session_token() -> str:
    """A bearer token for a signed-in person: 256 random bits."""
    return SESSION_PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What the database stores for a key or a session token."""
    return keyformat.sha256_hex(token)


def new_password() -> str:
    """A random password for a freshly seeded user (printed once, on the ready line)."""
    return secrets.token_urlsafe(12)


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` with a random salt."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check; ``stored=None`` (unknown email) costs the same as a real check."""
    if stored is None:
        _scrypt(password, b"\0" * 16, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
        return False
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _scrypt(password, bytes.fromhex(salt_hex), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, bytes.fromhex(digest_hex))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=64 * 1024 * 1024,
        dklen=_SCRYPT_LEN,
    )
