#!/bin/sh
# Remakes the seed corpora in tests/fuzz/corpus/ from the demo scenario:
# starts kumppanid on a scratch data directory, imports the scenario with the
# kumppani client, waits for a signed checkpoint of the whole log, and runs
# fuzz_make_seeds against it. The corpora are kept in the repository; run
# this after a change to the scenario or the protos.
#
# Usage: tests/fuzz/make_seeds.sh BUILD_DIR
set -eu
build=${1:?usage: make_seeds.sh BUILD_DIR}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
scenario="$source_dir/docs/examples/demo-scenario.ndjson"
work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
"$build/tools/kumppanid/kumppanid" --data-dir "$work/ledger" --listen 127.0.0.1:0 \
  --checkpoint-interval-seconds 1 >"$work/log" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 1 300); do
  address=$(sed -n 's/.*listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/log" | head -n 1)
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || { cat "$work/log" >&2; exit 1; }
"$build/tools/kumppani/kumppani" --server "$address" import --quiet "$scenario"
sleep 2  # a checkpoint covering the import
rm -rf "$source_dir/tests/fuzz/corpus"
"$build/tests/fuzz/fuzz_make_seeds" "$address" "$scenario" "$source_dir/tests/fuzz/corpus"
kill -TERM "$server_pid"
wait "$server_pid"
