#!/usr/bin/env bash
# Measures how long `startbridge serve` takes from process start to a
# successful /readyz, on a fresh SQLite file (migrations, founding data and
# the first admin included) and on an existing one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
bin=$(mktemp -d)/startbridge
go build -o "$bin" ./cmd/startbridge
work=$(mktemp -d)
trap 'rm -rf "$work" "$(dirname "$bin")"' EXIT

measure() { # $1 = label, $2 = fresh|existing
  local total=0 worst=0
  for i in $(seq 1 "$runs"); do
    [ "$2" = fresh ] && rm -f "$work"/sb.db*
    local port=$((20000 + RANDOM % 20000))
    local start=$(date +%s%N)
    "$bin" serve --addr 127.0.0.1:$port --db "$work/sb.db" --log-level error >/dev/null 2>&1 &
    local pid=$!
    until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do sleep 0.005; done
    local ms=$(( ($(date +%s%N) - start) / 1000000 ))
    kill -TERM $pid; wait $pid || true
    total=$((total + ms)); [ $ms -gt $worst ] && worst=$ms
  done
  echo "$1: mean $((total / runs)) ms, worst $worst ms over $runs runs"
}
measure "fresh SQLite file" fresh
measure "existing SQLite file" existing
