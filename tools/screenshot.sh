#!/usr/bin/env bash
# Renders documents to an HTML report with the release binary and screenshots it with headless
# Chromium, to look at the design of `--format html`.
#
#   tools/screenshot.sh [-o OUT.png] [--size W,H] [--dark] [PATH...]
#
# PATH defaults to fixtures/articles/anonymous64-taiwan.txt; OUT to target/screenshot.png (the
# page is kept beside it as OUT.html). Chromium: $ATTRIB_CHROMIUM, chromium, chromium-browser.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${CARGO_TARGET_DIR:-target}/screenshot.png"
size="1280,2000"
dark=()
inputs=()
while [ $# -gt 0 ]; do
    case "$1" in
        -o) out="$2"; shift 2 ;;
        --size) size="$2"; shift 2 ;;
        --dark) dark=(--force-dark-mode --blink-settings=preferredColorScheme=0); shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) inputs+=("$1"); shift ;;
    esac
done
[ ${#inputs[@]} -gt 0 ] || inputs=(fixtures/articles/anonymous64-taiwan.txt)

chromium="${ATTRIB_CHROMIUM:-}"
if [ -z "$chromium" ]; then
    for c in /usr/bin/chromium chromium chromium-browser; do
        if command -v "$c" >/dev/null 2>&1; then chromium="$(command -v "$c")"; break; fi
    done
fi
if [ -z "$chromium" ]; then
    echo "screenshot.sh: no Chromium found (set ATTRIB_CHROMIUM, or: apt-get install -y chromium)" >&2
    exit 1
fi

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/attrib"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
html="${out%.png}.html"
"$bin" analyze --quiet --format html --output "$html" "${inputs[@]}" || [ -s "$html" ]

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" "${dark[@]}" \
    --window-size="$size" --screenshot="$out" "file://$html" >/dev/null 2>&1
[ -s "$out" ] || { echo "screenshot.sh: Chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $out (page: $html)"
