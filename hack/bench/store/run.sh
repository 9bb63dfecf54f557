#!/usr/bin/env bash
# Store micro-benchmark: SQLiteStore creates/s with 1, 8 and 32 concurrent writers against raw
# SQLite inserts of the same rows, a list of 10,000 keys, watch delivery latency to 100
# watchers, and EtcdStore creates/s against raw etcd puts through the same gateway (a
# single etcd started on loopback). Prints medians and the ratio to the peer of the same run.
#
# Usage: hack/bench/store/run.sh [debug|release] [runs]
#   release (default) builds with -enable-testing so the test target can drive the store, in
#   .build-bench so it neither waits for nor blocks a debug build in .build.
set -euo pipefail
cd "$(dirname "$0")/../../.."
config="${1:-release}"
runs="${2:-3}"
case "$config" in
  debug) flags=() ;;
  release) flags=(-c release -Xswiftc -enable-testing --scratch-path .build-bench) ;;
  *) echo "usage: $0 [debug|release] [runs]" >&2; exit 2 ;;
esac
swift build --build-tests "${flags[@]}" >&2
bin="$(swift build --build-tests "${flags[@]}" --show-bin-path)/SkiffPackageTests.xctest"
echo "store benchmark ($config build, $runs runs per figure, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
SKIFF_STORE_BENCH=1 SKIFF_STORE_BENCH_RUNS="$runs" "$bin" --testing-library swift-testing --filter StoreBenchmark 2>&1 \
  | grep -E '^BENCH|✘|error' | sed 's/^BENCH //'
