#!/usr/bin/env bash
# `make bench`: times, beside the DuckDB peer of ../shared/bench (alternating runs), the nightly job (`intake run`
# of a pipeline that imports the catalog, connects the products and runs the orders stage from a fresh state,
# publishing jobs.jsonl, rejects.csv and summary.json) and `intake validate` of the orders export; prints
# medians, their ratio, peak RSS and whether our counts equal the generator's. Not a test: `make test` never
# runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
SHARED=${SHARED:-../shared/bench}
BENCH_DIR=${BENCH_DIR:-/tmp/order-intake-bench}
BENCH_ORDERS=${BENCH_ORDERS:-"100000 1000000"}
# Five runs of each command, alternated: on a shared VM whose speed changes by half from one moment to the next, the
# median of three is one slow run away from the worst.
RUNS=${RUNS:-5}
BIN=${BIN:-.build/release/intake}

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# GNU time adds "Command exited with non-zero status N" to its output file (exit 1 = rows rejected): keep the figures.
record() { grep -E '^[0-9.]+ [0-9]+$' "$1" >> "$2"; }

for orders in $BENCH_ORDERS; do
  data="$BENCH_DIR/data-$orders"
  if [ ! -f "$data/expected_summary.json" ]; then
    echo "generating $orders orders into $data"
    python3 "$SHARED/gen_dataset.py" "$data" --orders "$orders"
  fi
  out="$BENCH_DIR/out-$orders"
  rm -rf "$out"; mkdir -p "$out/ours" "$out/peer" "$out/runs"
  printf 'Name,Customer Reference ID\nBench Shop,BENCH-1\n' > "$out/customers.csv"
  cat > "$out/nightly.yml" <<YML
name: bench
catalog: $data/catalog.csv
customers: $out/customers.csv
stores:
  - { id: bench-shop, customer: BENCH-1, platform: shopify }
stages:
  - connect: { store: bench-shop, files: $data/shopify_products_mapped.csv }
  - orders: { store: bench-shop, files: $data/shopify_orders.csv }
output:
  dir: $out/runs/{run}
YML
  : > "$out/ours.times"; : > "$out/peer.times"; : > "$out/validate.times"
  for i in $(seq "$RUNS"); do
    rm -rf "$out/runs"/* "$out/state.sqlite"*
    # Each command starts on an idle disk: the peer leaves ~0.7 GB of jobs in the page cache for the kernel to write
    # back (it fsyncs nothing), which otherwise lands in the next command's time (ours writes and fsyncs its jobs).
    sync
    /usr/bin/time -f "%e %M" -o "$out/t" "$BIN" run "$out/nightly.yml" --state "$out/state.sqlite" --quiet || [ $? -le 1 ]
    record "$out/t" "$out/ours.times"
    sync
    /usr/bin/time -f "%e %M" -o "$out/t" python3 "$SHARED/peer_duckdb.py" "$data" "$out/peer" > "$out/peer/result.json"
    record "$out/t" "$out/peer.times"
    sync
    /usr/bin/time -f "%e %M" -o "$out/t" "$BIN" validate "$data/shopify_orders.csv" \
      --catalog "$data/catalog.csv" --connections "$data/shopify_products_mapped.csv" \
      --rejects "$out/ours/rejects.csv" --json > "$out/ours/validate.json" || [ $? -le 1 ]
    record "$out/t" "$out/validate.times"
  done
  cp "$out"/runs/*/summary.json "$out/ours/summary.json"
  ours=$(cut -d' ' -f1 "$out/ours.times" | median)
  peer=$(cut -d' ' -f1 "$out/peer.times" | median)
  ours_rss=$(cut -d' ' -f2 "$out/ours.times" | sort -n | tail -1)
  peer_rss=$(cut -d' ' -f2 "$out/peer.times" | sort -n | tail -1)
  match=$(python3 - "$data/expected_summary.json" "$out/ours/summary.json" <<'PY'
import json, sys
expected = json.load(open(sys.argv[1]))["orders"]
ours = json.load(open(sys.argv[2]))
diff = [k for k, v in expected.items() if ours.get(k) != v]
print("counts match" if not diff else "counts DIFFER: " + ", ".join(f"{k}: expected {expected[k]}, got {ours.get(k)}" for k in diff))
PY
)
  ratio=$(awk -v p="$peer" -v o="$ours" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 0) }')
  echo "run $orders orders: ours ${ours}s (peak RSS $((ours_rss / 1024)) MiB), peer ${peer}s (peak RSS $((peer_rss / 1024)) MiB), ratio ${ratio}x, $match"
  validate=$(cut -d' ' -f1 "$out/validate.times" | median)
  validate_rss=$(cut -d' ' -f2 "$out/validate.times" | sort -n | tail -1)
  rows=$(python3 -c "import json; print(json.load(open('$out/ours/validate.json'))['rows_read'])")
  echo "validate $orders orders: ours ${validate}s (peak RSS $((validate_rss / 1024)) MiB), $(awk -v r="$rows" -v t="$validate" 'BEGIN { printf "%.0f", (t > 0 ? r / t : 0) }') rows/s, ratio to peer $(awk -v p="$peer" -v o="$validate" 'BEGIN { printf "%.1f", (o > 0 ? p / o : 0) }')x"
done
# The CSV reader alone over the largest export generated (issue 5: ≥ 1 GB/s on one core).
bash Tests/Bench/csv.sh
