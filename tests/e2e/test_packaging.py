"""What an installed program needs beside its code: the wheel's resources, the app icon files,
the Linux launcher and AppStream metadata, the changelog, and the Qt self-check."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lia_desktop import APP_ID, __version__
from lia_desktop.assets import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def test_an_installed_wheel_finds_its_resources(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "wheel", ROOT],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "wheel").glob("lia_desktop-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, wheel],
        check=True,
        capture_output=True,
        timeout=300,
    )
    probe = (
        "import lia_desktop.assets as a; print(a.resources_dir()); print(len(a.questionnaire().items));"
        "print(all(p.is_file() for p in a.icon_files()))"
    )
    # Run outside the checkout, so only the installed copy can be found.
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    where, items, icons = done.stdout.split()
    assert Path(where) == target / "lia_desktop" / "resources"
    assert int(items) > 50 and icons == "True"


def test_the_icon_script_renders_every_size_and_both_containers(tmp_path):
    PIL = pytest.importorskip("PIL.Image")
    done = subprocess.run(
        [sys.executable, ROOT / "scripts" / "make_icons.py", "--out", tmp_path],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    for size in ICON_SIZES:
        with PIL.open(tmp_path / f"lia-desktop-{size}.png") as png:
            assert png.size == (size, size)
    with PIL.open(tmp_path / "lia-desktop.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with PIL.open(tmp_path / "lia-desktop.icns") as icns:
        assert icns.size == (1024, 1024) and (16, 16, 2) in icns.info["sizes"]


def test_the_launcher_and_metadata_name_the_app_and_this_version():
    desktop = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in desktop and "Exec=lia-desktop\n" in desktop
    component = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == f"{APP_ID}.desktop"
    assert component.find("releases/release").get("version") == __version__  # the newest comes first


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils is not installed")
def test_the_launcher_is_valid():
    done = subprocess.run(["desktop-file-validate", LINUX / f"{APP_ID}.desktop"], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream is not installed")
def test_the_appstream_metadata_is_valid():
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", LINUX / f"{APP_ID}.metainfo.xml"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_the_launcher_script_installs_into_the_users_menu_and_removes_again(tmp_path):
    program = tmp_path / "my programs" / "lia-desktop"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    done = subprocess.run(["sh", LINUX / "install-launcher.sh", program], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "share" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{program}"\n' in entry
    for size in ICON_SIZES:
        assert (tmp_path / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (tmp_path / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    done = subprocess.run(["sh", LINUX / "install-launcher.sh", "--remove"], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and not (tmp_path / "share" / "applications" / f"{APP_ID}.desktop").exists()
    missing = subprocess.run(["sh", LINUX / "install-launcher.sh", tmp_path / "nothing"], env=env, capture_output=True)
    assert missing.returncode == 1 and b"no program at" in missing.stderr


def test_the_changelog_starts_with_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert versions[:2] == ["Unreleased", __version__]


def test_selftest_checks_the_preview_printing_and_plugins():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    done = subprocess.run(
        [sys.executable, "-m", "lia_desktop", "selftest", "--qt"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"PDF preview \(QtPdf\): \d+ pages shown: OK", done.stdout)
    assert re.search(r"Printing \(QtPrintSupport\): \d+ pages printed", done.stdout)
    assert "Qt plugins:" in done.stdout and "selftest passed" in done.stdout
