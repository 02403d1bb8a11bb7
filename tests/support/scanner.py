"""A secret scanner for tests: a P-256 key pair that signs exposure reports."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from rakerone_desktop.sandbox import scanning


class Scanner:
    """A scanner's key pair, its identifier and its public key as a PEM file."""

    def __init__(self, folder: Path) -> None:
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.id = scanning.key_identifier(self.private.public_key())
        self.pem = folder / f"{self.id[:8]}.pem"
        self.pem.write_bytes(scanning.public_pem(self.private.public_key()))

    @property
    def option(self) -> list[str]:
        return ["--scanning-public-key", f"{self.id}={self.pem}"]

    def headers(self, body: bytes) -> dict[str, str]:
        return {
            scanning.IDENTIFIER_HEADER: self.id,
            scanning.SIGNATURE_HEADER: scanning.sign(self.private, body),
            "Content-Type": "application/json",
        }
