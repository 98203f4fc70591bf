#!/usr/bin/env bash
# `make report-check`: the HTML report as people see it, in headless Chromium (Debian's `chromium`, installed
# when missing). Writes, under REPORT_DIR (default /tmp/order-intake-report):
#   report-<lang>.html   the report of every fixture under Fixtures/bad/ and the Shopify export, per language
#   report-en.png        a screenshot at 1366×2400 (a laptop screen, scrolled), to look at
#   report-en.pdf        the page printed (A4), to look at
# and fails when the page is wider than the window (a column that cannot wrap), at 1366 and at 1024 pixels.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${REPORT_DIR:-/tmp/order-intake-report}
BIN=${INTAKE_BIN:-.build/debug/intake}
mkdir -p "$OUT"

if ! command -v chromium >/dev/null; then
    SUDO=$( [ "$(id -u)" = 0 ] || echo sudo )
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium
fi
chrome() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }

inputs=(Fixtures/bad/*.csv Fixtures/shopify/orders_export_1.csv)
for lang in en da de fr it pt; do
    status=0
    "$BIN" validate "${inputs[@]}" --catalog Fixtures/catalog.csv --connections Fixtures/shopify/products_connected.csv \
        --report "$OUT/report-$lang.html" --lang "$lang" --quiet || status=$?
    [ "$status" -le 3 ] || { echo "intake validate exited $status"; exit 1; }
done

chrome --window-size=1366,2400 --screenshot="$OUT/report-en.png" "file://$OUT/report-en.html" >/dev/null
chrome --print-to-pdf="$OUT/report-en.pdf" --no-pdf-header-footer "file://$OUT/report-en.html" >/dev/null

# The page's width against the window's, measured by the browser after layout.
failed=0
for lang in en de fr; do
    for width in 1366 1024; do
        probe="$OUT/probe-$lang.html"
        sed 's#</body>#<script>document.body.setAttribute("data-fit", document.documentElement.scrollWidth + "/" + window.innerWidth);</script></body>#' \
            "$OUT/report-$lang.html" > "$probe"
        fit=$(chrome --window-size="$width,900" --dump-dom "file://$probe" | grep -o 'data-fit="[0-9]*/[0-9]*"' | tr -dc '0-9/')
        rm -f "$probe"
        page=${fit%/*}; window=${fit#*/}
        if [ -z "$fit" ] || [ "$page" -gt "$window" ]; then
            echo "report-$lang.html at $width px: the page is $page px wide in a $window px window"; failed=1
        else
            echo "report-$lang.html at $width px: fits ($page px in $window px)"
        fi
    done
done
echo "look at: $OUT/report-en.png and $OUT/report-en.pdf"
exit $failed
