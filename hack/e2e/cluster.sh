#!/usr/bin/env bash
# End-to-end: a two-node cluster on one machine (hack/local-up-cluster.sh 2): both nodes Ready,
# a pod on each (spec.nodeName), pod-to-pod ping and HTTP across nodes through the per-node pod
# CIDR routes, the agent's pod resolving a service through the server's cluster DNS; an RC of 3
# behind a service reached by name from a pod on the other node (all 3 backends; one with
# ClientIP affinity), its node port on every node, a deleted backend out of rotation at once;
# externalTrafficPolicy Local dropping on the node without an endpoint; then
# hack/local-down-cluster.sh leaves no process, namespace, cgroup, mount or directory behind.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
SKIFF=${SKIFF:-$top/.build/debug/skiff}
[ -x "$SKIFF" ] || { echo "e2e: $SKIFF not built (run swift build first)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "cluster e2e: needs root (network namespaces, cgroups, mounts); skipped"; [ "${CI:-}" = true ] && exit 1; exit 0; }
export SKIFF SKIFF_CLUSTER_NAME=e$(( $$ % 10000000 ))
export SKIFF_CLUSTER_DIR; SKIFF_CLUSTER_DIR=$(mktemp -d /tmp/skiff-cluster-e2e.XXXXXX)
rmdir "$SKIFF_CLUSTER_DIR"
PARENT=skiff-$SKIFF_CLUSTER_NAME
KC=$SKIFF_CLUSTER_DIR/kubeconfig
PASSED=0 FAILED=0 DOWN=0
pass() { PASSED=$((PASSED + 1)); echo "  ok   $*"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $*"; }
check() { local what=$1; shift; local out; if out=$("$@" 2>&1); then pass "$what"; else fail "$what"; echo "$out" | sed 's/^/       /' | head -20; fi; }
check_eq() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: expected [$2], got [$3]"; fi; }
wait_for() {
  local what=$1 secs=$2; shift 2
  local end=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$end" ]; do "$@" >/dev/null 2>&1 && { pass "$what"; return 0; }; sleep 0.3; done
  fail "$what (not within ${secs}s)"; "$@" 2>&1 | sed 's/^/       /' | head -10; return 1
}
kc() { ip netns exec "$PARENT" kubectl --kubeconfig "$KC" "$@"; }
px() { ip netns exec "$PARENT" "$@"; }
cleanup() {
  if [ "$DOWN" = 0 ] && [ -e "$SKIFF_CLUSTER_DIR/cluster.env" ]; then
    [ "$FAILED" -gt 0 ] && for f in "$SKIFF_CLUSTER_DIR"/node*/log; do echo "--- $f (tail)"; tail -30 "$f"; done
    bash "$top/hack/local-down-cluster.sh" >/dev/null 2>&1
  fi
  rm -rf "$SKIFF_CLUSTER_DIR"
}
trap cleanup EXIT

echo "== cluster e2e (cluster $SKIFF_CLUSTER_NAME)"
if ! out=$(bash "$top/hack/local-up-cluster.sh" 2 2>&1); then
  fail "local-up-cluster.sh 2"; echo "$out" | tail -30 | sed 's/^/       /'
  echo "$PASSED passed, $FAILED failed"; exit 1
fi
pass "local-up-cluster.sh 2"
printf '%s\n' "$out" > "$SKIFF_CLUSTER_DIR/up.out"
check "it prints the kubeconfig and how to tear down" sh -c "grep -q 'kubeconfig: *$KC' $SKIFF_CLUSTER_DIR/up.out && grep -q local-down-cluster.sh $SKIFF_CLUSTER_DIR/up.out"
N0=skiff-$SKIFF_CLUSTER_NAME-node0 N1=skiff-$SKIFF_CLUSTER_NAME-node1
check_eq "kubectl get nodes: both Ready" "$N0=True $N1=True" \
  "$(kc get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status} {end}' | xargs)"

cat > "$SKIFF_CLUSTER_DIR/pods.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: None, ports: [{name: http, port: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web0}
spec:
  nodeName: $N0
  containers: [{name: web, image: busybox, command: [sh, -c, "mkdir -p /www && hostname > /www/name && exec httpd -f -p 8080 -h /www"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: web1}
spec:
  nodeName: $N1
  containers: [{name: web, image: busybox, command: [sh, -c, "mkdir -p /www && hostname > /www/name && exec httpd -f -p 8080 -h /www"]}]
YAML
check "kubectl create a pod on each node" kc create -f "$SKIFF_CLUSTER_DIR/pods.yaml"
running() { [ "$(kc get pod "$1" -o jsonpath='{.status.phase}')" = Running ] && [ -n "$(kc get pod "$1" -o jsonpath='{.status.podIP}')" ]; }
wait_for "web0 Running on $N0" 90 running web0
wait_for "web1 Running on $N1" 90 running web1
IP0=$(kc get pod web0 -o jsonpath='{.status.podIP}')
IP1=$(kc get pod web1 -o jsonpath='{.status.podIP}')
check "pods have addresses from their node's CIDR ($IP0, $IP1)" sh -c "echo $IP0 | grep -q '^10\.244\.0\.' && echo $IP1 | grep -q '^10\.244\.1\.'"

# Pod-to-pod across nodes: a one-shot pod on each node pings and fetches from the other's pod.
cat > "$SKIFF_CLUSTER_DIR/probes.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: from0}
spec:
  nodeName: $N0
  restartPolicy: Never
  containers: [{name: p, image: busybox, command: [sh, -c, "ping -c 2 -W 5 $IP1 >/dev/null && wget -qO- http://$IP1:8080/name > /dev/termination-log"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: from1}
spec:
  nodeName: $N1
  restartPolicy: Never
  containers: [{name: p, image: busybox, command: [sh, -c, "ping -c 2 -W 5 $IP0 >/dev/null && wget -qO- http://$IP0:8080/name > /dev/termination-log && nslookup web.default.svc.cluster.local > /tmp/ns && grep -q $IP0 /tmp/ns && grep -q $IP1 /tmp/ns"]}]
YAML
check "kubectl create cross-node probes" kc create -f "$SKIFF_CLUSTER_DIR/probes.yaml"
cat > "$SKIFF_CLUSTER_DIR/eps.yaml" <<YAML
apiVersion: v1
kind: Endpoints
metadata: {name: web}
subsets: [{addresses: [{ip: $IP0}, {ip: $IP1}], ports: [{name: http, port: 8080}]}]
YAML
check "endpoints for the headless service (both pods)" kc create -f "$SKIFF_CLUSTER_DIR/eps.yaml"
succeeded() { [ "$(kc get pod "$1" -o jsonpath='{.status.phase}')" = Succeeded ]; }
wait_for "pod on $N0 pings and fetches from the pod on $N1" 90 succeeded from0
check_eq "  ... and the answer came from web1" "web1" "$(kc get pod from0 -o jsonpath='{.status.containerStatuses[0].state.terminated.message}' | tr -d '\n')"
wait_for "pod on $N1 pings and fetches from the pod on $N0, and resolves the service via the server's DNS" 90 succeeded from1
check_eq "  ... and the answer came from web0" "web0" "$(kc get pod from1 -o jsonpath='{.status.containerStatuses[0].state.terminated.message}' | tr -d '\n')"
check "the parent namespace reaches both pods (routes per pod CIDR)" sh -c "ip netns exec $PARENT wget -qO- http://$IP0:8080/name | grep -qx web0 && ip netns exec $PARENT wget -qO- http://$IP1:8080/name | grep -qx web1"

# Services across nodes: an RC of 3 web servers (placed by the scheduler, endpoints by the
# controller manager) behind a ClusterIP service that is also a NodePort, and a ClientIP-affinity
# twin. A client pod on one node fetches by service name 60 times; every node's node port answers.
cat > "$SKIFF_CLUSTER_DIR/rc.yaml" <<YAML
apiVersion: v1
kind: ReplicationController
metadata: {name: webrc}
spec:
  replicas: 3
  selector: {app: webrc}
  template:
    metadata: {labels: {app: webrc}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: busybox
        command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: webrc}
spec: {type: NodePort, selector: {app: webrc}, ports: [{port: 80, targetPort: 8080, nodePort: 30081}]}
---
apiVersion: v1
kind: Service
metadata: {name: webrc-sticky}
spec: {selector: {app: webrc}, sessionAffinity: ClientIP, ports: [{port: 80, targetPort: 8080}]}
YAML
check "kubectl create an RC of 3 web servers and two services for it" kc create -f "$SKIFF_CLUSTER_DIR/rc.yaml"
ready3() { [ "$(kc get endpoints webrc -o jsonpath='{.subsets[0].addresses[*].ip}' | wc -w)" = 3 ]; }
wait_for "the service's endpoints list the 3 ready pods" 90 ready3
check_eq "the scheduler spread the RC over both nodes" "$N0 $N1" "$(kc get pods -l app=webrc -o jsonpath='{range .items[*]}{.spec.nodeName}{"\n"}{end}' | sort -u | xargs)"
# fetch NAME NODE SERVICE: a pod on NODE fetches http://SERVICE/ by name (the cluster DNS
# through the pod's search path) 60 times; prints its distinct answers with counts. (`timeout`,
# not wget's -T: Debian's static busybox wget crashes with -T.)
fetch() {
  printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n  nodeName: %s\n  restartPolicy: Never\n  containers: [{name: c, image: busybox, command: [sh, -c, "seq 60 | while read i; do timeout 5 wget -qO- http://%s/ 2>&1; done | sort | uniq -c > /dev/termination-log"]}]\n' "$1" "$2" "$3" \
    | kc create -f - >/dev/null
  wait_for "  $1 on $2 finished its 60 requests to $3" 90 succeeded "$1" >&2
  kc get pod "$1" -o jsonpath='{.status.containerStatuses[0].state.terminated.message}'
}
out=$(fetch rr1 "$N1" webrc); echo "$out" | sed 's/^/       /'
check_eq "60 requests by service name from a pod on $N1 reach all 3 backends, on both nodes" 3 "$(echo "$out" | grep -c webrc)"
out=$(fetch aff1 "$N1" webrc-sticky); echo "$out" | sed 's/^/       /'
check_eq "with ClientIP affinity all 60 reach one backend" "60" "$(echo "$out" | awk '/webrc/ {print $1}' | xargs)"
nodeport_backends() { px sh -c "for i in \$(seq 30); do curl -s --max-time 2 http://$1:30081/; done" | sort -u | grep -c webrc; }
A0=$(kc get node "$N0" -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')
A1=$(kc get node "$N1" -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')
check_eq "the node port answers on $N0 ($A0) from every backend" 3 "$(nodeport_backends "$A0")"
check_eq "the node port answers on $N1 ($A1) from every backend" 3 "$(nodeport_backends "$A1")"
# A deleted backend leaves the rotation at once; its replacement joins when ready.
VICTIM=$(kc get pods -l app=webrc -o jsonpath='{.items[0].metadata.name}')
VIP=$(kc get pod "$VICTIM" -o jsonpath='{.status.podIP}')
check "kubectl delete pod $VICTIM (a backend)" kc delete pod "$VICTIM" --wait=false
gone() { ! kc get endpoints webrc -o jsonpath='{.subsets[*].addresses[*].ip}' | grep -qw "$VIP"; }
wait_for "  its address leaves the endpoints" 30 gone
absent() { [ "$(px sh -c "for i in \$(seq 20); do curl -s --max-time 2 http://$A1:30081/; done" | grep -c "^$VICTIM\$")" = 0 ]; }
wait_for "  20 requests in a row through the node port never reach it" 10 absent
wait_for "  the replacement joins: 3 ready endpoints again" 90 ready3

# externalTrafficPolicy Local: a node port answers only on the node that has an endpoint;
# the other node drops the packet (no reply at all, not a refusal) instead of forwarding it.
cat > "$SKIFF_CLUSTER_DIR/local.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: np-local}
spec: {type: NodePort, externalTrafficPolicy: Local, ports: [{name: http, port: 8080, nodePort: 30090}]}
---
apiVersion: v1
kind: Endpoints
metadata: {name: np-local}
subsets: [{addresses: [{ip: $IP0, nodeName: $N0}], ports: [{name: http, port: 8080}]}]
YAML
check "kubectl create a NodePort service with externalTrafficPolicy Local" kc create -f "$SKIFF_CLUSTER_DIR/local.yaml"
wait_for "ETP Local: the node port on $N0 ($A0) answers from its local pod" 30 sh -c "ip netns exec $PARENT curl -sf --max-time 2 http://$A0:30090/name | grep -qx web0"
# (A refusal can only mean that node's proxy has not synced yet: asked again, up to 5 times.)
for _ in 1 2 3 4 5; do rc=0; px curl -s --max-time 2 -o /dev/null "http://$A1:30090/name" || rc=$?; [ "$rc" = 28 ] && break; sleep 1; done
check_eq "ETP Local: the node port on $N1 ($A1), which has no local endpoint, drops the packet (curl times out)" 28 "$rc"

echo "== tear down"
PIDS=$(awk '{print $1}' "$SKIFF_CLUSTER_DIR/pids")
DOWN=1
check "local-down-cluster.sh" bash "$top/hack/local-down-cluster.sh"
left=""
for p in $PIDS; do kill -0 "$p" 2>/dev/null && left="$left pid:$p"; done
ip netns list | grep -q "skiff-$SKIFF_CLUSTER_NAME" && left="$left netns"
ls -d /sys/fs/cgroup/*/skiff-"$SKIFF_CLUSTER_NAME"-node* >/dev/null 2>&1 && left="$left cgroups"
grep -q "$SKIFF_CLUSTER_DIR" /proc/self/mounts && left="$left mounts"
ls -d /run/skiff/"$SKIFF_CLUSTER_NAME"-node* >/dev/null 2>&1 && left="$left runtime-roots"
[ -e "$SKIFF_CLUSTER_DIR" ] && left="$left dir"
check_eq "nothing left behind" "" "$left"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
