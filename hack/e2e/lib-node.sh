#!/usr/bin/env bash
# Helpers for end-to-end suites that run a whole node: a private "host" network namespace with
# only loopback and no route out, `skiff server` (API server + kubelet) inside it, and kubectl
# talking to it from inside the same namespace. Everything is removed on exit, also on failure.
set -uo pipefail
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then echo "lib-node.sh: helpers sourced by node e2e scripts; nothing to run"; exit 0; fi
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SKIFF=${SKIFF:-$top/.build/debug/skiff}
[ -x "$SKIFF" ] || { echo "e2e: $SKIFF not built (run swift build first)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "e2e: needs root (network namespaces, cgroups, mounts)"; [ "${CI:-}" = true ] && exit 1; exit 0; }
HOSTNS=skiff-e2e-$$
WORK=$(mktemp -d /tmp/skiff-node-e2e.XXXXXX)
DATA=$WORK/data
NODE=e2e-node-$$
SERVER_PID=""
FAILED=0
PASSED=0

nsx() { ip netns exec "$HOSTNS" "$@"; }
kc() { nsx kubectl --kubeconfig "$DATA/kubeconfig" "$@"; }

EXTRA_PIDS=""
cleanup() {
  for p in $EXTRA_PIDS; do kill "$p" 2>/dev/null || true; done
  # Pods first (the kubelet tears down their containers, network and cgroups), then the server.
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    timeout 60 ip netns exec "$HOSTNS" kubectl --kubeconfig "$DATA/kubeconfig" delete pods --all --all-namespaces --wait=true --timeout=50s >/dev/null 2>&1 || true
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  # Anything a failed run left: containers by their cgroups (pids we made), then cgroups.
  for ctrl in /sys/fs/cgroup/*/; do
    d="$ctrl${CGROOT#/}"
    [ -d "$d" ] || continue
    find "$d" -name cgroup.procs 2>/dev/null | while read -r f; do
      while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$f"
    done
    sleep 0.2
    find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
  # Shims of our runtime root, by pid file.
  for rec in "$RTROOT"/*/state.json; do
    [ -f "$rec" ] || continue
    for key in pid shimPid; do
      p=$(sed -n "s/.*\"$key\" *: *\([0-9]*\).*/\1/p" "$rec" | head -1)
      [ -n "$p" ] && [ "$p" -gt 1 ] && kill -9 "$p" 2>/dev/null || true
    done
  done
  ip netns del "$HOSTNS" 2>/dev/null || true
  rm -rf /var/lib/cni/networks/"skiff-e2e-$$" 2>/dev/null || true
  grep -F "$WORK" /proc/self/mounts | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
  rm -rf "$WORK" "$RTROOT"
}
trap cleanup EXIT
CGROOT=/skiff-e2e-$$
RTROOT=/run/skiff/e2e-$$

# start_node [extra server flags...]: the private host namespace and `skiff server` inside it.
start_node() {
  ip netns add "$HOSTNS"
  ip -n "$HOSTNS" link set lo up
  # A veth pair inside the namespace gives the node an address; there is no default route out.
  ip -n "$HOSTNS" link add eth0 type veth peer name eth0-peer
  ip -n "$HOSTNS" link set eth0-peer up
  ip -n "$HOSTNS" addr add 192.0.2.10/24 dev eth0
  ip -n "$HOSTNS" link set eth0 up
  mkdir -p "$DATA" "$WORK/cni"
  cat > "$WORK/cni/10-e2e.conflist" <<CNI
{"cniVersion":"1.0.0","name":"skiff-e2e-$$","plugins":[
 {"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":true,"hairpinMode":true,
  "ipam":{"type":"host-local","ranges":[[{"subnet":"10.244.0.0/24"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
 {"type":"portmap","capabilities":{"portMappings":true},"snat":true}]}
CNI
  SERVER_ARGS=("$@")
  launch_server
}

# launch_server: (re)starts `skiff server` with the node's flags and waits for the node.
# nsenter (not `ip netns exec`, which remounts /sys and so hides the cgroup hierarchies) in a
# private mount namespace, so whatever the node mounts goes away with it.
launch_server() {
  unshare -m --propagation slave nsenter --net=/run/netns/"$HOSTNS" -- "$SKIFF" server --data-dir "$DATA" --listen 127.0.0.1:6443 \
     --node-name "$NODE" --node-ip 192.0.2.10 --cni-conf-dir "$WORK/cni" --runtime-root "$RTROOT" \
     --pod-log-dir "$WORK/logs" --cgroup-root "$CGROOT" "${SERVER_ARGS[@]}" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do
    if [ -f "$DATA/kubeconfig" ] && kc get node "$NODE" >/dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "e2e: server exited:"; tail -50 "$WORK/server.log"; exit 1; }
    sleep 0.1
  done
  echo "e2e: node did not register"; tail -50 "$WORK/server.log"; exit 1
}

pass() { PASSED=$((PASSED + 1)); echo "  ok   $*"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $*"; }
check() {
  local what=$1; shift
  local out
  if out=$("$@" 2>&1); then pass "$what"; else fail "$what"; echo "$out" | sed 's/^/       /' | head -20; fi
}
check_eq() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: expected [$2], got [$3]"; fi; }
wait_for() {
  local what=$1 secs=$2; shift 2
  local end=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$end" ]; do
    if "$@" >/dev/null 2>&1; then pass "$what"; return 0; fi
    sleep 0.2
  done
  fail "$what (not within ${secs}s)"; "$@" 2>&1 | sed 's/^/       /' | head -10
  return 1
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  if [ "$FAILED" -gt 0 ]; then echo "--- server log (tail)"; tail -60 "$WORK/server.log"; exit 1; fi
}
