#!/usr/bin/env bash
# A Skiff cluster on one machine: one `skiff server` and N-1 `skiff agent`s (default N=2), each
# node in its own network namespace (its "host"), joined by a bridge inside a parent namespace
# that has no route out. Node i has address 192.0.2.(10+i) and pod CIDR 10.244.i.0/24; every
# node routes the other nodes' pod CIDRs to them, and the agents route the cluster DNS address
# (10.96.0.10) to the server node, where the DNS answers. Per-node data dirs, runtime roots and
# cgroup roots keep the nodes apart.
#
#   hack/local-up-cluster.sh [N]       start (as root)
#   hack/local-down-cluster.sh         stop and remove everything
#
# Environment: SKIFF_CLUSTER_DIR (state, default /tmp/skiff-cluster), SKIFF_CLUSTER_NAME (prefix of
# namespaces, links and cgroups, default lc; at most 8 characters), SKIFF (the binary).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-2}
NAME=${SKIFF_CLUSTER_NAME:-lc}
DIR=${SKIFF_CLUSTER_DIR:-/tmp/skiff-cluster}
SKIFF=${SKIFF:-$top/.build/debug/skiff}
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] && [ "$N" -le 50 ] || { echo "local-up-cluster: N: expected a node count from 1 to 50, got '$N'" >&2; exit 2; }
[[ "$NAME" =~ ^[a-z0-9]{1,8}$ ]] || { echo "local-up-cluster: SKIFF_CLUSTER_NAME: 1 to 8 lower-case letters or digits, got '$NAME'" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "local-up-cluster: needs root (network namespaces, cgroups, mounts)" >&2; exit 1; }
[ -x "$SKIFF" ] || { echo "local-up-cluster: $SKIFF not built (swift build)" >&2; exit 1; }
if [ -e "$DIR/cluster.env" ]; then
  echo "local-up-cluster: a cluster is recorded in $DIR; run hack/local-down-cluster.sh first" >&2; exit 1
fi
mkdir -p "$DIR"
PARENT=skiff-$NAME
DNSIP=10.96.0.10
node_ns() { echo "skiff-$NAME-n$1"; }
node_ip() { echo "192.0.2.$((10 + $1))"; }
node_name() { echo "skiff-$NAME-node$1"; }

# What local-down-cluster.sh needs, written before anything is made so a failed start can be
# torn down too.
cat > "$DIR/cluster.env" <<ENV
NAME=$NAME
N=$N
PARENT=$PARENT
ENV
fail() {
  echo "local-up-cluster: $*" >&2
  echo "local-up-cluster: tearing down the partial cluster" >&2
  SKIFF_CLUSTER_DIR="$DIR" bash "$top/hack/local-down-cluster.sh" >&2 || true
  exit 1
}

echo "local-up-cluster: $N node(s) in $DIR"
# The parent namespace: a bridge and nothing else. No default route anywhere.
ip netns add "$PARENT" || fail "cannot create namespace $PARENT"
ip -n "$PARENT" link set lo up
ip -n "$PARENT" link add br0 type bridge
ip -n "$PARENT" addr add 192.0.2.1/24 dev br0
ip -n "$PARENT" link set br0 up

for i in $(seq 0 $((N - 1))); do
  ns=$(node_ns "$i"); nip=$(node_ip "$i")
  ip netns add "$ns" || fail "cannot create namespace $ns"
  ip -n "$ns" link set lo up
  ip -n "$PARENT" link add "$NAME-n$i" type veth peer name eth0 netns "$ns"
  ip -n "$PARENT" link set "$NAME-n$i" master br0 up
  ip -n "$ns" addr add "$nip/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
  # The parent reaches every pod through its node (kubectl, wget from the parent).
  ip -n "$PARENT" route add "10.244.$i.0/24" via "$nip"
  mkdir -p "$DIR/node$i"/{cni,data,logs,ipam}
  cat > "$DIR/node$i/cni/10-skiff.conflist" <<CNI
{"cniVersion":"1.0.0","name":"skiff-$NAME-n$i","plugins":[
 {"type":"bridge","bridge":"cni0","isGateway":true,"ipMasq":false,"hairpinMode":true,
  "ipam":{"type":"host-local","dataDir":"$DIR/node$i/ipam","ranges":[[{"subnet":"10.244.$i.0/24"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
 {"type":"portmap","capabilities":{"portMappings":true},"snat":true}]}
CNI
done
# Pod CIDRs of the other nodes, through those nodes; the cluster DNS address through the server.
for i in $(seq 0 $((N - 1))); do
  for j in $(seq 0 $((N - 1))); do
    [ "$i" = "$j" ] || ip -n "$(node_ns "$i")" route add "10.244.$j.0/24" via "$(node_ip "$j")"
  done
  [ "$i" = 0 ] || ip -n "$(node_ns "$i")" route add "$DNSIP/32" via "$(node_ip 0)"
done

# Runs a node's process in its network namespace and a private mount namespace (nsenter, not
# `ip netns exec`, which remounts /sys and hides the cgroup hierarchies).
launch() {
  local i=$1; shift
  unshare -m --propagation slave nsenter --net=/run/netns/"$(node_ns "$i")" -- "$SKIFF" "$@" \
    --node-name "$(node_name "$i")" --node-ip "$(node_ip "$i")" --pod-cidr "10.244.$i.0/24" \
    --cni-conf-dir "$DIR/node$i/cni" --runtime-root "/run/skiff/$NAME-node$i" --pod-log-dir "$DIR/node$i/logs" \
    --cgroup-root "/skiff-$NAME-node$i" >>"$DIR/node$i/log" 2>&1 &
  echo "$! $(node_name "$i")" >> "$DIR/pids"
}

launch 0 server --data-dir "$DIR/node0/data" --listen "$(node_ip 0):6443" --cluster-dns "$DNSIP"
KC=$DIR/kubeconfig
for _ in $(seq 600); do
  [ -f "$DIR/node0/data/kubeconfig" ] && ip netns exec "$PARENT" kubectl --kubeconfig "$DIR/node0/data/kubeconfig" get --raw /healthz >/dev/null 2>&1 && break
  sleep 0.1
done
[ -f "$DIR/node0/data/kubeconfig" ] || fail "the server did not start (see $DIR/node0/log)"
cp "$DIR/node0/data/kubeconfig" "$KC"
for i in $(seq 1 $((N - 1))); do
  launch "$i" agent --kubeconfig "$KC" --root-dir "$DIR/node$i/kubelet" --cluster-dns "$DNSIP"
done

kc() { ip netns exec "$PARENT" kubectl --kubeconfig "$KC" "$@"; }
for _ in $(seq 600); do
  ready=$(kc get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null | grep -c True || true)
  [ "$ready" -ge "$N" ] && break
  sleep 0.2
done
[ "${ready:-0}" -ge "$N" ] || fail "only ${ready:-0} of $N nodes became Ready (logs: $DIR/node*/log)"

cat <<EOF
local-up-cluster: $N node(s) Ready.
  kubeconfig:   $KC   (API at http://$(node_ip 0):6443, reachable from the cluster's namespaces)
  kubectl:      ip netns exec $PARENT kubectl --kubeconfig $KC get nodes
                (or from a node: nsenter --net=/run/netns/$(node_ns 0) kubectl --kubeconfig $KC ...)
  nodes:        $(for i in $(seq 0 $((N - 1))); do printf '%s=%s ' "$(node_name "$i")" "$(node_ip "$i")"; done)
  pod CIDRs:    10.244.<i>.0/24 on node i; cluster DNS at $DNSIP
  logs:         $DIR/node<i>/log
  tear down:    SKIFF_CLUSTER_DIR=$DIR hack/local-down-cluster.sh
EOF
