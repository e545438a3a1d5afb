"""Encrypted workspaces: the whole file sealed with AES-256-GCM under a key from a passphrase.

File layout:

    LIA-ENCRYPTED-WORKSPACE\\n
    {"version": 1, "kdf": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64>"}\\n
    <12-byte nonce><ciphertext and 16-byte tag>

The two header lines are authenticated with the ciphertext (associated data), so changing the
header is detected like changing the data. A fresh nonce is drawn for every write; the salt
stays with the workspace, so the key is derived once per opening (scrypt, about 0.1 s).
The `cryptography` package does the cryptography; nothing here is hand-made but the layout.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass

from lia_desktop.storage.errors import LiaError

MAGIC = b"LIA-ENCRYPTED-WORKSPACE\n"
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
NONCE = 12


class SealError(LiaError):
    """The encrypted file cannot be opened with this passphrase, or it is damaged."""


class HeaderError(ValueError):
    """The file starts like an encrypted workspace but its header is unreadable."""


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def _split(raw: bytes) -> tuple[bytes, dict, bytes]:
    end = raw.find(b"\n", len(MAGIC))
    if end < 0:
        raise HeaderError("the encryption header is cut off")
    header_line = raw[len(MAGIC) : end]
    try:
        header = json.loads(header_line)
        salt = base64.b64decode(header["salt"], validate=True)
        params = {k: int(header[k]) for k in ("n", "r", "p")}
    except (ValueError, KeyError, TypeError) as exc:
        raise HeaderError(f"the encryption header is unreadable ({exc})") from None
    if header.get("kdf") != "scrypt" or header.get("version") != 1 or len(salt) < 16:
        raise HeaderError("the encryption header names an unknown method")
    return raw[: end + 1], {"salt": salt, **params}, raw[end + 1 :]


def check_header(raw: bytes) -> None:
    """Raise HeaderError when an encrypted file's header is damaged."""
    _split(raw)


@dataclass(frozen=True)
class Sealer:
    key: bytes
    header: bytes

    @classmethod
    def _derive(cls, passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))

    @classmethod
    def new(cls, passphrase: str) -> Sealer:
        """A sealer for a new workspace, with a fresh salt."""
        if not passphrase:
            raise LiaError("an encrypted workspace needs a passphrase that is not empty")
        salt = os.urandom(16)
        line = json.dumps({"version": 1, "kdf": "scrypt", **SCRYPT, "salt": base64.b64encode(salt).decode()})
        header = MAGIC + line.encode() + b"\n"
        return cls(cls._derive(passphrase, salt, **SCRYPT), header)

    @classmethod
    def for_file(cls, raw: bytes, passphrase: str) -> Sealer:
        header, params, _ = _split(raw)
        return cls(cls._derive(passphrase, params.pop("salt"), **params), header)

    def seal(self, plaintext: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE)
        return self.header + nonce + AESGCM(self.key).encrypt(nonce, plaintext, self.header)

    def open(self, raw: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header, _, body = _split(raw)
        if len(body) < NONCE + 16:
            raise SealError("the encrypted data is cut off")
        try:
            return AESGCM(self.key).decrypt(body[:NONCE], body[NONCE:], header)
        except InvalidTag:
            raise SealError("the passphrase is wrong, or the file has been changed or damaged") from None
