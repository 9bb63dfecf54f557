#!/usr/bin/env bash
# The scheduler end to end with the real kubectl: `skiff server --disable-agent` (API server and
# scheduler, no kubelet) on loopback with a temp data dir. 20 Node objects without kubelets get
# their allocatable and Ready condition through the status subresource; pods with nodeSelector
# and resource requests must land on fitting nodes without overcommitting any; a pod that fits
# nowhere must show Kubernetes' message in its PodScheduled condition and a FailedScheduling
# event, and be scheduled once a fitting node is added.
if [ -z "${SKIFF_E2E_TIMED:-}" ]; then
  SKIFF_E2E_TIMED=1 exec timeout --kill-after=10 170 bash "$0" "$@"
fi
source "$(dirname "$0")/apiserver-lib.sh"
K=kubectl
D=$WORK/data
mkdir -p "$D"
echo "== scheduler: starting skiff server --disable-agent"
SKIFF_E2E_CMD=server start_server "$D" --disable-agent

# node NAME CPU LABELS_JSON: a Node object, then its status (allocatable, Ready) via the status subresource.
node() {
  local name=$1 cpu=$2 labels=$3
  printf '{"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":%s}}' "$name" "$labels" | $K create -f - >/dev/null
  $K patch node "$name" --subresource=status --type=merge -p \
    "{\"status\":{\"capacity\":{\"cpu\":\"$cpu\",\"memory\":\"4Gi\",\"pods\":\"110\"},\"allocatable\":{\"cpu\":\"$cpu\",\"memory\":\"4Gi\",\"pods\":\"110\"},\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\"}]}}" >/dev/null
}
# pod NAME CPU SELECTOR_JSON [EXTRA_SPEC_JSON_FIELDS]
pod() {
  local name=$1 cpu=$2 sel=$3 extra=${4:-}
  printf '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"e2e":"sched"}},"spec":{%s"nodeSelector":%s,"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"%s","memory":"100Mi"}}}]}}' \
    "$name" "$extra" "$sel" "$cpu" | $K create -f - >/dev/null
}

echo "== 20 Node objects (zone a: 1-10, zone b: 11-20; disk=ssd on even numbers), 2 cpu each"
for i in $(seq -w 1 20); do
  zone=a; [ "$((10#$i))" -gt 10 ] && zone=b
  disk=hdd; [ $((10#$i % 2)) -eq 0 ] && disk=ssd
  node "n$i" 2 "{\"zone\":\"$zone\",\"disk\":\"$disk\"}"
done
check_eq "20 nodes registered" "20" "$($K get nodes -o name | wc -l)"
check "nodes are Ready with allocatable cpu" bash -c "$K get node n07 -o jsonpath='{.status.allocatable.cpu} {.status.conditions[0].status}' | grep -qx '2 True'"

echo "== pods with nodeSelector and requests"
for i in $(seq 1 10); do pod "ssd-$i" 500m '{"disk":"ssd"}'; done
for i in $(seq 1 8); do pod "zoneb-$i" 1500m '{"zone":"b"}'; done
pod other-sched 100m '{}' '"schedulerName":"someone-else",'
all_bound() { [ "$($K get pods -l e2e=sched -o json | jq '[.items[] | select(.metadata.name != "other-sched") | select(.spec.nodeName == null)] | length')" = 0 ]; }
wait_for "all 18 pods are bound" 60 all_bound
$K get pods -l e2e=sched -o json >"$WORK/pods.json"
$K get nodes -o json >"$WORK/nodes.json"
check_eq "every disk=ssd pod is on an ssd node" "0" "$(jq --slurpfile n "$WORK/nodes.json" '[.items[] | select(.metadata.name | startswith("ssd-")) | .spec.nodeName as $node | select(($n[0].items[] | select(.metadata.name == $node) | .metadata.labels.disk) != "ssd")] | length' "$WORK/pods.json")"
check_eq "every zone=b pod is in zone b" "0" "$(jq --slurpfile n "$WORK/nodes.json" '[.items[] | select(.metadata.name | startswith("zoneb-")) | .spec.nodeName as $node | select(($n[0].items[] | select(.metadata.name == $node) | .metadata.labels.zone) != "b")] | length' "$WORK/pods.json")"
over=$(jq '[.items[] | select(.spec.nodeName != null) | {n: .spec.nodeName, c: (.spec.containers[0].resources.requests.cpu | if endswith("m") then (.[:-1] | tonumber) else (tonumber * 1000) end)}] | group_by(.n) | map({n: .[0].n, sum: (map(.c) | add)}) | map(select(.sum > 2000)) | length' "$WORK/pods.json")
check_eq "no node is given more cpu than it has" "0" "$over"
check_eq "the ssd pods are spread (one per ssd node)" "10" "$(jq -r '[.items[] | select(.metadata.name | startswith("ssd-")) | .spec.nodeName] | unique | length' "$WORK/pods.json")"
check_eq "a pod for another scheduler stays unbound" "" "$($K get pod other-sched -o jsonpath='{.spec.nodeName}')"
check "bound pods have PodScheduled=True" bash -c "$K get pod ssd-1 -o jsonpath='{.status.conditions[?(@.type==\"PodScheduled\")].status}' | grep -qx True"
check "a Scheduled event says where" bash -c "$K get events -o json | jq -e --arg n \"\$($K get pod ssd-1 -o jsonpath='{.spec.nodeName}')\" '.items[] | select(.reason == \"Scheduled\" and .type == \"Normal\" and .message == \"Successfully assigned default/ssd-1 to \" + \$n)' >/dev/null"

echo "== a pod that fits nowhere"
pod huge 3 '{"disk":"ssd"}'
MSG="0/20 nodes are available: 10 Insufficient cpu, 10 node(s) didn't match Pod's node affinity/selector."
cond() { $K get pod huge -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].status}|{.status.conditions[?(@.type=="PodScheduled")].reason}|{.status.conditions[?(@.type=="PodScheduled")].message}'; }
has_cond() { [ "$(cond)" = "False|Unschedulable|$MSG" ]; }
wait_for "PodScheduled=False, Unschedulable, with Kubernetes' message" 30 has_cond
has_cond || echo "       got: $(cond)"
has_event() { $K get events -o json | jq -e --arg m "$MSG" '.items[] | select(.reason == "FailedScheduling" and .type == "Warning" and .involvedObject.name == "huge" and .message == $m)' >/dev/null; }
wait_for "a FailedScheduling Warning event with the message" 30 has_event
check "kubectl describe shows it" bash -c "$K describe pod huge | grep -q 'FailedScheduling'"
check_eq "it is still unbound" "" "$($K get pod huge -o jsonpath='{.spec.nodeName}')"

echo "== a fitting node arrives"
node n21 4 '{"zone":"a","disk":"ssd"}'
huge_bound() { [ "$($K get pod huge -o jsonpath='{.spec.nodeName}')" = "n21" ]; }
wait_for "the waiting pod is scheduled onto the new node" 30 huge_bound

echo "== a deleted pod makes room"
pod huge2 3 '{"disk":"ssd"}'
wait_for "a second huge pod waits" 30 bash -c "$K get pod huge2 -o jsonpath='{.status.conditions[?(@.type==\"PodScheduled\")].reason}' | grep -qx Unschedulable"
$K delete pod huge --grace-period=0 --force >/dev/null 2>&1
huge2_bound() { [ "$($K get pod huge2 -o jsonpath='{.spec.nodeName}')" = "n21" ]; }
wait_for "it takes the freed node" 30 huge2_bound

echo "== leader election"
check "the scheduler holds its Lease" bash -c "$K -n kube-system get lease default-scheduler -o jsonpath='{.spec.holderIdentity}' | grep -q ."
finish
