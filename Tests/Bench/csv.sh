#!/usr/bin/env bash
# The CSV reader alone: builds `csv-bench` in release and reads the benchmark's Shopify orders export with it
# (the 1,000,000-order file when it was generated, else the 100,000-order one), counting records and fields.
# Prints one line: size, median wall time of RUNS runs, GB/s, records, fields (and the CPU time, which is the
# steadier figure on a shared machine). Not a test: `make test` never runs it.
#   KERNEL=portable|reference bash Tests/Bench/csv.sh   # the portable indexer, or the byte-at-a-time reference
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_DIR=${BENCH_DIR:-/tmp/order-intake-bench}
RUNS=${RUNS:-5}
KERNEL=${KERNEL:-automatic}

swift build -c release --static-swift-stdlib --product csv-bench >&2  # the flags of `make release`
for orders in 1000000 100000; do
  file="$BENCH_DIR/data-$orders/shopify_orders.csv"
  if [ -f "$BENCH_DIR/data-$orders/expected_summary.json" ] && [ -f "$file" ]; then
    label=""; [ "$KERNEL" = automatic ] || label=" ($KERNEL kernel)"
    echo "csv reader $orders orders$label: $(.build/release/csv-bench "$file" "$RUNS" --kernel "$KERNEL")"
    exit 0
  fi
done
echo "no benchmark data under $BENCH_DIR: run \`make bench\` (or ../shared/bench/gen_dataset.py) first" >&2
exit 1
