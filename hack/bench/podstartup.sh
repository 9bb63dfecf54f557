#!/usr/bin/env bash
# Pod start-up benchmark (issue: kubelet): `skiff apiserver` and `skiff kubelet` as separate
# processes in a private network namespace with no route out, then hack/bench/podstartup.py
# (sequential and burst create→Running through a watch, kubelet RSS/CPU and pause RSS with
# TOTAL running pods). Root only. SKIFF=path picks the binary (default: release build).
# BENCH_LOG_DIR=dir keeps the apiserver and kubelet logs.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
SKIFF=${SKIFF:-$top/.build/release/skiff}
if [ ! -x "$SKIFF" ]; then
  echo "podstartup: building release"; (cd "$top" && swift build -c release --static-swift-stdlib --product skiff | tail -2)
fi
bash "$top/hack/mkrootfs.sh" >/dev/null
NS=skiff-bench-$$; W=$(mktemp -d /tmp/skiff-bench.XXXXXX); CG=/skiff-bench-$$; RT=/run/skiff/bench-$$
API_PID=""; KUBELET_PID=""
cleanup() {
  [ -n "$API_PID" ] && timeout 120 ip netns exec "$NS" kubectl --kubeconfig "$W/kubeconfig" delete pods --all --timeout=100s >/dev/null 2>&1 || true
  for p in $KUBELET_PID $API_PID; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for c in /sys/fs/cgroup/*/"${CG#/}"; do [ -d "$c" ] && find "$c" -name cgroup.procs -exec cat {} \; | xargs -r kill -9 2>/dev/null; done
  sleep 0.3
  for c in /sys/fs/cgroup/*/"${CG#/}"; do [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null; done
  ip netns del "$NS" 2>/dev/null || true
  [ -n "${BENCH_LOG_DIR:-}" ] && mkdir -p "$BENCH_LOG_DIR" && cp "$W"/*.log "$BENCH_LOG_DIR"/ 2>/dev/null
  rm -rf "$W" "$RT" /var/lib/cni/networks/"bench-$$"
}
trap cleanup EXIT
ip netns add "$NS"; ip -n "$NS" link set lo up
mkdir -p "$W/cni"
cat > "$W/cni/10-bench.conflist" <<CNI
{"cniVersion":"1.0.0","name":"bench-$$","plugins":[{"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":false,
 "ipam":{"type":"host-local","ranges":[[{"subnet":"10.244.0.0/24"}]]}},{"type":"portmap","capabilities":{"portMappings":true}}]}
CNI
unshare -m --propagation slave nsenter --net=/run/netns/"$NS" -- "$SKIFF" apiserver --data-dir "$W" --listen 127.0.0.1:6443 >"$W/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 100); do [ -f "$W/kubeconfig" ] && break; sleep 0.1; done
unshare -m --propagation slave nsenter --net=/run/netns/"$NS" -- "$SKIFF" kubelet --kubeconfig "$W/kubeconfig" --node-name bench \
  --root-dir "$W/kubelet" --runtime-root "$RT" --pod-log-dir "$W/logs" --cni-conf-dir "$W/cni" --cgroup-root "$CG" \
  --image-dir "$top/rootfs" --node-ip 10.244.0.1 >"$W/kubelet.log" 2>&1 &
KUBELET_PID=$!
for _ in $(seq 100); do ip netns exec "$NS" kubectl --kubeconfig "$W/kubeconfig" get node bench >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS" env API=http://127.0.0.1:6443 NODE=bench KUBELET_PID=$KUBELET_PID python3 "$top/hack/bench/podstartup.py"
