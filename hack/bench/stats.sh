#!/usr/bin/env bash
# Stats benchmark (issue: the node's HTTP face): `skiff apiserver` and `skiff kubelet` in a
# private network namespace with no route out, TOTAL (default 100) running pods, then
# hack/bench/stats.py: /stats/summary and /metrics/cadvisor latency (p50/p99, /healthz as the
# peer) and the collector's CPU share at the default 10 s housekeeping (the whole kubelet as the
# peer). Root only. SKIFF=path picks the binary (default: release build).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
SKIFF=${SKIFF:-$top/.build/release/skiff}
if [ ! -x "$SKIFF" ]; then
  echo "stats bench: building release"; (cd "$top" && swift build -c release --static-swift-stdlib --product skiff | tail -2)
fi
bash "$top/hack/mkrootfs.sh" >/dev/null
NS=skiff-sbench-$$; W=$(mktemp -d /tmp/skiff-sbench.XXXXXX); CG=/skiff-sbench-$$; RT=/run/skiff/sbench-$$
API_PID=""; KUBELET_PID=""
cleanup() {
  set +e  # every step runs even when an earlier one finds nothing to do
  [ -n "$API_PID" ] && timeout 180 ip netns exec "$NS" kubectl --kubeconfig "$W/kubeconfig" delete pods --all --timeout=170s >/dev/null 2>&1 || true
  for p in $KUBELET_PID $API_PID; do kill "$p" 2>/dev/null || true; done
  for p in $KUBELET_PID $API_PID; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  for c in /sys/fs/cgroup/*/"${CG#/}"; do [ -d "$c" ] && find "$c" -name cgroup.procs -exec cat {} \; | xargs -r kill -9 2>/dev/null; done
  sleep 0.3
  for c in /sys/fs/cgroup/*/"${CG#/}"; do [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null; done
  ip netns del "$NS" 2>/dev/null || true
  grep -F "$W" /proc/self/mounts | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
  rm -rf "$W" "$RT" /var/lib/cni/networks/"sbench-$$" || true
}
trap cleanup EXIT
ip netns add "$NS"; ip -n "$NS" link set lo up
mkdir -p "$W/cni"
cat > "$W/cni/10-bench.conflist" <<CNI
{"cniVersion":"1.0.0","name":"sbench-$$","plugins":[{"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,
 "ipam":{"type":"host-local","ranges":[[{"subnet":"10.244.0.0/24"}]]}},{"type":"portmap","capabilities":{"portMappings":true}}]}
CNI
unshare -m --propagation slave nsenter --net=/run/netns/"$NS" -- "$SKIFF" apiserver --data-dir "$W" --listen 127.0.0.1:6443 >"$W/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 100); do [ -f "$W/kubeconfig" ] && break; sleep 0.1; done
unshare -m --propagation slave nsenter --net=/run/netns/"$NS" -- "$SKIFF" kubelet --kubeconfig "$W/kubeconfig" --node-name bench \
  --root-dir "$W/kubelet" --runtime-root "$RT" --pod-log-dir "$W/logs" --cni-conf-dir "$W/cni" --cgroup-root "$CG" \
  --image-dir "$top/rootfs" --node-ip 10.244.0.1 --address 127.0.0.1 >"$W/kubelet.log" 2>&1 &
KUBELET_PID=$!
for _ in $(seq 100); do ip netns exec "$NS" kubectl --kubeconfig "$W/kubeconfig" get node bench >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS" env API=http://127.0.0.1:6443 NODE=bench KUBELET=http://127.0.0.1:10255 KUBELET_PID=$KUBELET_PID \
  TOTAL="${TOTAL:-100}" python3 "$top/hack/bench/stats.py"
