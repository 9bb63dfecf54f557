#!/usr/bin/env bash
# End-to-end: the service proxy inside `skiff server`, in a private host namespace with no route
# out, driven by the real kubectl. Three busybox web servers behind a ClusterIP service (Endpoints
# written through the API): 60 requests reach all three, from the node and from a pod; ClientIP
# affinity pins them to one; NodePort answers on the node address and on 127.0.0.1; a
# LoadBalancer gets an address from the pool; a removed endpoint leaves the rotation; a service
# without endpoints is refused at once; UDP works and its stale flows are flushed; userspace mode
# passes round-robin and affinity; the nftables mode passes the same service checks; `skiff proxy
# --cleanup` leaves no KUBE-* chain and no kube-proxy table. iptables
# rules live only in the test's namespace (the host's tables are compared before and after).
source "$(dirname "$0")/lib-node.sh"
echo "== proxy e2e (node $NODE, host namespace $HOSTNS)"
HOST_RULES_BEFORE=$(iptables-save 2>/dev/null | grep -c 'KUBE-' || true)
UDP_PIDS=""
# Keep the node's log for a failed run (SKIFF_E2E_LOG=FILE).
trap '[ -n "${SKIFF_E2E_LOG:-}" ] && cp "$WORK/server.log" "$SKIFF_E2E_LOG" 2>/dev/null; cleanup' EXIT
stop_udp() { for p in $UDP_PIDS; do kill "$p" 2>/dev/null || true; done; UDP_PIDS=""; }
start_node --cluster-cidr 10.244.0.0/16 --loadbalancer-ip-range 192.0.2.200-192.0.2.210 \
  --iptables-min-sync-period 0.1 --metrics-bind-address 127.0.0.1:10249
wait_for "node registers Ready" 60 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get node $NODE -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"

for i in 0 1 2; do cat <<YAML; done > "$WORK/web.yaml"
---
apiVersion: v1
kind: Pod
metadata: {name: web-$i, labels: {app: web}}
spec:
  nodeName: $NODE
  terminationGracePeriodSeconds: 1
  containers:
  - name: httpd
    image: busybox
    command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
YAML
check "create 3 web pods" kc create -f "$WORK/web.yaml"
cat > "$WORK/svc.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {sessionAffinity: ClientIP, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]}
---
apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: udp}
spec: {ports: [{name: dns, port: 53, targetPort: 5353, protocol: UDP}]}
YAML
check "create services" kc create -f "$WORK/svc.yaml"
wait_for "web pods Running with IPs" 90 sh -c "[ \$(ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pods -l app=web -o jsonpath='{.items[*].status.podIP}' | wc -w) = 3 ]"
IPS=$(kc get pods -l app=web -o jsonpath='{.items[*].status.podIP}')
echo "     pod IPs: $IPS"
[ "$(echo $IPS | wc -w)" = 3 ] || { kc get pods -o wide; finish; }

# endpoints NAME PORTNAME PORT[/PROTO] IP... : writes the Endpoints object through the API.
endpoints() {
  local name=$1 pname=$2 port=${3%/*} proto=TCP
  case "$3" in */*) proto=${3#*/} ;; esac
  shift 3
  local addrs="" sep=""
  for ip in "$@"; do addrs="$addrs$sep{\"ip\":\"$ip\",\"nodeName\":\"$NODE\"}"; sep=","; done
  echo "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"$name\"},\"subsets\":[{\"addresses\":[$addrs],\"ports\":[{\"name\":\"$pname\",\"port\":$port,\"protocol\":\"$proto\"}]}]}" \
    | kc apply -f - >/dev/null
}
for s in web sticky np lb; do endpoints "$s" http 8080 $IPS; done

CIP=$(kc get svc web -o jsonpath='{.spec.clusterIP}')
STICKY=$(kc get svc sticky -o jsonpath='{.spec.clusterIP}')
EMPTY=$(kc get svc empty -o jsonpath='{.spec.clusterIP}')
UDPIP=$(kc get svc udp -o jsonpath='{.spec.clusterIP}')
# hits URL [N]: the distinct answers of N requests from the node's namespace.
hits() { nsx sh -c "for i in \$(seq ${2:-60}); do curl -s --max-time 3 $1; done" | sort | uniq -c; }
backends() { hits "$@" | wc -l; }

wait_for "cluster IP $CIP answers" 30 nsx curl -sf --max-time 2 "http://$CIP/"
check_eq "60 requests to the cluster IP reach all 3 backends" 3 "$(backends "http://$CIP/")"
check_eq "ClientIP affinity: 60 requests reach one backend" 1 "$(backends "http://$STICKY/")"
wait_for "NodePort answers on the node address" 20 nsx curl -sf --max-time 2 http://192.0.2.10:30080/
check_eq "NodePort on the node address balances over 3" 3 "$(backends http://192.0.2.10:30080/)"
check_eq "NodePort answers on 127.0.0.1" 3 "$(backends http://127.0.0.1:30080/)"
wait_for "LoadBalancer gets an ingress IP from the pool" 20 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get svc lb -o jsonpath='{.status.loadBalancer.ingress[0].ip}' | grep -q '^192\.0\.2\.2'"
LBIP=$(kc get svc lb -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
wait_for "LoadBalancer IP $LBIP answers" 20 nsx curl -sf --max-time 2 "http://$LBIP/"

# client_pod NAME [CHECK-PREFIX]: a pod that sends 60 requests to the web service found through its
# service environment variables (the pod-to-service path, PREROUTING); sets MSG to the distinct
# answers with counts.
client_pod() {
  cat <<YAML | kc create -f - >/dev/null
apiVersion: v1
kind: Pod
metadata: {name: $1}
spec:
  nodeName: $NODE
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'for i in \$(seq 60); do printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 3 \$WEB_SERVICE_HOST \$WEB_SERVICE_PORT 2>&1 | tail -1; done | sort | uniq -c | head -c 800 > /dev/termination-log']
YAML
  wait_for "${2:-}client pod finished" 90 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod $1 -o jsonpath='{.status.phase}' | grep -qx Succeeded"
  MSG=$(kc get pod "$1" -o jsonpath='{.status.containerStatuses[0].state.terminated.message}')
}
client_pod client
check_eq "60 requests from a pod (via {SVC}_SERVICE_HOST) reach all 3" 3 "$(echo "$MSG" | grep -c ' web-')"
echo "$MSG" | grep -v ' web-' | sed 's/^/       /' | head -5

# A service without endpoints: refused at once, no timeout.
start=$(date +%s%N)
out=$(nsx curl -sS --max-time 10 "http://$EMPTY/" 2>&1)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if echo "$out" | grep -qiE "refused|couldn't connect" && [ "$ms" -lt 3000 ]; then pass "service without endpoints refused at once (${ms} ms)"; else fail "service without endpoints: [$out] after ${ms} ms"; nsx ip route; nsx iptables-save -t filter | grep -E "empty|KUBE-FIREWALL"; fi

# Removing an endpoint drops it from rotation.
set -- $IPS
endpoints web http 8080 "$1" "$2"
GONE=$(kc get pods -o jsonpath="{.items[?(@.status.podIP==\"$3\")].metadata.name}")
wait_for "removed endpoint leaves the rotation" 20 sh -c "! (for i in \$(seq 30); do ip netns exec $HOSTNS curl -s --max-time 3 http://$CIP/; done) | grep -qx $GONE"
check_eq "60 requests now reach the 2 remaining backends" 2 "$(backends "http://$CIP/")"

# UDP: responders in the node's namespace on two addresses; the endpoint moves from one to the
# other and the same client socket follows (its stale conntrack flow was flushed).
nsx ip addr add 192.0.2.11/24 dev eth0
cat > "$WORK/udp.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((sys.argv[1], 5353))
while True:
    d, a = s.recvfrom(2048); s.sendto(sys.argv[2].encode() + b":" + d, a)
PY
cat > "$WORK/udpc.py" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 40053)); s.settimeout(1)
deadline = time.time() + float(sys.argv[3])
while time.time() < deadline:
    try:
        s.sendto(b"ping", (sys.argv[1], 53))
        d, _ = s.recvfrom(2048)
        if d.decode().startswith(sys.argv[2]): print(d.decode()); sys.exit(0)
    except OSError: pass  # a timeout, or EPERM while the service still rejects
    time.sleep(0.2)
sys.exit(1)
PY
ip netns exec "$HOSTNS" python3 "$WORK/udp.py" 192.0.2.10 one & UDP_PIDS="$UDP_PIDS $!"
ip netns exec "$HOSTNS" python3 "$WORK/udp.py" 192.0.2.11 two & UDP_PIDS="$UDP_PIDS $!"
EXTRA_PIDS="$EXTRA_PIDS $UDP_PIDS"
endpoints udp dns 5353/UDP 192.0.2.10
check "UDP service answers" nsx python3 "$WORK/udpc.py" "$UDPIP" one: 20
endpoints udp dns 5353/UDP 192.0.2.11
check "UDP flow follows the new endpoint (stale conntrack entry flushed)" nsx python3 "$WORK/udpc.py" "$UDPIP" two: 20

check "metrics: sync histogram and rule count" sh -c "ip netns exec $HOSTNS curl -sf http://127.0.0.1:10249/metrics | grep -q '^kubeproxy_sync_proxy_rules_iptables_total{table=\"nat\"} [1-9]' && ip netns exec $HOSTNS curl -sf http://127.0.0.1:10249/metrics | grep -q 'kubeproxy_sync_proxy_rules_duration_seconds_count [1-9]'"
check "healthz" nsx curl -sf http://127.0.0.1:10249/healthz
check "service range routed locally (no default route for it)" sh -c "ip -n $HOSTNS route show 10.96.0.0/12 | grep -q 'dev skiff-svc0'"

echo "== nftables mode"
endpoints web http 8080 $IPS
endpoints udp dns 5353/UDP 192.0.2.10
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
rm -f "$DATA/kubeconfig"
check "skiff proxy --cleanup" nsx "$SKIFF" proxy --cleanup --cluster-cidr 10.244.0.0/16
check_eq "no KUBE-* chain left after cleanup" 0 "$(nsx iptables-save | grep -c 'KUBE-')"
SERVER_ARGS+=(--mode nftables)
launch_server
wait_for "cluster IP answers through the nftables table" 60 nsx curl -sf --max-time 2 "http://$CIP/"
check "the rules are the kube-proxy nftables table" sh -c "ip netns exec $HOSTNS nft list table ip kube-proxy | grep -q 'vmap @service-ips'"
check_eq "nftables: 60 requests to the cluster IP reach all 3 backends" 3 "$(backends "http://$CIP/")"
check_eq "nftables: ClientIP affinity: 60 requests reach one backend" 1 "$(backends "http://$STICKY/")"
check_eq "nftables: NodePort on the node address balances over 3" 3 "$(backends http://192.0.2.10:30080/)"
check_eq "nftables: NodePort answers on 127.0.0.1" 3 "$(backends http://127.0.0.1:30080/)"
check "nftables: LoadBalancer IP $LBIP answers" nsx curl -sf --max-time 2 "http://$LBIP/"
start=$(date +%s%N)
out=$(nsx curl -sS --max-time 10 "http://$EMPTY/" 2>&1)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if echo "$out" | grep -qiE "refused|couldn't connect" && [ "$ms" -lt 3000 ]; then pass "nftables: service without endpoints refused at once (${ms} ms)"; else fail "nftables: service without endpoints: [$out] after ${ms} ms"; fi
client_pod client-nft "nftables: "
check_eq "nftables: 60 requests from a pod reach all 3" 3 "$(echo "$MSG" | grep -c ' web-')"
set -- $IPS
endpoints web http 8080 "$1" "$2"
GONE=$(kc get pods -o jsonpath="{.items[?(@.status.podIP==\"$3\")].metadata.name}")
wait_for "nftables: removed endpoint leaves the rotation" 20 sh -c "! (for i in \$(seq 30); do ip netns exec $HOSTNS curl -s --max-time 3 http://$CIP/; done) | grep -qx $GONE"
check_eq "nftables: 60 requests now reach the 2 remaining backends" 2 "$(backends "http://$CIP/")"
check "nftables: UDP service answers" nsx python3 "$WORK/udpc.py" "$UDPIP" one: 20
endpoints udp dns 5353/UDP 192.0.2.11
check "nftables: UDP flow follows the new endpoint" nsx python3 "$WORK/udpc.py" "$UDPIP" two: 20
check "nftables: metrics count the table's rules" sh -c "ip netns exec $HOSTNS curl -sf http://127.0.0.1:10249/metrics | grep -q 'kubeproxy_sync_proxy_rules_duration_seconds_count [1-9]'"

echo "== userspace mode"
endpoints web http 8080 $IPS
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
rm -f "$DATA/kubeconfig"
check "skiff proxy --cleanup (nftables)" nsx "$SKIFF" proxy --cleanup --cluster-cidr 10.244.0.0/16
check "no kube-proxy nftables table left after cleanup" sh -c "! ip netns exec $HOSTNS nft list table ip kube-proxy >/dev/null 2>&1"
SERVER_ARGS=("${SERVER_ARGS[@]/nftables/userspace}")
launch_server
wait_for "cluster IP answers through userspace listeners" 60 nsx curl -sf --max-time 2 "http://$CIP/"
r=$(hits "http://$CIP/")
check_eq "userspace round-robin: 60 requests, 20 to each of 3" "20 20 20" "$(echo "$r" | awk '{print $1}' | xargs)"
check_eq "userspace ClientIP affinity: one backend" 1 "$(backends "http://$STICKY/")"
check_eq "userspace NodePort on 127.0.0.1" 3 "$(backends http://127.0.0.1:30080/)"
check "userspace rules are REDIRECTs" sh -c "ip netns exec $HOSTNS iptables-save -t nat | grep -q 'KUBE-PORTALS-HOST.*REDIRECT'"

stop_udp
kc delete pods --all --wait=true --timeout=60s >/dev/null 2>&1
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
check "skiff proxy --cleanup (userspace)" nsx "$SKIFF" proxy --cleanup --cluster-cidr 10.244.0.0/16
check_eq "no KUBE-* chain left" 0 "$(nsx iptables-save | grep -c 'KUBE-')"
check_eq "host namespace rules untouched" "$HOST_RULES_BEFORE" "$(iptables-save 2>/dev/null | grep -c 'KUBE-' || true)"
finish
