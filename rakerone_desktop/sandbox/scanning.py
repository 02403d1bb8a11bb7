"""Exposure reports from secret scanning, in the format of GitHub's partner program.

The report's raw body is signed by the scanner: ECDSA P-256 over SHA-256, the
ASN.1 DER signature base64-encoded in ``Github-Public-Key-Signature``, the
public key named by ``Github-Public-Key-Identifier``. Nothing in a report is
looked at before its signature is checked, and a raw token never leaves this
module except as its SHA-256.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from rakerone_desktop.sandbox.problems import Problem

IDENTIFIER_HEADER = "Github-Public-Key-Identifier"
SIGNATURE_HEADER = "Github-Public-Key-Signature"
# The actor name of every scanner key: the format is GitHub's.
SCANNER_NAME = "GitHub secret scanning"

MAX_ITEMS = 1000
MAX_TYPE = 200
MAX_SOURCE = 200
MAX_URL = 2048
# Keys are 47 characters; longer tokens are never keys, so they are not hashed.
MAX_TOKEN = 1000
_FIELDS = ("token", "type", "url", "source")

# Where ``report-exposure`` and ``--demo-scanner`` keep their key pair, unless told.
KEY_FILE_ENV = "RAKERONE_SANDBOX_SCANNER_KEY"

PublicKey = ec.EllipticCurvePublicKey
PublicKeys = Mapping[str, PublicKey]


@dataclass(frozen=True, slots=True)
class ReportItem:
    token: str
    type: str
    url: str
    source: str


# A key or session token inside a report's other fields: its shape, as the
# logs' masking has it, but not inside a word ("rakerone_api_key" is a type).
_SECRET_SHAPED = re.compile(r"(?<![A-Za-z0-9])(rone_|sess_)[A-Za-z0-9_\-]{4,}")


def mask(text: str) -> str:
    """``text`` with key- or session-token-shaped values replaced by their prefix + a mask."""
    return _SECRET_SHAPED.sub(lambda m: m.group(1) + "[masked]", text)


def load_public_key(pem: bytes) -> ec.EllipticCurvePublicKey:
    """A P-256 public key from PEM (SubjectPublicKeyInfo); ValueError otherwise."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("not an ECDSA P-256 (secp256r1) public key")
    return key


def public_pem(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_identifier(key: ec.EllipticCurvePublicKey) -> str:
    """A stable identifier for a key: SHA-256 hex of its DER SubjectPublicKeyInfo
    (GitHub's identifiers have the same shape)."""
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def verify(
    keys: PublicKeys, identifier: str | None, signature: str | None, body: bytes
) -> str | None:
    """The identifier of the key that signed ``body``, or None for any failure
    (no or unknown identifier, no, malformed or wrong signature)."""
    if not identifier or not signature:
        return None
    key = keys.get(identifier.strip())
    if key is None:
        return None
    try:
        der = base64.b64decode(signature.strip(), validate=True)
        key.verify(der, body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, binascii.Error):
        return None
    return identifier.strip()


def sign(key: ec.EllipticCurvePrivateKey, body: bytes) -> str:
    return base64.b64encode(key.sign(body, ec.ECDSA(hashes.SHA256()))).decode("ascii")


def parse_report(body: bytes) -> list[ReportItem]:
    """The report's items, or a 422 problem that never quotes the body."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested too deep
        raise _invalid("body", "Must be a JSON array of reports.") from None
    if not isinstance(data, list):
        raise _invalid("body", "Must be a JSON array of reports.")
    if len(data) > MAX_ITEMS:
        raise _invalid("body", f"At most {MAX_ITEMS} reports allowed.")
    items = []
    for index, raw in enumerate(data):
        if not isinstance(raw, dict):
            raise _invalid(f"body[{index}]", "Must be a JSON object.")
        values: list[str] = []
        for name in _FIELDS:
            value = raw.get(name)
            field = f"body[{index}].{name}"
            if not isinstance(value, str):
                raise _invalid(
                    field, "Required, a string." if value is None else "Must be a string."
                )
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _invalid(
                    field, "Must be valid Unicode text (found a lone surrogate)."
                ) from None
            values.append(value)
        token, kind, url, source = values
        for field, value, limit in (("type", kind, MAX_TYPE), ("url", url, MAX_URL),
                                    ("source", source, MAX_SOURCE)):  # fmt: skip
            if len(value) > limit:
                raise _invalid(
                    f"body[{index}].{field}", f"Must be at most {limit} characters long."
                )
        items.append(ReportItem(token, kind, url, source))
    return items


def _invalid(field: str, message: str) -> Problem:
    return Problem.validation(field, message)


# -- the key pair of ``report-exposure`` and ``--demo-scanner`` -------------------------


def default_key_file() -> Path:
    """The demo scanner's private key: ``$RAKERONE_SANDBOX_SCANNER_KEY``, else a file
    in the user's state folder (the same for the sandbox and the command that sends
    reports, so neither needs the other's files copied)."""
    given = os.environ.get(KEY_FILE_ENV)
    if given:
        return Path(given)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "rakerone-desktop" / "demo-scanner-key.pem"


def load_or_create_private_key(path: Path) -> ec.EllipticCurvePrivateKey:
    """The P-256 private key in ``path`` (PEM, PKCS#8), made there first (mode 0600)
    when the file does not exist."""
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        pass
    else:
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(
            key.curve, ec.SECP256R1
        ):
            raise ValueError(f"{path} does not hold an ECDSA P-256 private key")
        return key
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Written whole to a private temporary file, then linked into place: a
    # reader never sees half a key, and of two processes making one at once
    # the first wins and the other uses its key.
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(pem)
        try:
            os.link(temp, path)
        except FileExistsError:
            return load_or_create_private_key(path)
    finally:
        temp.unlink(missing_ok=True)
    return key
