"""One lookup finds resources/ in a checkout and in a frozen build (the wheel: tests/e2e/test_packaging.py)."""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

from lia_desktop import assets

CHECKOUT = Path(__file__).resolve().parents[2]


def test_a_checkout_finds_the_resources_beside_the_package():
    assert assets.resources_dir() == CHECKOUT / "resources"


def test_a_frozen_build_finds_the_resources_in_its_own_folder(tmp_path, monkeypatch):
    shutil.copytree(CHECKOUT / "resources", tmp_path / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets.resources_dir() == tmp_path / "resources"
    assert assets.icon_files()[0] == tmp_path / "resources" / "icons" / "lia-desktop-16.png"


def test_missing_resources_name_every_place_looked_at(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "_PACKAGE", tmp_path / "lia_desktop")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    with pytest.raises(FileNotFoundError) as caught:
        assets.resources_dir()
    for place in ("bundle", "lia_desktop", "resources"):
        assert place in str(caught.value)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_the_app_icon_exists_in_every_size():
    files = assets.icon_files()
    assert [png_size(path) for path in files] == [(size, size) for size in assets.ICON_SIZES]
    folder = files[0].parent
    assert (folder / "lia-desktop.svg").read_text(encoding="utf-8").startswith("<svg")
    assert (folder / "lia-desktop.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (folder / "lia-desktop.icns").read_bytes()[:4] == b"icns"
