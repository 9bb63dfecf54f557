#!/usr/bin/env bash
# The controller manager end to end with the real kubectl, on loopback, without a kubelet or
# scheduler: pods stay Pending unless this script plays the node (it patches pod status through
# the status subresource: podIP and the Ready condition, or binds pods to a Node object).
#  1. `skiff server --disable-agent` (controllers in-process): an RC scaled 3 → 5 → 1, a deleted
#     pod replaced, a relabelled pod released and replaced; a Deployment rolled from one image
#     to another (`kubectl rollout status`, available never below replicas - maxUnavailable),
#     history, `rollout undo` reusing the old ReplicaSet, pause/resume; Endpoints following
#     readiness; background, foreground and orphan deletes; a namespace deleted with its content.
#  2. `skiff server --disable-agent --disable-controllers` and `skiff controller-manager` as a
#     separate process with short node timeouts: a Node whose heartbeat stops becomes Unknown,
#     is tainted unreachable, its pods are evicted and replaced; the taint goes when it returns.
if [ -z "${SKIFF_E2E_TIMED:-}" ]; then
  SKIFF_E2E_TIMED=1 exec timeout --kill-after=10 175 bash "$0" "$@"
fi
source "$(dirname "$0")/apiserver-lib.sh"
K=kubectl
D=$WORK/data
mkdir -p "$D"
SIM_PIDS=()
CM_PID=""
stop_sims() {
  for p in "${SIM_PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  SIM_PIDS=()
}
stop_cm() {
  [ -n "$CM_PID" ] || return 0
  kill "$CM_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$CM_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$CM_PID" 2>/dev/null || true
  CM_PID=""
}
trap 'stop_sims; stop_cm; cleanup' EXIT

# count PODS of a label selector that are not being deleted.
active() { $K get pods -l "$1" -o json | jq '[.items[] | select(.metadata.deletionTimestamp == null)] | length'; }
is_count() { [ "$(active "$1")" = "$2" ]; }
jp() { $K get "$1" -o jsonpath="$2"; }
is_jp() { [ "$(jp "$1" "$2")" = "$3" ]; }

IPN=10
# mark_ready POD [True|False]: what a kubelet would report (podIP once, the Ready condition).
mark_ready() {
  local pod=$1 st=${2:-True} ip
  ip=$(jp "pod/$pod" '{.status.podIP}')
  if [ -z "$ip" ]; then IPN=$((IPN + 1)); ip="10.244.$((IPN / 250)).$((IPN % 250 + 2))"; fi
  $K patch pod "$pod" --subresource=status --type=merge -p \
    "{\"status\":{\"phase\":\"Running\",\"podIP\":\"$ip\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"$st\",\"lastTransitionTime\":\"$(date -u +%FT%TZ)\"}]}}" >/dev/null
}

# simulate_node SELECTOR: marks every new pod of the selector ready, as a node would.
simulate_node() {
  local sel=$1 i=0
  while true; do
    for p in $($K get pods -l "$sel" -o json | jq -r '.items[] | select(.metadata.deletionTimestamp == null and (.status.podIP // "") == "") | .metadata.name'); do
      i=$((i + 1)); local ip="10.245.$((i / 250)).$((i % 250 + 2))"
      $K patch pod "$p" --subresource=status --type=merge -p \
        "{\"status\":{\"phase\":\"Running\",\"podIP\":\"$ip\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"$(date -u +%FT%TZ)\"}]}}" >/dev/null 2>&1 || true
    done
    sleep 0.2
  done
}

echo "== controllers: skiff server --disable-agent (controllers in-process)"
SKIFF_E2E_CMD=server start_server "$D" --disable-agent

echo "== ReplicationController: 3 → 5 → 1, replacement, release"
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  replicas: 3
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: main, image: busybox, args: [sleep, "3600"]}]
YAML
wait_for "RC creates 3 pods" 30 is_count app=web 3
wait_for "RC status.replicas=3" 20 is_jp rc/web '{.status.replicas}' 3
check "pods are owned by the RC (controller, blockOwnerDeletion)" bash -c \
  "$K get pods -l app=web -o json | jq -e '[.items[].metadata.ownerReferences[0] | select(.kind==\"ReplicationController\" and .name==\"web\" and .controller==true and .blockOwnerDeletion==true)] | length == 3'"
check "pods are named <rc>-<5 chars>" bash -c "$K get pods -l app=web -o name | grep -Eq '^pod/web-[a-z0-9]{5}$'"
wait_for "SuccessfulCreate events with 'Created pod: web-...'" 15 bash -c \
  "$K get events -o json | jq -e '[.items[] | select(.reason==\"SuccessfulCreate\" and (.message|startswith(\"Created pod: web-\")) and .source.component==\"replication-controller\")] | length >= 1'"
$K scale rc web --replicas=5 >/dev/null
wait_for "scaled to 5" 30 is_count app=web 5
wait_for "RC observedGeneration follows the spec" 20 bash -c "[ \"\$($K get rc web -o jsonpath='{.status.observedGeneration}')\" = \"\$($K get rc web -o jsonpath='{.metadata.generation}')\" ]"
# One pod ready: the scale-down keeps it (unready pods go first).
keep=$($K get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
mark_ready "$keep"
wait_for "RC readyReplicas=1 availableReplicas=1" 20 is_jp rc/web '{.status.readyReplicas}/{.status.availableReplicas}' 1/1
$K scale rc web --replicas=1 >/dev/null
wait_for "scaled to 1" 30 is_count app=web 1
check_eq "the ready pod is the one kept" "$keep" "$($K get pods -l app=web -o jsonpath='{.items[0].metadata.name}')"
wait_for "SuccessfulDelete events" 15 bash -c \
  "$K get events -o json | jq -e '[.items[] | select(.reason==\"SuccessfulDelete\" and (.message|startswith(\"Deleted pod: web-\")))] | length >= 1'"
$K delete pod "$keep" --wait=false >/dev/null
wait_for "a deleted pod is replaced" 30 bash -c "[ \"\$($K get pods -l app=web -o json | jq -r '[.items[] | select(.metadata.deletionTimestamp == null) | .metadata.name] | join(\",\")')\" != '$keep' ] && [ \"\$($K get pods -l app=web -o json | jq '[.items[] | select(.metadata.deletionTimestamp == null)] | length')\" = 1 ]"
victim=$($K get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
$K label pod "$victim" app=other --overwrite >/dev/null
wait_for "a relabelled pod is released (no ownerReferences)" 20 bash -c "[ -z \"\$($K get pod $victim -o jsonpath='{.metadata.ownerReferences}')\" ]"
wait_for "and replaced by a new pod" 30 bash -c "is_one() { [ \"\$($K get pods -l app=web -o name | wc -l)\" = 1 ] && ! $K get pods -l app=web -o name | grep -q $victim; }; is_one"
$K delete pod "$victim" --wait=false >/dev/null

echo "== Deployment: rolling update, rollout status, history, undo, pause/resume"
simulate_node app=api & SIM_PIDS+=($!)
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, annotations: {kubernetes.io/change-cause: v1}}
spec:
  replicas: 4
  selector: {matchLabels: {app: api}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: main, image: "example.com/api:v1", args: [serve, --v1], ports: [{name: http, containerPort: 8080}]}]
YAML
check "rollout status (v1) succeeds" $K rollout status deploy/api --timeout=60s
rs1=$($K get rs -l app=api -o jsonpath='{.items[0].metadata.name}')
hash1=$($K get rs "$rs1" -o jsonpath='{.metadata.labels.pod-template-hash}')
check_eq "ReplicaSet named <deployment>-<pod-template-hash>" "api-$hash1" "$rs1"
check_eq "revision 1 on the ReplicaSet" "1" "$(jp rs/$rs1 '{.metadata.annotations.deployment\.kubernetes\.io/revision}')"
check_eq "desired-replicas/max-replicas annotations" "4/5" "$(jp rs/$rs1 '{.metadata.annotations.deployment\.kubernetes\.io/desired-replicas}/{.metadata.annotations.deployment\.kubernetes\.io/max-replicas}')"
check_eq "Available=True MinimumReplicasAvailable" "True MinimumReplicasAvailable" "$(jp deploy/api '{.status.conditions[?(@.type=="Available")].status} {.status.conditions[?(@.type=="Available")].reason}')"
check_eq "Progressing=True NewReplicaSetAvailable" "True NewReplicaSetAvailable" "$(jp deploy/api '{.status.conditions[?(@.type=="Progressing")].status} {.status.conditions[?(@.type=="Progressing")].reason}')"
# Watch availability during the rollout: never below replicas - maxUnavailable = 3.
( while true; do jp deploy/api '{.status.availableReplicas}' 2>/dev/null; echo; sleep 0.1; done >"$WORK/avail" ) & SIM_PIDS+=($!)
$K patch deploy api --type=merge -p '{"metadata":{"annotations":{"kubernetes.io/change-cause":"v2"}},"spec":{"template":{"spec":{"containers":[{"name":"main","image":"example.com/api:v2","args":["serve","--v2"],"ports":[{"name":"http","containerPort":8080}]}]}}}}' >/dev/null
check "rollout status (v2) succeeds" $K rollout status deploy/api --timeout=90s
minavail=$(grep -E '^[0-9]+$' "$WORK/avail" | sort -n | head -1)
check "available replicas never below replicas - maxUnavailable (min seen: ${minavail:-none})" test "${minavail:-0}" -ge 3
check_eq "two ReplicaSets, the old one at 0" "0 4" "$(jp rs/$rs1 '{.spec.replicas}') $(jp deploy/api '{.status.updatedReplicas}')"
check "all api pods run v2" bash -c "$K get pods -l app=api -o json | jq -e '[.items[] | select(.metadata.deletionTimestamp == null) | .spec.containers[0].image] | unique == [\"example.com/api:v2\"]'"
check "ScalingReplicaSet events ('Scaled up replica set api-... to N from M')" bash -c \
  "$K get events -o json | jq -e '[.items[] | select(.reason==\"ScalingReplicaSet\" and (.message|test(\"^Scaled (up|down) replica set api-[a-z0-9]+ to [0-9]+ from [0-9]+$\")))] | length >= 2'"
check "rollout history lists revisions 1 and 2 with their change-cause" bash -c \
  "$K rollout history deploy/api | grep -Eq '^1 +v1' && $K rollout history deploy/api | grep -Eq '^2 +v2'"
check "rollout history --revision=1 shows the v1 template" bash -c "$K rollout history deploy/api --revision=1 | grep -q 'example.com/api:v1'"
$K rollout undo deploy/api >/dev/null
check "rollout status after undo succeeds" $K rollout status deploy/api --timeout=90s
check_eq "undo reuses the first ReplicaSet (revision 3 now)" "3 4" "$(jp rs/$rs1 '{.metadata.annotations.deployment\.kubernetes\.io/revision} {.spec.replicas}')"
check_eq "still two ReplicaSets" "2" "$($K get rs -l app=api -o name | wc -l | tr -d ' ')"
check_eq "the template is v1 again" "example.com/api:v1" "$(jp deploy/api '{.spec.template.spec.containers[0].image}')"
$K rollout pause deploy/api >/dev/null
$K set image deploy/api main=example.com/api:v3 >/dev/null
sleep 2
check_eq "paused: no new ReplicaSet" "2" "$($K get rs -l app=api -o name | wc -l | tr -d ' ')"
check_eq "paused: Progressing reason DeploymentPaused" "DeploymentPaused" "$(jp deploy/api '{.status.conditions[?(@.type=="Progressing")].reason}')"
$K rollout resume deploy/api >/dev/null
check "resumed: rollout to v3 completes" $K rollout status deploy/api --timeout=90s

echo "== Deployment: Recreate, and a rollout that exceeds its progress deadline"
simulate_node app=rec & SIM_PIDS+=($!)
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: apps/v1
kind: Deployment
metadata: {name: rec}
spec:
  replicas: 2
  selector: {matchLabels: {app: rec}}
  strategy: {type: Recreate}
  template:
    metadata: {labels: {app: rec}}
    spec:
      containers: [{name: main, image: "example.com/rec:v1"}]
YAML
check "Recreate: rollout status (v1) succeeds" $K rollout status deploy/rec --timeout=60s
$K set image deploy/rec main=example.com/rec:v2 >/dev/null
check "Recreate: rollout status (v2) succeeds" $K rollout status deploy/rec --timeout=60s
check "Recreate: only v2 pods remain" bash -c "$K get pods -l app=rec -o json | jq -e '[.items[] | select(.metadata.deletionTimestamp == null) | .spec.containers[0].image] == [\"example.com/rec:v2\",\"example.com/rec:v2\"]'"
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: apps/v1
kind: Deployment
metadata: {name: slow}
spec:
  replicas: 1
  progressDeadlineSeconds: 3
  selector: {matchLabels: {app: slow}}
  template:
    metadata: {labels: {app: slow}}
    spec:
      containers: [{name: main, image: "example.com/slow:v1"}]
YAML
check_fails "a rollout whose pods never become ready exceeds its progress deadline" 'exceeded its progress deadline' \
  $K rollout status deploy/slow --timeout=30s
check_eq "Progressing=False ProgressDeadlineExceeded" "False ProgressDeadlineExceeded" "$(jp deploy/slow '{.status.conditions[?(@.type=="Progressing")].status} {.status.conditions[?(@.type=="Progressing")].reason}')"
$K delete deploy rec slow >/dev/null

echo "== Endpoints follow readiness"
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{name: web, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: api-headless}
spec:
  clusterIP: None
  selector: {app: api}
  ports: [{port: 9000}]
YAML
naddr() { jp endpoints/api '{.subsets[*].addresses[*].ip}' | wc -w | tr -d ' '; }
wait_for "Endpoints list the 4 ready pods" 20 bash -c "[ \"\$($K get endpoints api -o jsonpath='{.subsets[*].addresses[*].ip}' | wc -w)\" = 4 ]"
check_eq "named targetPort resolved to the container port" "8080 web TCP" "$(jp endpoints/api '{.subsets[0].ports[0].port} {.subsets[0].ports[0].name} {.subsets[0].ports[0].protocol}')"
check "targetRef and addresses name the pods" bash -c "$K get endpoints api -o json | jq -e '[.subsets[0].addresses[].targetRef.kind] | unique == [\"Pod\"]'"
wait_for "headless service gets Endpoints too (port 9000, headless label)" 20 bash -c \
  "[ \"\$($K get endpoints api-headless -o jsonpath='{.subsets[0].ports[0].port}')\" = 9000 ] && $K get endpoints api-headless -o json | jq -e '.metadata.labels | has(\"service.kubernetes.io/headless\")'"
stop_sims
p1=$($K get pods -l app=api -o json | jq -r '[.items[] | select(.metadata.deletionTimestamp == null)][0].metadata.name')
ip1=$(jp "pod/$p1" '{.status.podIP}')
t0=$(date +%s%N)
mark_ready "$p1" False
wait_for "an unready pod moves to notReadyAddresses" 10 bash -c "$K get endpoints api -o jsonpath='{.subsets[*].notReadyAddresses[*].ip}' | grep -qw $ip1"
echo "       (readiness change to Endpoints, through kubectl: $(( ($(date +%s%N) - t0) / 1000000 )) ms)"
mark_ready "$p1" True
wait_for "and back to addresses when ready again" 10 bash -c "$K get endpoints api -o jsonpath='{.subsets[*].addresses[*].ip}' | grep -qw $ip1"

echo "== Garbage collection: background, foreground, orphan; namespace deletion"
$K delete deploy api >/dev/null
wait_for "background: the deployment's ReplicaSets are deleted" 30 bash -c "[ -z \"\$($K get rs -l app=api -o name)\" ]"
wait_for "background: and their pods" 30 bash -c "[ -z \"\$($K get pods -l app=api -o name)\" ]"
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: v1
kind: ReplicationController
metadata: {name: fg}
spec:
  replicas: 2
  selector: {app: fg}
  template:
    metadata: {labels: {app: fg}}
    spec:
      containers: [{name: main, image: busybox}]
YAML
wait_for "fg RC has 2 pods" 30 is_count app=fg 2
held=$($K get pods -l app=fg -o jsonpath='{.items[0].metadata.name}')
$K patch pod "$held" --type=merge -p '{"metadata":{"finalizers":["skiff.example/hold"]}}' >/dev/null
$K delete rc fg --cascade=foreground --wait=false >/dev/null
wait_for "foreground: the RC waits with the foregroundDeletion finalizer" 20 bash -c \
  "$K get rc fg -o jsonpath='{.metadata.finalizers} {.metadata.deletionTimestamp}' | grep -q 'foregroundDeletion.* 20'"
wait_for "foreground: its unblocked pod is deleted first" 20 bash -c "[ \"\$($K get pods -l app=fg -o name | wc -l)\" = 1 ]"
check "foreground: the RC is still there while a dependent remains" $K get rc fg
$K patch pod "$held" --type=merge -p '{"metadata":{"finalizers":null}}' >/dev/null
wait_for "foreground: the RC goes once its dependents are gone" 20 bash -c "! $K get rc fg >/dev/null 2>&1"
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: v1
kind: ReplicationController
metadata: {name: orph}
spec:
  replicas: 2
  selector: {app: orph}
  template:
    metadata: {labels: {app: orph}}
    spec:
      containers: [{name: main, image: busybox}]
YAML
wait_for "orph RC has 2 pods" 30 is_count app=orph 2
$K delete rc orph --cascade=orphan >/dev/null
wait_for "orphan: the RC is deleted" 20 bash -c "! $K get rc orph >/dev/null 2>&1"
check "orphan: its pods stay, without ownerReferences" bash -c \
  "$K get pods -l app=orph -o json | jq -e '(.items | length) == 2 and ([.items[] | select(.metadata.ownerReferences != null)] | length) == 0'"
printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n' | $K apply -f - >/dev/null
printf 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: r, namespace: doomed}\nspec:\n  replicas: 2\n  selector: {app: r}\n  template:\n    metadata: {labels: {app: r}}\n    spec: {containers: [{name: m, image: busybox}]}\n' | $K apply -f - >/dev/null
wait_for "RC in a namespace makes its pods" 30 bash -c "[ \"\$($K get pods -n doomed -o name | wc -l)\" = 2 ]"
$K delete namespace doomed --wait=false >/dev/null
wait_for "deleting the namespace deletes everything in it" 40 bash -c "! $K get namespace doomed >/dev/null 2>&1"

echo "== Node lifecycle: skiff controller-manager as its own process, short timeouts"
stop_server
check_fails "unknown controller names are refused" 'unknown controller "bogus"' \
  "$SKIFF" controller-manager --kubeconfig "$D/kubeconfig" --controllers '*,-bogus'
check_fails "bad durations name the flag" 'node-monitor-grace-period' \
  "$SKIFF" controller-manager --kubeconfig "$D/kubeconfig" --node-monitor-grace-period 40
SKIFF_E2E_CMD=server start_server "$D" --disable-agent --disable-controllers
"$SKIFF" controller-manager --kubeconfig "$D/kubeconfig" --node-monitor-grace-period 4s --node-monitor-period 500ms \
  --pod-eviction-timeout 3s >"$WORK/cm.log" 2>&1 &
CM_PID=$!
heartbeat() {
  while true; do
    $K patch node n1 --subresource=status --type=merge -p \
      "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",\"message\":\"ok\",\"lastHeartbeatTime\":\"$(date -u +%FT%TZ)\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}" >/dev/null 2>&1 || true
    sleep 1
  done
}
printf 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n' | $K apply -f - >/dev/null
heartbeat & SIM_PIDS+=($!)
cat <<'YAML' | $K apply -f - >/dev/null
apiVersion: v1
kind: ReplicationController
metadata: {name: onnode}
spec:
  replicas: 2
  selector: {app: onnode}
  template:
    metadata: {labels: {app: onnode}}
    spec:
      containers: [{name: main, image: busybox}]
YAML
wait_for "the separate controller manager creates the RC's pods" 30 is_count app=onnode 2
bound=""
for p in $($K get pods -l app=onnode -o jsonpath='{.items[*].metadata.name}'); do
  curl -fsS -XPOST -H 'Content-Type: application/json' "$SERVER/api/v1/namespaces/default/pods/$p/binding" \
    -d "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"$p\"},\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}" >/dev/null
  mark_ready "$p"
  bound="$bound $p"
done
sleep 2
check_eq "the node stays Ready while it heartbeats" "True" "$(jp node/n1 '{.status.conditions[?(@.type=="Ready")].status}')"
stop_sims
wait_for "heartbeat stops: Ready=Unknown (NodeStatusUnknown)" 20 is_jp node/n1 '{.status.conditions[?(@.type=="Ready")].status} {.status.conditions[?(@.type=="Ready")].reason}' "Unknown NodeStatusUnknown"
wait_for "and the unreachable:NoExecute taint" 10 bash -c "$K get node n1 -o json | jq -e '[.spec.taints[] | select(.key==\"node.kubernetes.io/unreachable\" and .effect==\"NoExecute\")] | length == 1'"
wait_for "its pods are marked not ready" 10 bash -c "$K get pods -l app=onnode -o json | jq -e '[.items[] | select(.spec.nodeName==\"n1\") | .status.conditions[] | select(.type==\"Ready\" and .status==\"False\")] | length == 2'"
wait_for "after the eviction timeout its pods are deleted" 20 bash -c \
  "$K get pods -l app=onnode -o json | jq -e '[.items[] | select(.spec.nodeName==\"n1\" and .metadata.deletionTimestamp != null)] | length == 2'"
wait_for "and the RC replaces them" 20 bash -c "$K get pods -l app=onnode -o json | jq -e '[.items[] | select(.metadata.deletionTimestamp == null and .spec.nodeName == null)] | length == 2'"
check "TaintManagerEviction events" bash -c "$K get events -o json | jq -e '[.items[] | select(.reason==\"TaintManagerEviction\")] | length >= 2'"
heartbeat & SIM_PIDS+=($!)
wait_for "heartbeat back: the taint is removed" 20 bash -c "[ -z \"\$($K get node n1 -o jsonpath='{.spec.taints}')\" ]"
stop_sims
stop_cm
finish
