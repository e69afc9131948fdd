#!/bin/sh
# Runs one libFuzzer target for a while from the kept corpus and regression
# inputs; new inputs go to a scratch directory, crashes to WORK_DIR.
# Exits non-zero, naming the crashing input, when the target finds anything.
#
# Usage: run_fuzzer.sh FUZZER SECONDS CORPUS_DIR REGRESSIONS_DIR WORK_DIR
#   extra libFuzzer flags may follow (e.g. -jobs=2 -workers=2)
set -eu
fuzzer=$1 seconds=$2 corpus=$3 regressions=$4 work=$5
shift 5
rm -rf "$work"
mkdir -p "$work/new"
# ASan's leak checker stays on; -rss_limit_mb guards against runaway memory.
"$fuzzer" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1 \
  -artifact_prefix="$work/" "$@" "$work/new" "$corpus" "$regressions" 2>"$work/log" || {
  status=$?
  tail -n 60 "$work/log" >&2
  echo "$fuzzer found a failing input (exit $status); see $work/" >&2
  exit 1
}
grep -E "^(stat::|Done|INFO: Loaded|#[0-9]+.*DONE)" "$work/log" || true
