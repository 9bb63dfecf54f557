#!/usr/bin/env bash
# Cluster DNS benchmark: UDP queries per second and latency of `skiff dns` answering A queries
# for S services (default 1,000) taken from a real API server, against dnsmasq serving the same
# names and addresses from a hosts file, with the same load tool (dnsperf) in the same run.
# Everything runs in a private network namespace with only loopback. Prints each round and
# the median ratio skiff/dnsmasq. Needs root (network namespace), dnsperf and dnsmasq.
# Usage: bash hack/bench/dns.sh   (SKIFF=path/to/skiff to use another build; BENCH_SERVICES=S,
#        BENCH_SECONDS=T per round, default 10; BENCH_ROUNDS=R, default 3)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
[ "$(id -u)" = 0 ] || { echo "dns bench: needs root (network namespace)"; exit 1; }
for t in dnsperf dnsmasq kubectl; do command -v "$t" >/dev/null || { echo "dns bench: $t missing (apt-get install dnsperf dnsmasq-base)"; exit 1; }; done
if [ -z "${SKIFF:-}" ]; then
  swift build -c release --product skiff --scratch-path .build-release 2>&1 | tail -1
  SKIFF=$top/.build-release/release/skiff
fi
S=${BENCH_SERVICES:-1000}
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
NS=skiff-bench-dns-$$
WORK=$(mktemp -d /tmp/skiff-bench-dns.XXXXXX)
chmod 755 "$WORK"
PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  for p in $PIDS; do wait "$p" 2>/dev/null || true; done
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
nsx() { ip netns exec "$NS" "$@"; }
kc() { nsx kubectl --kubeconfig "$WORK/api/kubeconfig" "$@"; }

nsx "$SKIFF" apiserver --store memory --data-dir "$WORK/api" --listen 127.0.0.1:6443 >"$WORK/api.log" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 300); do [ -f "$WORK/api/kubeconfig" ] && kc get ns default >/dev/null 2>&1 && break; sleep 0.1; done

echo "dns bench: creating $S services"
for i in $(seq 0 $((S - 1))); do
  printf -- '---\napiVersion: v1\nkind: Service\nmetadata: {name: svc-%d}\nspec: {ports: [{name: http, port: 80}]}\n' "$i"
done > "$WORK/services.yaml"
kc create -f "$WORK/services.yaml" >/dev/null
kc get svc -o jsonpath='{range .items[*]}{.spec.clusterIP} {.metadata.name}.default.svc.cluster.local{"\n"}{end}' > "$WORK/hosts"
[ "$(grep -c svc- "$WORK/hosts")" -ge "$S" ] || { echo "dns bench: only $(grep -c svc- "$WORK/hosts") services listed"; exit 1; }
# Queries in a shuffled order, every service once per pass.
awk '{print $2, "A"}' "$WORK/hosts" | shuf --random-source=<(yes) > "$WORK/queries"

nsx "$SKIFF" dns --kubeconfig "$WORK/api/kubeconfig" --listen 127.0.0.1:5300 >"$WORK/dns.log" 2>&1 &
PIDS="$PIDS $!"
nsx dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll --user=root --listen-address=127.0.0.2 \
  --bind-interfaces --port=5300 --addn-hosts="$WORK/hosts" --cache-size=10000 --local-ttl=5 --pid-file= >"$WORK/dnsmasq.log" 2>&1 &
PIDS="$PIDS $!"
last=$(tail -1 "$WORK/hosts")
for _ in $(seq 300); do
  a=$(nsx dig @127.0.0.1 -p 5300 +short +time=1 "${last#* }" A 2>/dev/null || true)
  b=$(nsx dig @127.0.0.2 -p 5300 +short +time=1 "${last#* }" A 2>/dev/null || true)
  [ "$a" = "${last%% *}" ] && [ "$b" = "${last%% *}" ] && break
  sleep 0.2
done
[ "$a" = "${last%% *}" ] || { echo "dns bench: skiff dns does not answer ${last#* }"; tail -20 "$WORK/dns.log"; exit 1; }
[ "$b" = "${last%% *}" ] || { echo "dns bench: dnsmasq does not answer ${last#* }"; tail -20 "$WORK/dnsmasq.log"; exit 1; }

run() { # server label -> qps on stdout, details on stderr
  local out; out=$(nsx dnsperf -s "$1" -p 5300 -d "$WORK/queries" -l "$SECS" -c 4 -q 64 2>&1)
  local qps lat lost
  qps=$(echo "$out" | awk '/Queries per second/ {print $4}')
  lat=$(echo "$out" | awk '/Average Latency/ {print $4}')
  lost=$(echo "$out" | awk '/Queries lost/ {print $3}')
  echo "  $2: $qps queries/s, average latency $lat s, lost $lost" >&2
  echo "$qps"
}
skiff=() dnsmasq=()
for r in $(seq "$ROUNDS"); do
  echo "round $r ($SECS s each, 4 clients, 64 outstanding, $S names):"
  skiff+=("$(run 127.0.0.1 "skiff dns")")
  dnsmasq+=("$(run 127.0.0.2 "dnsmasq  ")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ms=$(median "${skiff[@]}"); md=$(median "${dnsmasq[@]}")
echo "median: skiff dns $ms queries/s, dnsmasq $md queries/s, ratio skiff/dnsmasq $(awk -v a="$ms" -v b="$md" 'BEGIN {printf "%.2f", a/b}')"
