#!/usr/bin/env bash
# Service proxy benchmark (root). Everything runs inside private network namespaces created
# here, with no route out; the machine's own iptables are never touched.
#  1. Rule sync: `skiff bench-proxy` feeds the proxier 1,000 and 10,000 services x 3 endpoints
#     in-process and applies them for real (nftables mode: one netlink transaction; iptables
#     mode: iptables-restore) as a full sync, then changes one endpoint at a time (partial sync).
#     Targets: full at 10,000 <= 1 s; one change <= 50 ms.
#  2. Data path: wrk against a busybox httpd in a "pod" namespace, straight to the pod IP and
#     through a cluster IP (DNAT by the proxy's rules, with DATAPATH_SERVICES other services in
#     the table), in DATAPATH_RUNS (5) back-to-back pairs; prints medians and the median of
#     the pairs' ratios. Target >= 95%.
#     The client counts as a pod (inside --cluster-cidr), as most service traffic is: a client
#     outside it is masqueraded with random ports, and busybox httpd's one connection per
#     request then keeps landing on the server's TIME_WAIT sockets (CLIENT=external shows it).
# Usage: bash hack/bench/proxy.sh   (SKIFF=path picks the binary, default: release build;
#        MODES="nftables iptables" the proxy modes measured; RUNS=3 sync runs; DATAPATH_RUNS=5;
#        SIZES="1000 10000" the service counts of the nftables sync part, IPTABLES_SIZES="1000
#        10000" those of iptables mode;
#        BACKEND=legacy|nft picks the iptables backend, default the system's)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" = 0 ] || { echo "proxy bench: needs root (network namespaces, iptables)"; exit 1; }
command -v wrk >/dev/null || { echo "proxy bench: wrk missing (bash hack/install-deps.sh)"; exit 1; }
SKIFF=${SKIFF:-$top/.build/release/skiff}
if [ ! -x "$SKIFF" ]; then
  echo "proxy bench: building release"; (cd "$top" && swift build -c release --product skiff 2>&1 | tail -2)
fi
RUNS=${RUNS:-3}
DATAPATH_RUNS=${DATAPATH_RUNS:-5}
SIZES=${SIZES-1000 10000}
IPTABLES_SIZES=${IPTABLES_SIZES-1000 10000}
MODES=${MODES:-nftables iptables}
DATAPATH_SERVICES=${DATAPATH_SERVICES:-1000}
BACKEND_ARG=()
[ -n "${BACKEND:-}" ] && BACKEND_ARG=(--iptables-backend "$BACKEND")
NS=skiff-bench-proxy-$$
POD=skiff-bench-pod-$$
WORK=$(mktemp -d /tmp/skiff-proxy-bench.XXXXXX)
HTTPD=""
cleanup() {
  [ -n "$HTTPD" ] && kill "$HTTPD" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  ip netns del "$POD" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$NS"; ip -n "$NS" link set lo up
ip netns add "$POD"; ip -n "$POD" link set lo up
nsx() { ip netns exec "$NS" "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for mode in $MODES; do
if [ "$mode" = iptables ]; then sizes=$IPTABLES_SIZES; echo "== rule sync, iptables mode ($(nsx iptables --version))"
else sizes=$SIZES; echo "== rule sync, nftables mode (netlink, kernel $(uname -r))"; fi
for n in $sizes; do
  fulls=(); parts=()
  for r in $(seq "$RUNS"); do
    out=$(nsx "$SKIFF" bench-proxy --mode "$mode" --services "$n" --endpoints 3 --changes 5 "${BACKEND_ARG[@]}")
    [ "$r" = 1 ] && echo "$out" | sed 's/^/   /' | head -3
    fulls+=("$(echo "$out" | sed -n 's/^full_s=//p')")
    parts+=("$(echo "$out" | sed -n 's/^partial_median_s=//p')")
  done
  printf '   %-8s %5d services x 3: full sync median %s s, one endpoint change median %s s (%d runs)\n' "$mode" "$n" \
    "$(printf '%s\n' "${fulls[@]}" | median)" "$(printf '%s\n' "${parts[@]}" | median)" "$RUNS"
done
done

echo "== data path (wrk, busybox httpd in a pod namespace, $DATAPATH_SERVICES other services in the table, ${CLIENT:-pod} client)"
ip link add bp0-$$ netns "$NS" type veth peer name eth0 netns "$POD"
ip -n "$NS" addr add 10.200.0.1/24 dev bp0-$$; ip -n "$NS" link set bp0-$$ up
ip -n "$POD" addr add 10.200.0.2/24 dev eth0; ip -n "$POD" link set eth0 up
# busybox httpd closes first, so every request leaves a TIME_WAIT socket in the pod. Direct and
# cluster-IP connections arrive there with the same address pair but different TCP timestamp
# offsets (the client derives them from the address it dialled), so a port reused across the two
# paths meets a TIME_WAIT socket whose timestamps look newer, and the SYN is dropped (PAWS) until
# it is retried a second later. No TIME_WAIT sockets in the pod keeps the runs independent.
ip netns exec "$POD" sysctl -qw net.ipv4.tcp_max_tw_buckets=0
ip -n "$NS" link add skiff-svc0 type dummy 2>/dev/null || ip -n "$NS" link add skiff-svc0 type bridge; ip -n "$NS" link set skiff-svc0 arp off up
ip -n "$NS" route add 10.96.0.0/12 dev skiff-svc0
mkdir -p "$WORK/www"; head -c 612 /dev/zero | tr '\0' x > "$WORK/www/index.html"
ip netns exec "$POD" busybox httpd -f -p 8080 -h "$WORK/www" & HTTPD=$!
for mode in $MODES; do
cidr=10.192.0.0/10; [ "${CLIENT:-pod}" = external ] && cidr=10.128.0.0/10
nsx "$SKIFF" bench-proxy --mode "$mode" --services "$DATAPATH_SERVICES" --endpoints 3 --changes 0 --keep --cluster-cidr "$cidr" \
  --datapath-service 10.111.0.10:80=10.200.0.2:8080 "${BACKEND_ARG[@]}" >/dev/null
for _ in $(seq 50); do nsx wget -qO- -T 1 http://10.111.0.10/ >/dev/null 2>&1 && break; sleep 0.1; done
direct=(); viaip=(); ratios=()
rps() { nsx wrk -t2 -c16 -d5s "$1" | sed -n 's/^Requests\/sec: *//p'; }
# Pairs measured back to back; the ratio is the median of the pairs' ratios, so a machine
# whose speed drifts during the run (a shared host) shifts both sides of a pair alike.
for r in $(seq "$DATAPATH_RUNS"); do
  direct+=("$(rps http://10.200.0.2:8080/)")
  viaip+=("$(rps http://10.111.0.10/)")
  ratios+=("$(awk -v d="${direct[-1]}" -v v="${viaip[-1]}" 'BEGIN {printf "%.3f", v/d}')")
done
d=$(printf '%s\n' "${direct[@]}" | median); v=$(printf '%s\n' "${viaip[@]}" | median)
echo "   $mode mode, direct to pod IP:   ${direct[*]} req/s (median $d)"
echo "   $mode mode, through cluster IP: ${viaip[*]} req/s (median $v)"
echo "   $mode mode, ratio cluster IP / direct per pair: ${ratios[*]}; median $(printf '%s\n' "${ratios[@]}" | median) (target >= 0.95)"
nsx "$SKIFF" proxy --cleanup --no-route-guard "${BACKEND_ARG[@]}"
left=$(nsx "iptables${BACKEND:+-$BACKEND}-save" 2>/dev/null | grep -c 'KUBE-' || true)
tables=$(nsx nft list tables 2>/dev/null | grep -c 'kube-proxy' || true)
echo "   after cleanup: $left KUBE-* iptables lines, $tables kube-proxy nftables tables"
done
