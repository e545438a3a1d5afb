#!/usr/bin/env bash
# Build the one-folder program from build.spec and use it as a person would, offscreen:
# selftest with the window's Qt parts (PDF preview, printing, every shipped plugin),
# --version, a blank questionnaire, an import of a worked example and its PDF record with a
# PNG and a JPEG logo, the PDF imported back, the window opened and closed. Prints the size.
#
#   bash scripts/check-build.sh            (needs: pip install -e '.[build]')
#   KEEP=dist bash scripts/check-build.sh  keeps the built program in dist/lia-desktop
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
distpath=${KEEP:-$work/dist}

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'check-build: %s\n' "$*" >&2; exit 1; }

step "build (build.spec)"
start=$SECONDS
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath "$distpath" --workpath "$work/build" build.spec
echo "built in $((SECONDS - start)) s"
program="$distpath/lia-desktop/lia-desktop"
[ -x "$program" ] || fail "no program at $program"

export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 LIA_NO_ERROR_WINDOWS=1
data="$work/data"

step "selftest --qt"
"$program" selftest --qt

step "--version"
expected="LIA Desktop $("$python" -c 'import lia_desktop; print(lia_desktop.__version__)')"
version=$("$program" --version)
echo "$version"
[ "$version" = "$expected" ] || fail "--version says '$version', the package '$expected'"

step "blank --pdf"
"$program" blank --pdf "$work/blank.pdf" --lang fr
[ "$(head -c 5 "$work/blank.pdf")" = "%PDF-" ] || fail "blank --pdf wrote no PDF"
echo "blank questionnaire: $(wc -c < "$work/blank.pdf") bytes"

step "import a worked example, export its PDF record with a PNG and a JPEG logo"
"$program" --data-dir "$data" import resources/examples/newsletter-existing-customers.nl.lia.json
"$python" -c "from PIL import Image; Image.open('resources/icons/lia-desktop-256.png').convert('RGB').save('$work/logo.jpg')"
for logo in "$PWD/resources/icons/lia-desktop-256.png" "$work/logo.jpg"; do
  printf '{"consultant": "Check Build", "logo": "%s"}\n' "$logo" > "$data/settings.json"
  "$program" --data-dir "$data" export 3f1c2a9e --pdf "$work/record.pdf"
  grep -aq "/Subtype /Image" "$work/record.pdf" || fail "the record has no logo ($logo)"
  echo "record with $(basename "$logo"): $(wc -c < "$work/record.pdf") bytes"
done
"$program" --data-dir "$data" --workspace again import "$work/record.pdf"
"$program" --data-dir "$data" --workspace again list

step "export-all on every core (more records than are rendered in the program's own process)"
for copy in 1 2 3; do
  "$program" --data-dir "$data" --workspace many import --as-copy resources/examples/*.lia.json > /dev/null
done
"$program" --data-dir "$data" --workspace many export-all "$work/all" > /dev/null
count=$(find "$work/all" -name '*.pdf' | wc -l)
expected=$((3 * $(find resources/examples -name '*.lia.json' | wc -l)))
[ "$count" = "$expected" ] || fail "export-all wrote $count records, not $expected"
echo "export-all: $count records"

step "the window opens and closes"
LIA_QUIT_WHEN_SHOWN=1 "$program" --data-dir "$data" 2> "$work/window.err" || { cat "$work/window.err"; fail "the window did not start"; }
if grep -v "propagateSizeHints" "$work/window.err" | grep -q .; then cat "$work/window.err"; fail "the window wrote warnings"; fi

step "size"
du -sh "$distpath/lia-desktop"
(cd "$distpath/lia-desktop/_internal" && du -sh PySide6 cryptography PIL pillow.libs python3.11 resources 2>/dev/null) | sort -rh
find "$distpath/lia-desktop" -type f -size +2M -printf '%s\t%P\n' | sort -rn | awk '{printf "%6.1f MB  %s\n", $1 / 1e6, $2}'
