#!/usr/bin/env bash
# Controller manager benchmark (issue 6): a ReplicationController of 1,000 replicas, from the
# create to all 1,000 pods existing and status.replicas=1000 (target: <= 2 s), on
# `skiff server --disable-agent` (embedded store, controllers in-process, release build).
# Peer in the same run, on the same server: the same 1,000 pod creates issued by a plain client
# (`skiff bench-api --mode creates`, 256 concurrent requests - the widest slow-start batch).
# Ratio = controller time / plain-client time. Loopback only. Median of BENCH_RUNS (default 3).
# Usage: bash hack/bench/controllers.sh   (SKIFF=path/to/skiff to use another build)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
if [ -z "${SKIFF:-}" ]; then
  swift build -c release --product skiff --scratch-path .build-release 2>&1 | tail -1
  SKIFF=$top/.build-release/release/skiff
fi
N=${BENCH_REPLICAS:-1000}
RUNS=${BENCH_RUNS:-3}
WORK=$(mktemp -d /tmp/skiff-bench-cm.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() {
  local d="$WORK/run-$1"; mkdir -p "$d"
  "$SKIFF" server --disable-agent --data-dir "$d" --listen 127.0.0.1:0 >"$d/log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 200); do [ -f "$d/kubeconfig" ] && break; sleep 0.05; done
  API=$(awk '/server:/ {print $2; exit}' "$d/kubeconfig")
  for _ in $(seq 100); do curl -fsS "$API/readyz" >/dev/null 2>&1 && break; sleep 0.05; done
  # The controller manager is ready once it syncs a 1-replica warm-up RC.
  rc_body warm 1 | curl -fsS -XPOST -H 'Content-Type: application/json' "$API/api/v1/namespaces/default/replicationcontrollers" -d @- >/dev/null
  for _ in $(seq 200); do
    [ "$(curl -fsS "$API/api/v1/namespaces/default/replicationcontrollers/warm" | jq '.status.replicas')" = 1 ] && return
    sleep 0.05
  done
  echo "controller manager did not start"; cat "$d/log"; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
now_ms() { date +%s%3N; }
rc_body() { # name replicas
  printf '{"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"%s"},"spec":{"replicas":%d,"selector":{"app":"%s"},"template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}' "$1" "$2" "$1" "$1"
}

rc_times=(); peer_times=()
for run in $(seq "$RUNS"); do
  start_server "$run"
  curl -fsS -XPOST -H 'Content-Type: application/json' "$API/api/v1/namespaces" -d '{"metadata":{"name":"peer"}}' >/dev/null
  t0=$(now_ms)
  rc_body big "$N" | curl -fsS -XPOST -H 'Content-Type: application/json' "$API/api/v1/namespaces/default/replicationcontrollers" -d @- >/dev/null
  while [ "$(curl -fsS "$API/api/v1/namespaces/default/replicationcontrollers/big" | jq '.status.replicas')" != "$N" ]; do
    [ $(( $(now_ms) - t0 )) -lt 120000 ] || { echo "RC did not reach $N replicas"; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  have=$(curl -fsS "$API/api/v1/namespaces/default/pods?labelSelector=app%3Dbig" | jq '.items | length')
  [ "$have" = "$N" ] || { echo "expected $N pods, found $have"; exit 1; }
  rc_ms=$((t1 - t0))
  p=$("$SKIFF" bench-api --mode creates --server "$API" --clients 256 --count "$N" --namespace peer --prefix peer)
  peer_ms=$(echo "$p" | sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' | awk '{printf "%d", $1 * 1000}')
  echo "run $run: RC of $N -> ${rc_ms} ms; plain client, $N creates -> ${peer_ms} ms"
  rc_times+=("$rc_ms"); peer_times+=("$peer_ms")
  stop_server
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rc_med=$(median "${rc_times[@]}"); peer_med=$(median "${peer_times[@]}")
echo
printf 'RC of %d replicas, create -> all pods + status.replicas: median %d ms (target <= 2000 ms: %s)\n' \
  "$N" "$rc_med" "$([ "$rc_med" -le 2000 ] && echo met || echo missed)"
printf 'plain client, %d pod creates at 256 concurrent:           median %d ms\n' "$N" "$peer_med"
awk -v a="$rc_med" -v b="$peer_med" 'BEGIN { printf "ratio controller / plain client: %.2f\n", (b > 0 ? a / b : 0) }'
