#!/bin/sh
# The demo: starts kumppanid on a fresh data directory, imports the demo
# scenario through the kumppani client, prints the influence trail of the
# Päijät-Häme regional government's August 2022 decision and a coverage
# table, writes the 2022 Päijät-Häme annual report as HTML, verifies the log
# against a signed checkpoint, and stops the server cleanly.
#
# Usage: tools/demo/run_demo.sh BUILD_DIR [DATA_DIR]   (make demo runs it)
set -eu

build=${1:?usage: run_demo.sh BUILD_DIR [DATA_DIR]}
data=${2:-demo-data}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
kumppanid="$build/tools/kumppanid/kumppanid"
kumppani="$build/tools/kumppani/kumppani"
scenario="$source_dir/docs/examples/demo-scenario.ndjson"
report="$data/report-paijat-hame-2022.html"
region=org-paijat-hame-hva
decision=decision-ph-ah-jarjestoneuvottelukunta-2022-08

step() { printf '\n== %s\n' "$*"; }

rm -rf "$data"
mkdir -p "$data"
log="$data/kumppanid.log"
# A checkpoint every second, so that one soon covers the whole import.
"$kumppanid" --data-dir "$data/ledger" --listen 127.0.0.1:0 \
  --checkpoint-interval-seconds 1 >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT INT TERM

address=""
for _ in $(seq 1 300); do
  address=$(sed -n 's/.*listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$address" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$address" ] || { echo "kumppanid did not start; see $log" >&2; exit 1; }
verifier_key=$(sed -n 's/.*verifier key \([^)]*\)).*/\1/p' "$log" | head -n 1)
export KUMPPANI_SERVER="$address"
echo "kumppanid serves $data/ledger on $address"
echo "its checkpoints' verifier key: $verifier_key"

step "Import the demo scenario: 127 commands retold from the source articles"
"$kumppani" import "$scenario"
echo "Importing it again appends nothing:"
head=$("$kumppani" -o json import --quiet "$scenario" |
  sed -n 's/.*"last_position": *\([0-9]*\).*/\1/p')
"$kumppani" import --quiet "$scenario"

step "The influence trail of $decision"
"$kumppani" trail "$decision"

step "Coverage in Päijät-Häme in 2022"
"$kumppani" coverage --region "$region" --from 2022-01-01 --to 2022-12-31

# Wait for the signed checkpoint that covers the whole import (size $head).
for _ in $(seq 1 100); do
  "$kumppani" -o json verify --quick --trust-file "$data/wait.checkpoint" \
    --verifier-key "$verifier_key" 2>/dev/null | grep -q "\"tree_size\":$head," && break
  sleep 0.2
done

step "The 2022 annual cooperation report of Päijät-Häme"
"$kumppani" report annual --region "$region" --year 2022 --format html --out "$report"
echo "written: $report"

step "Verify the log locally against the signed checkpoint"
"$kumppani" verify --trust-file "$data/trusted.checkpoint" --verifier-key "$verifier_key"

step "Stop the server"
kill -TERM "$server_pid"
wait "$server_pid"
trap - EXIT INT TERM
echo "kumppanid stopped cleanly; the ledger stays in $data/ledger"
