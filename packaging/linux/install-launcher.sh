#!/bin/sh
# Puts LIA Desktop in this user's application menu: the launcher (.desktop file), the
# AppStream metadata and the icon go into ~/.local/share (or $XDG_DATA_HOME), pointing at
# the program. Nothing outside your home folder is touched.
#
#   ./install-launcher.sh                    in the built folder (dist/lia-desktop)
#   packaging/linux/install-launcher.sh "$PWD/.venv/bin/lia-desktop"    from a checkout
#   ./install-launcher.sh --remove           takes the entry away again
#
# Run it again after moving the folder.
set -eu

id=org.liadesktop.LiaDesktop
here=$(cd "$(dirname "$0")" && pwd)
share=${XDG_DATA_HOME:-$HOME/.local/share}
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml"
  for size in $sizes; do rm -f "$share/icons/hicolor/${size}x${size}/apps/$id.png"; done
  rm -f "$share/icons/hicolor/scalable/apps/$id.svg"
  echo "Removed the menu entry of LIA Desktop."
  exit 0
fi

program=${1:-$here/lia-desktop}
case $program in /*) ;; *) program=$(pwd)/$program ;; esac
if [ ! -x "$program" ]; then
  echo "install-launcher.sh: no program at $program; give its full path as the first argument" >&2
  exit 1
fi
for icons in "$here/_internal/resources/icons" "$here/../../resources/icons"; do
  [ -f "$icons/lia-desktop.svg" ] && break
done
if [ ! -f "$icons/lia-desktop.svg" ]; then
  echo "install-launcher.sh: the icons are not next to this script" >&2
  exit 1
fi

mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
for size in $sizes; do
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$icons/lia-desktop-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
cp "$icons/lia-desktop.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
cp "$here/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
# Exec= takes the program's full path, quoted as the desktop entry specification asks.
# (then escaped once more for sed's replacement text).
quoted=$(printf '%s' "$program" | sed -e 's/[\\"`$]/\\&/g' -e 's/%/%%/g' -e 's/[\\&|]/\\&/g')
sed -e "s|^Exec=.*|Exec=\"$quoted\"|" "$here/$id.desktop" > "$share/applications/$id.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "LIA Desktop is in your application menu (Office). It starts $program"
