"""The parsed content is cached, and the cache is used only for the very files it was made from."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from lia_desktop import content_cache
from lia_desktop.assets import resources_dir
from lia_desktop.domain.content import ContentError


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.setenv("LIA_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "content"
    shutil.copytree(resources_dir() / "content", folder)
    return folder


def _parses(monkeypatch) -> list[str]:
    """Counts the TOML parses from here on."""
    parsed: list[str] = []
    real = tomllib.loads

    def counting(text, **kwargs):
        parsed.append(text[:20])
        return real(text, **kwargs)

    monkeypatch.setattr(tomllib, "loads", counting)
    return parsed


def test_the_first_start_parses_and_the_next_use_the_cache(content, monkeypatch):
    parses = _parses(monkeypatch)
    first = content_cache.parsed_content(content)
    assert len(parses) == len(content_cache.FILES)
    assert content_cache.parsed_content(content) == first
    assert len(parses) == len(content_cache.FILES)  # no parse the second time


def test_changed_content_is_parsed_again(content, monkeypatch):
    content_cache.parsed_content(content)
    rules = content / "text.en.toml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("Legitimate", "Lawful", 1), encoding="utf-8")
    parses = _parses(monkeypatch)
    again = content_cache.parsed_content(content)
    assert len(parses) == len(content_cache.FILES)
    assert again == {name: tomllib.loads((content / name).read_text(encoding="utf-8")) for name in content_cache.FILES}


@pytest.mark.parametrize("damage", [b"", b"garbage", b"LIA-CONTENT-CACHE 1\nkey\n\x00\x01", None])
def test_a_damaged_cache_is_parsed_anew(content, monkeypatch, damage):
    expected = content_cache.parsed_content(content)
    cache = content_cache.cache_dir() / "content.cache"
    if damage is None:
        cache.write_bytes(cache.read_bytes()[:-100])  # cut off
    else:
        cache.write_bytes(damage)
    assert content_cache.parsed_content(content) == expected


def test_a_cache_that_cannot_be_written_costs_only_time(content, monkeypatch, tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("LIA_CACHE_DIR", str(blocked))
    assert content_cache.parsed_content(content)["questionnaire.toml"]["section"]


def test_broken_content_is_a_content_error(content):
    (content / "rules.toml").write_text("this is [not toml", encoding="utf-8")
    with pytest.raises(ContentError, match="rules.toml"):
        content_cache.parsed_content(content)


def test_the_questionnaire_from_the_cache_is_the_one_loaded_from_the_files():
    """assets.questionnaire() builds from the cache what Questionnaire.load reads from the files."""
    from lia_desktop import assets
    from lia_desktop.domain.content import Questionnaire

    cached = assets.questionnaire()
    loaded = Questionnaire.load(resources_dir() / "content")
    assert {k: v for k, v in vars(cached).items() if k != "_texts"} == {
        k: v for k, v in vars(loaded).items() if k != "_texts"
    }
    assert cached.languages == loaded.languages
    for language in loaded.languages:
        assert vars(cached.texts(language)) == vars(loaded.texts(language))
