#!/usr/bin/env bash
# API server benchmark (issue 3): pod creates/s with 1, 8 and 32 concurrent clients, list
# latency with 10,000 pods, watch delivery latency (p50/p99) with 100 watchers - on the
# embedded SQLite store and on etcd - and raw etcd puts/s at the same concurrency in the same
# run as the ceiling (ratio = creates through the API on etcd / raw puts; each raw put writes
# a pod as the SQLite run's server stored it, so both sides move the same bytes). Loopback only.
# `skiff bench-api` drives creates and raw puts alike through one lean keep-alive HTTP/1.1
# client per thread, and reads watches as raw lines, so it takes little of the shared CPU.
# The load average is printed before and after: on a shared machine it explains the spread.
# Usage: bash hack/bench/apiserver.sh   (SKIFF=path/to/skiff to use another build;
#        BENCH_CREATES=N creates per run, default 3000)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
if [ -z "${SKIFF:-}" ]; then
  swift build -c release --product skiff --scratch-path .build-release 2>&1 | tail -1
  SKIFF=$top/.build-release/release/skiff
fi
N=${BENCH_CREATES:-3000}
WORK=$(mktemp -d /tmp/skiff-bench.XXXXXX)
SERVER_PID=""; ETCD_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ -n "$ETCD_PID" ] && kill "$ETCD_PID" 2>/dev/null && wait "$ETCD_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start_etcd() {
  local c p; c=$(free_port); p=$(free_port)
  ETCD_URL="http://127.0.0.1:$c"
  etcd --name bench --data-dir "$WORK/etcd-$c" --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$p" --initial-advertise-peer-urls "http://127.0.0.1:$p" \
    --initial-cluster "bench=http://127.0.0.1:$p" >"$WORK/etcd-$c.log" 2>&1 &
  ETCD_PID=$!
  for _ in $(seq 100); do curl -fsS --max-time 1 "$ETCD_URL/health" 2>/dev/null | grep -q true && return; sleep 0.1; done
  echo "etcd did not start"; exit 1
}
stop_etcd() { kill "$ETCD_PID"; wait "$ETCD_PID" 2>/dev/null || true; ETCD_PID=""; }

start_api() { # store args...
  local d="$WORK/api-$RANDOM"; mkdir -p "$d"
  "$SKIFF" apiserver --data-dir "$d" --listen 127.0.0.1:0 "$@" >"$d/log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do [ -f "$d/kubeconfig" ] && break; sleep 0.1; done
  API=$(awk '/server:/ {print $2; exit}' "$d/kubeconfig")
  for _ in $(seq 50); do curl -fsS "$API/readyz" >/dev/null 2>&1 && return; sleep 0.1; done
}
stop_api() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

declare -A R
bench_backend() { # name, store args...
  local name=$1; shift
  start_api "$@"
  for c in 1 8 32; do
    R[$name,create,$c]=$("$SKIFF" bench-api --mode creates --server "$API" --clients "$c" --count "$N" --prefix "c$c" | field per_second)
  done
  # Fill up to 10,000 pods, then time full lists.
  local have=$((3 * N)) need
  need=$((10000 - have))
  [ "$need" -gt 0 ] && "$SKIFF" bench-api --mode creates --server "$API" --clients 32 --count "$need" --prefix fill >/dev/null
  local l; l=$("$SKIFF" bench-api --mode list --server "$API" --count 5)
  R[$name,list_p50]=$(echo "$l" | field p50_ms); R[$name,list_items]=$(echo "$l" | field items)
  # A pod as the server stores it (the raw puts below write values of this size).
  [ "$name" = sqlite ] && curl -fsS "$API/api/v1/namespaces/default/pods/c1-0" | python3 -c 'import json,sys; o=json.load(sys.stdin); o["metadata"].pop("resourceVersion",None); sys.stdout.write(json.dumps(o,separators=(",",":")))' >"$WORK/stored-pod.json"
  local w; w=$("$SKIFF" bench-api --mode watch --server "$API" --watchers 100 --count 100 --prefix w --namespace kube-public)
  R[$name,watch_p50]=$(echo "$w" | field p50_ms); R[$name,watch_p99]=$(echo "$w" | field p99_ms)
  stop_api
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== SQLite (embedded)"
bench_backend sqlite --store sqlite
echo "== etcd"
start_etcd
for c in 1 8 32; do
  R[raw,put,$c]=$("$SKIFF" bench-api --mode etcd-puts --server "$ETCD_URL" --clients "$c" --count "$N" --prefix p$c --value-file "$WORK/stored-pod.json" | field per_second)
done
bench_backend etcd --store etcd --etcd-servers "$ETCD_URL"
stop_etcd

echo
printf '%-34s %12s %12s %12s\n' "metric" "1 client" "8 clients" "32 clients"
row() { printf '%-34s %12s %12s %12s\n' "$1" "$2" "$3" "$4"; }
row "pod creates/s, SQLite" "${R[sqlite,create,1]}" "${R[sqlite,create,8]}" "${R[sqlite,create,32]}"
row "pod creates/s, etcd" "${R[etcd,create,1]}" "${R[etcd,create,8]}" "${R[etcd,create,32]}"
row "raw etcd puts/s (ceiling)" "${R[raw,put,1]}" "${R[raw,put,8]}" "${R[raw,put,32]}"
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
row "etcd creates / raw puts" "$(ratio "${R[etcd,create,1]}" "${R[raw,put,1]}")" "$(ratio "${R[etcd,create,8]}" "${R[raw,put,8]}")" "$(ratio "${R[etcd,create,32]}" "${R[raw,put,32]}")"
echo
printf '%-34s %12s %12s\n' "metric" "SQLite" "etcd"
printf '%-34s %12s %12s\n' "list of ${R[sqlite,list_items]} pods, p50 ms" "${R[sqlite,list_p50]}" "${R[etcd,list_p50]}"
printf '%-34s %12s %12s\n' "watch delivery p50 ms (100 watchers)" "${R[sqlite,watch_p50]}" "${R[etcd,watch_p50]}"
printf '%-34s %12s %12s\n' "watch delivery p99 ms (100 watchers)" "${R[sqlite,watch_p99]}" "${R[etcd,watch_p99]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
