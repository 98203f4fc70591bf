#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (Tests/Fuzz: the CSV reader, the archive reader, detection and
# validation of one file) with -sanitize=fuzzer,address, replays every kept finding (Tests/Fuzz/Findings/TARGET)
# through them, then fuzzes each for FUZZ_TIME seconds (default 60), FUZZ_JOBS targets at a time (default: the
# number of cores), from a corpus seeded with Fixtures/ (kept between runs under .build-fuzz/corpus). A crash,
# a leak or a timeout stops its target, leaves the input under .build-fuzz/findings/TARGET and fails the run:
# fix it, and keep the input under Tests/Fuzz/Findings/TARGET as a regression. Not a test: `make test` never
# runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUZZ_TIME=${FUZZ_TIME:-60}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc)}
TARGETS=${FUZZ_TARGETS:-"csv archive validate"}
SCRATCH=.build-fuzz
FLAGS=(-c release --scratch-path "$SCRATCH" -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
       -Xcc -fsanitize=fuzzer-no-link,address)

# Seeds per target: CSV files for the reader and validation, archives (and a few plain files) for the archive reader.
seed() {
  case "$1" in
    csv|validate) find Fixtures -name '*.csv' ;;
    archive) find Fixtures/archives -type f ! -name '*.py'; echo Fixtures/shopify/orders_export_1.csv ;;
  esac
}
# Inputs bigger than this are cut by libFuzzer; archives need room for headers and a compressed body.
max_len() { case "$1" in archive) echo 65536 ;; *) echo 8192 ;; esac; }

for target in $TARGETS; do
  swift build "${FLAGS[@]}" --product "fuzz-$target" 2>&1 | grep -vE "Cannot export local symbol '__asan_extra_spill_area'" \
    | grep -E "error|warning: |Compiling|Build of" || true
  [ -x "$SCRATCH/release/fuzz-$target" ] || { echo "fuzz-$target did not build" >&2; exit 1; }
  mkdir -p "$SCRATCH/corpus/$target" "$SCRATCH/findings/$target"
  seed "$target" | while read -r file; do cp "$file" "$SCRATCH/corpus/$target/seed-$(basename "$file")"; done
  if [ -d "Tests/Fuzz/Findings/$target" ] && [ -n "$(ls -A "Tests/Fuzz/Findings/$target")" ]; then
    echo "fuzz-$target: replaying $(ls "Tests/Fuzz/Findings/$target" | wc -l) kept findings"
    "$SCRATCH/release/fuzz-$target" "Tests/Fuzz/Findings/$target"/* > "$SCRATCH/findings/$target/replay.log" 2>&1 \
      || { tail -n 30 "$SCRATCH/findings/$target/replay.log"; echo "fuzz-$target: a kept finding fails again" >&2; exit 1; }
  fi
done

status=0
run() {
  local target=$1 log="$SCRATCH/findings/$1/fuzz.log"
  local result=0
  "$SCRATCH/release/fuzz-$target" "$SCRATCH/corpus/$target" -max_total_time="$FUZZ_TIME" -max_len="$(max_len "$target")" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$SCRATCH/findings/$target/" > "$log" 2>&1 || result=$?
  local runs crashes
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  crashes=$(ls "$SCRATCH/findings/$target" | grep -cE '^(crash|leak|timeout|oom)-' || true)
  echo "fuzz-$target: ${runs:-?} executions in ${FUZZ_TIME}s, $crashes findings (exit $result; log $log)"
  return $result
}
pids=()
running=0
for target in $TARGETS; do
  run "$target" & pids+=($!)
  running=$((running + 1))
  if [ "$running" -ge "$FUZZ_JOBS" ]; then wait -n || status=1; running=$((running - 1)); fi
done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || status=1; done
exit $status
