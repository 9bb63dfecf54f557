#!/usr/bin/env bash
# Scheduler benchmark (issue 6), Kubernetes' scheduler_perf SchedulingBasic case: 5,000 Node
# objects (no kubelets; 4 cpu, 32 Gi, 110 pods, Ready) and 10,000 pending pods (100m cpu,
# 500 Mi) created through the API of `skiff apiserver` on the embedded SQLite store; then the
# scheduler runs and the bindings are counted as the store reports them (a watch). Also the
# decision rate of the pure algorithm in-process over the same synthetic cluster. Prints
# medians against Kubernetes' CI threshold for this case (680 pods/s) and Skiff's targets
# (>= 5,000 pods/s end to end, >= 20,000 decisions/s). Loopback only.
# Usage: bash hack/bench/scheduler.sh   (SKIFF=path/to/skiff to use another build;
#        BENCH_RUNS=N e2e repetitions, default 3; BENCH_NODES / BENCH_PODS to resize)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
if [ -z "${SKIFF:-}" ]; then
  swift build -c release --product skiff --scratch-path .build-release 2>&1 | tail -1
  SKIFF=$top/.build-release/release/skiff
fi
RUNS=${BENCH_RUNS:-3}
NODES=${BENCH_NODES:-5000}
PODS=${BENCH_PODS:-10000}
WORK=$(mktemp -d /tmp/skiff-bench.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_api() {
  local d="$WORK/api-$RANDOM"; mkdir -p "$d"
  "$SKIFF" apiserver --data-dir "$d" --listen 127.0.0.1:0 --store sqlite >"$d/log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do [ -f "$d/kubeconfig" ] && break; sleep 0.1; done
  API=$(awk '/server:/ {print $2; exit}' "$d/kubeconfig")
  for _ in $(seq 50); do curl -fsS "$API/readyz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "apiserver did not start"; cat "$d/log"; exit 1
}
stop_api() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
field() { sed -n "s/.*[ ^]$1=\([0-9.]*\).*/\1/p"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "(load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs)"
echo "== decisions in-process: $NODES nodes, $PODS pods (5 runs)"
d=$("$SKIFF" bench-scheduler --mode decide --nodes "$NODES" --pods "$PODS" --runs 5)
echo "$d"
DECIDE=$(echo "$d" | field per_second)
DECIDE_CPU=$(echo "$d" | field per_cpu_second)

echo "== end to end through the API on SQLite: $NODES nodes, $PODS pending pods ($RUNS runs)"
: >"$WORK/e2e"; : >"$WORK/steady"
for r in $(seq "$RUNS"); do
  start_api
  out=$("$SKIFF" bench-scheduler --mode e2e --server "$API" --nodes "$NODES" --pods "$PODS")
  echo "$out"
  echo "$out" | grep '^e2e' | field per_second >>"$WORK/e2e"
  echo "$out" | grep '^e2e' | field steady_per_second >>"$WORK/steady"
  stop_api
done
E2E=$(median <"$WORK/e2e")
STEADY=$(median <"$WORK/steady")

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
echo
printf '%-46s %12s %14s %14s\n' "metric (median)" "pods/s" "vs k8s CI 680" "vs target"
printf '%-46s %12s %14s %14s\n' "end to end, scheduler start to last binding" "$E2E" "$(ratio "$E2E" 680)x" "$(ratio "$E2E" 5000)x of 5000"
printf '%-46s %12s %14s %14s\n' "end to end, first to last binding" "$STEADY" "$(ratio "$STEADY" 680)x" "$(ratio "$STEADY" 5000)x of 5000"
printf '%-46s %12s %14s %14s\n' "decisions in-process (filter+score+assume)" "$DECIDE" "$(ratio "$DECIDE" 680)x" "$(ratio "$DECIDE" 20000)x of 20000"
printf '%-46s %12s %14s %14s\n' "decisions per CPU second" "$DECIDE_CPU" "$(ratio "$DECIDE_CPU" 680)x" "$(ratio "$DECIDE_CPU" 20000)x of 20000"
echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs)"
