"""The content files, parsed once: a cache checked against their sizes and CRC-32 on every start.

Parsing the TOML content (questionnaire, rules, channel rules, the texts of every language)
took longer than anything else the program does before its window appears. The parsed data is
kept in the user's cache folder (LIA_CACHE_DIR, else the platform's), written at the first
start and whenever the content changes: every start reads the content files and uses the
cache only when it was made from files of the same sizes and CRC-32 by this version of Python
(it holds plain data in `marshal`'s format, which is tied to the Python version). CRC-32 detects
any accidental change (a new version, an edit, a file cut off), like the workspace's index; a
cryptographic hash would add nothing, as the cache holds its own key, and loading one took
longer than reading the whole cache. A cache that is missing, stale, damaged or cannot be
written costs a parse, never a wrong questionnaire: the Questionnaire is built and checked from
the parsed data either way.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from lia_desktop import APP_NAME

FILES = ("questionnaire.toml", "rules.toml", "channels.toml", "text.nl.toml", "text.fr.toml", "text.en.toml")
MAGIC = b"LIA-CONTENT-CACHE 2\n"

Parsed = dict[str, dict[str, Any]]  # file name -> its parsed TOML


def cache_dir() -> Path:
    chosen = os.environ.get("LIA_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _key(sources: dict[str, bytes]) -> bytes:
    files = " ".join(f"{name}:{len(data)}:{zlib.crc32(data):08x}" for name, data in sources.items())
    return f"{sys.implementation.cache_tag} {marshal.version} {files}".encode()


def _cached(cache: Path, key: bytes) -> Parsed | None:
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        magic, head, payload = cache.read_bytes().split(b"\n", 2)
        if magic + b"\n" == MAGIC and head == key:
            data = marshal.loads(payload)
            if isinstance(data, dict) and set(data) == set(FILES):
                return data
    return None


def parsed_content(content_dir: Path) -> Parsed:
    """Every content file, parsed (from the cache when it was made from these very files)."""
    from lia_desktop.domain.content import ContentError

    try:
        sources = {name: (content_dir / name).read_bytes() for name in FILES}
    except OSError as exc:
        raise ContentError(f"cannot read {exc.filename}: {exc.strerror or exc}") from exc
    key = _key(sources)
    cache = cache_dir() / "content.cache"
    data = _cached(cache, key)
    if data is not None:
        return data
    import tomllib

    data = {}
    for name, raw in sources.items():
        try:
            data[name] = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ContentError(f"{content_dir / name} is not valid TOML: {exc}") from exc
    with contextlib.suppress(OSError, ValueError):
        from lia_desktop.storage.safe_storage import atomic_write, make_private_dir

        make_private_dir(cache.parent, tighten=False)
        atomic_write(cache, MAGIC + key + b"\n" + marshal.dumps(data), durable=False)
    return data
