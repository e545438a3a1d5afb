"""Encrypted workspaces: the whole file sealed with AES-256-GCM under a key from a passphrase.

File layout (version 2):

    LIA-ENCRYPTED-WORKSPACE\\n
    {"version": 2, "kdf": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "<base64>", "check": "<base64>"}\\n
    <12-byte nonce><ciphertext and 16-byte tag>

The two header lines are authenticated with the ciphertext (associated data), so changing the
header is detected like changing the data. The sealed data is an 8-byte save counter followed
by the workspace's JSON: the counter goes up with every save, so an older copy put in place of
the workspace can be recognised (see HighWater). scrypt derives 48 bytes from the passphrase
and the salt: the first 32 are the key, the last 16 the check value kept in the header, which
tells a wrong passphrase (the check differs) from a damaged file (the check matches, the data
does not decrypt). Version 1 files (no counter, no check, n = 2^15) still open, and are
rewritten as version 2 with the current parameters on their next save.

Header values are checked before they are used: a header cannot make key derivation take
more than MAX_MEMORY. The `cryptography` package does the cryptography; nothing here is
hand-made but the layout.
"""

from __future__ import annotations

import base64
import functools
import json
import os
from dataclasses import dataclass
from typing import Any

from lia_desktop.storage.errors import LiaError

MAGIC = b"LIA-ENCRYPTED-WORKSPACE\n"
VERSION = 2
SCRYPT = {"n": 2**17, "r": 8, "p": 1}  # 128 MiB, about 0.3 s
MIN_N, MAX_MEMORY, MAX_P = 2**14, 256 * 1024 * 1024, 4
NONCE = 12
KEY, CHECK, COUNTER = 32, 16, 8


class SealError(LiaError):
    """The sealed data does not decrypt: a wrong passphrase or a damaged file (version 1 cannot
    tell which), or a damaged file (version 2: the passphrase matched its check value)."""


class WrongKey(SealError):
    """The passphrase does not match the file's check value."""


class HeaderError(ValueError):
    """The file starts like an encrypted workspace but its header is unreadable or out of range."""


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def _b64(header: dict[str, Any], key: str, low: int, high: int) -> bytes:
    try:
        value = base64.b64decode(header[key], validate=True)
    except (KeyError, TypeError, ValueError):
        raise HeaderError(f"the encryption header has no readable {key}") from None
    if not low <= len(value) <= high:
        raise HeaderError(f"the encryption header's {key} has {len(value)} bytes")
    return value


def _int(header: dict[str, Any], key: str) -> int:
    value = header.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise HeaderError(f"the encryption header's {key} is not a number")
    return value


@dataclass(frozen=True)
class Header:
    version: int
    salt: bytes
    n: int
    r: int
    p: int
    check: bytes | None

    @property
    def outdated(self) -> bool:
        """Written by an older version or with weaker key derivation than today's."""
        return self.version < VERSION or self.n < SCRYPT["n"] or self.r < SCRYPT["r"]


def _parse_header(line: bytes) -> Header:
    try:
        header = json.loads(line)
    except ValueError:
        raise HeaderError("the encryption header is unreadable") from None
    if not isinstance(header, dict) or header.get("kdf") != "scrypt" or header.get("version") not in (1, 2):
        raise HeaderError("the encryption header names an unknown method")
    n, r, p = _int(header, "n"), _int(header, "r"), _int(header, "p")
    if n < MIN_N or n & (n - 1) or r < 1 or not 1 <= p <= MAX_P or 128 * n * r > MAX_MEMORY:
        raise HeaderError(f"the encryption header's key derivation (n={n}, r={r}, p={p}) is out of range")
    salt = _b64(header, "salt", 16, 64)
    check = _b64(header, "check", CHECK, CHECK) if header["version"] >= 2 else None
    return Header(header["version"], salt, n, r, p, check)


def split(raw: bytes) -> tuple[bytes, Header, bytes]:
    """The header's bytes (magic and line), the header, and the sealed body."""
    end = raw.find(b"\n", len(MAGIC))
    if end < 0:
        raise HeaderError("the encryption header is cut off")
    return raw[: end + 1], _parse_header(raw[len(MAGIC) : end]), raw[end + 1 :]


def check_header(raw: bytes) -> Header:
    """The header of an encrypted file; HeaderError when it is damaged or out of range."""
    return split(raw)[1]


@functools.lru_cache(maxsize=8)
def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """scrypt, remembered for the few (passphrase, salt) pairs of this process: a workspace and
    its backups share the salt, so checking ten backups derives once."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=KEY + CHECK, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class Sealer:
    key: bytes
    header: bytes
    info: Header

    @classmethod
    def _make(cls, passphrase: str, salt: bytes) -> Sealer:
        derived = _derive(passphrase, salt, **SCRYPT)
        fields = {"version": VERSION, "kdf": "scrypt", **SCRYPT}
        fields["salt"] = base64.b64encode(salt).decode()
        fields["check"] = base64.b64encode(derived[KEY:]).decode()
        header = MAGIC + json.dumps(fields).encode() + b"\n"
        return cls(derived[:KEY], header, _parse_header(header[len(MAGIC) : -1]))

    @classmethod
    def new(cls, passphrase: str) -> Sealer:
        """A sealer for a new workspace, with a fresh salt."""
        if not passphrase:
            raise LiaError("an encrypted workspace needs a passphrase that is not empty")
        return cls._make(passphrase, os.urandom(16))

    def upgraded(self, passphrase: str) -> Sealer:
        """The same workspace (same salt) sealed with today's version and key derivation."""
        return self._make(passphrase, self.info.salt) if self.info.outdated else self

    @classmethod
    def for_file(cls, raw: bytes, passphrase: str) -> Sealer:
        """The sealer of an encrypted file; WrongKey when the passphrase does not match its check."""
        header, info, _ = split(raw)
        derived = _derive(passphrase, info.salt, info.n, info.r, info.p)
        import hmac  # loaded with the first encrypted workspace

        if info.check is not None and not hmac.compare_digest(derived[KEY:], info.check):
            raise WrongKey("the passphrase does not match")
        return cls(derived[:KEY], header, info)

    def seal(self, plaintext: bytes, counter: int = 0) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE)
        body = counter.to_bytes(COUNTER, "big") + plaintext if self.info.version >= 2 else plaintext
        return self.header + nonce + AESGCM(self.key).encrypt(nonce, body, self.header)

    def open(self, raw: bytes) -> tuple[int, bytes]:
        """The save counter (0 for version 1) and the plaintext; SealError when it does not decrypt."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        header, info, body = split(raw)
        if len(body) < NONCE + 16:
            raise SealError("the encrypted data is cut off")
        try:
            plain = AESGCM(self.key).decrypt(body[:NONCE], body[NONCE:], header)
        except InvalidTag:
            raise SealError("the encrypted data has been changed or damaged") from None
        if info.version < 2:
            return 0, plain
        if len(plain) < COUNTER:
            raise SealError("the encrypted data has no save counter")
        return int.from_bytes(plain[:COUNTER], "big"), plain[COUNTER:]
