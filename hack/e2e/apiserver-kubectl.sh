#!/usr/bin/env bash
# End-to-end: the real kubectl 1.32 against `skiff apiserver` on loopback: every command the
# API must support unmodified, and the failure cases (404, 409, 422 with field names, 410).
# Bounded by `timeout`; the server is stopped by pid and its data dir removed on exit.
if [ -z "${SKIFF_E2E_TIMED:-}" ]; then
  SKIFF_E2E_TIMED=1 exec timeout --kill-after=10 300 bash "$0" "$@"
fi
source "$(dirname "$0")/apiserver-lib.sh"
K=kubectl
D=$WORK/data
mkdir -p "$D"
echo "== apiserver-kubectl: starting skiff apiserver (store: ${SKIFF_E2E_STORE:-sqlite})"
start_server "$D" --store "${SKIFF_E2E_STORE:-sqlite}" ${SKIFF_E2E_STORE_ARGS:-}
echo "   server $SERVER"

echo "== version, health, discovery"
check_eq "server minor version is 32" "32" "$($K version -o json | jq -r .serverVersion.minor)"
check "/healthz /livez /readyz" bash -c "$K get --raw /healthz && $K get --raw /livez && $K get --raw /readyz"
check "api-resources lists pods, deployments, leases" bash -c "$K api-resources | grep -q '^pods .*po .*v1 .*true .*Pod' && $K api-resources | grep -q '^deployments .*apps/v1' && $K api-resources | grep -q '^leases'"
check "initial namespaces exist" bash -c "$K get ns default kube-system kube-public kube-node-lease"
check_eq "kubernetes service has the first range IP" "10.96.0.1" "$($K get svc kubernetes -o jsonpath='{.spec.clusterIP}')"
check "kubernetes endpoints point at the server" bash -c "$K get endpoints kubernetes -o jsonpath='{.subsets[0].addresses[0].ip}' | grep -q 127.0.0.1"
check "openapi v3 index served" bash -c "$K get --raw /openapi/v3 | jq -e '.paths[\"api/v1\"]'"

cat >"$WORK/pod.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.25
    ports: [{containerPort: 80}]
YAML
echo "== create, get in every output format"
check "create -f pod (validated, no --validate=false)" $K create -f "$WORK/pod.yaml"
check "get pods shows NAME READY STATUS RESTARTS AGE" bash -c "$K get pods | head -1 | grep -qE '^NAME +READY +STATUS +RESTARTS +AGE$'"
check "get pods row: web 0/1 Pending" bash -c "$K get pods --no-headers | grep -qE '^web +0/1 +Pending +0 '"
check "get -o wide adds IP NODE NOMINATED NODE READINESS GATES" bash -c "$K get pods -o wide | head -1 | grep -qE 'IP +NODE +NOMINATED NODE +READINESS GATES'"
check_eq "get -o jsonpath" "nginx:1.25" "$($K get pod web -o jsonpath='{.spec.containers[0].image}')"
check_eq "get -o json has defaults (restartPolicy)" "Always" "$($K get pod web -o json | jq -r .spec.restartPolicy)"
check "get -o yaml" bash -c "$K get pod web -o yaml | grep -q 'uid:'"
check "get by label selector" bash -c "$K get pods -l app=web --no-headers | grep -q web"
check "get by field selector" bash -c "$K get pods --field-selector status.phase=Pending --no-headers | grep -q web"

echo "== label, annotate, describe (with events)"
check "label" $K label pod web tier=front
check_eq "label stored" "front" "$($K get pod web -o jsonpath='{.metadata.labels.tier}')"
check "annotate" $K annotate pod web note=hello
check_eq "annotation stored" "hello" "$($K get pod web -o jsonpath='{.metadata.annotations.note}')"
uid=$($K get pod web -o jsonpath='{.metadata.uid}')
cat >"$WORK/event.yaml" <<YAML
apiVersion: v1
kind: Event
metadata: {name: web.1}
involvedObject: {kind: Pod, name: web, namespace: default, uid: "$uid", apiVersion: v1}
reason: Scheduled
message: Successfully assigned default/web to node1
type: Normal
source: {component: default-scheduler}
firstTimestamp: "2026-01-01T00:00:00Z"
lastTimestamp: "2026-01-01T00:00:00Z"
count: 1
YAML
check "create event" $K create -f "$WORK/event.yaml"
check "describe pod shows its event" bash -c "$K describe pod web | grep -q 'Successfully assigned default/web to node1'"
check "get events table" bash -c "$K get events | grep -q Scheduled"

echo "== apply (create, change, apply again), edit"
cat >"$WORK/deploy.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dep
  labels: {app: dep}
spec:
  replicas: 2
  selector: {matchLabels: {app: dep}}
  template:
    metadata: {labels: {app: dep}}
    spec:
      containers:
      - name: main
        image: nginx:1.25
        env: [{name: A, value: "1"}]
YAML
check "apply creates" bash -c "$K apply -f $WORK/deploy.yaml | grep -q created"
sed -i 's/replicas: 2/replicas: 3/; s/nginx:1.25/nginx:1.26/' "$WORK/deploy.yaml"
check "apply again configures" bash -c "$K apply -f $WORK/deploy.yaml | grep -q configured"
check_eq "applied changes" "3 nginx:1.26 2" "$($K get deploy dep -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}')"
check "apply unchanged is a no-op" bash -c "$K apply -f $WORK/deploy.yaml | grep -q unchanged"
check "get deployments columns" bash -c "$K get deploy | head -1 | grep -qE '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$'"
check "edit via KUBE_EDITOR" env KUBE_EDITOR="sed -i s/replicas:\ 3/replicas:\ 5/" $K edit deploy dep
check_eq "edit stored" "5" "$($K get deploy dep -o jsonpath='{.spec.replicas}')"

echo "== scale rc"
cat >"$WORK/rc.yaml" <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata: {name: rc1}
spec:
  replicas: 1
  selector: {app: rcapp}
  template:
    metadata: {labels: {app: rcapp}}
    spec:
      containers: [{name: c, image: busybox}]
YAML
check "create rc" $K create -f "$WORK/rc.yaml"
check "scale rc --replicas=4" $K scale rc rc1 --replicas=4
check_eq "rc scaled" "4" "$($K get rc rc1 -o jsonpath='{.spec.replicas}')"
check "get rc columns" bash -c "$K get rc | head -1 | grep -qE '^NAME +DESIRED +CURRENT +READY +AGE$'"

echo "== services"
svc() { # name type clusterIP
  printf 'apiVersion: v1\nkind: Service\nmetadata: {name: %s}\nspec:\n  type: %s\n  clusterIP: "%s"\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n' "$1" "$2" "$3"
}
check "create NodePort service" bash -c "$(declare -f svc); svc np NodePort '' | $K create -f -"
np=$($K get svc np -o jsonpath='{.spec.ports[0].nodePort}')
check "nodePort $np in 30000-32767" test "${np:-0}" -ge 30000 -a "${np:-0}" -le 32767
check "headless service keeps clusterIP None" bash -c "$(declare -f svc); svc hl ClusterIP None | $K create -f - && [ \"\$($K get svc hl -o jsonpath='{.spec.clusterIP}')\" = None ]"
ip=$($K get svc np -o jsonpath='{.spec.clusterIP}')
check_fails "taken cluster IP $ip is refused (422)" "provided IP is already allocated" bash -c "$(declare -f svc); svc taken ClusterIP $ip | $K create -f -"
check_fails "cluster IP outside the range is refused (422)" "not in the valid range" bash -c "$(declare -f svc); svc outside ClusterIP 192.0.2.1 | $K create -f -"
check "services table" bash -c "$K get svc | head -1 | grep -qE '^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$'"
check "service row shows port:nodePort" bash -c "$K get svc np --no-headers | grep -q '80:$np/TCP'"

echo "== kubectl create subcommands (typed clients: Kubernetes protobuf bodies)"
check "create namespace" $K create namespace pbns
check_eq "namespace active" "Active" "$($K get ns pbns -o jsonpath='{.status.phase}')"
check "create configmap --from-literal" $K create configmap pbcm --from-literal=a=b --from-literal=empty=
check_eq "configmap data" '{"a":"b","empty":""}' "$($K get cm pbcm -o json | jq -c .data)"
check "create secret generic" $K create secret generic pbsec --from-literal=user=admin -n pbns
check_eq "secret data is base64" "admin" "$($K get secret pbsec -n pbns -o jsonpath='{.data.user}' | base64 -d)"
check "create deployment --replicas=0 --port -- cmd" $K create deployment pbdep --image=busybox --replicas=0 --port=8080 -- sleep 3600
check_eq "deployment fields" "0 8080 sleep,3600 app=pbdep" "$($K get deploy pbdep -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort} {.spec.template.spec.containers[0].command[0]},{.spec.template.spec.containers[0].command[1]} {.spec.selector.matchLabels}' | sed 's/{"app":"pbdep"}/app=pbdep/')"
check "create service clusterip" $K create service clusterip pbsvc --tcp=80:http
check_eq "service port and named targetPort" "80 http TCP" "$($K get svc pbsvc -o jsonpath='{.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.ports[0].protocol}')"
check "create service nodeport" $K create service nodeport pbnp --tcp=8080:8080
check "nodePort allocated" test "$($K get svc pbnp -o jsonpath='{.spec.ports[0].nodePort}')" -ge 30000
check "create service externalname" $K create service externalname pbext --external-name=db.example.com
check_eq "externalName" "ExternalName db.example.com" "$($K get svc pbext -o jsonpath='{.spec.type} {.spec.externalName}')"
check_fails "invalid name over protobuf is 422 naming the field" "metadata.name" $K create configmap Bad_Name --from-literal=a=b

echo "== watch"
$K get pods -w >"$WORK/watch.out" 2>&1 &
wpid=$!
sleep 1
$K label pod web watched=yes >/dev/null
$K run watched --image=busybox >/dev/null
wait_for "get -w shows the new pod" 10 grep -q '^watched ' "$WORK/watch.out"
kill "$wpid" 2>/dev/null || true
wait "$wpid" 2>/dev/null || true

echo "== delete"
check "delete unbound pod (gone at once)" timeout 20 $K delete pod watched
check_fails "deleted pod is gone (404)" "NotFound" $K get pod watched
check "bind pod to a node" bash -c "curl -fsS -XPOST -H 'Content-Type: application/json' $SERVER/api/v1/namespaces/default/pods/web/binding -d '{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"web\"},\"target\":{\"kind\":\"Node\",\"name\":\"node1\"}}'"
check_fails "second binding is refused (409)" "already assigned" \
  curl -sS --fail-with-body -XPOST -H "Content-Type: application/json" "$SERVER/api/v1/namespaces/default/pods/web/binding" -d "{\"target\":{\"name\":\"node2\"}}"
check "graceful delete of a bound pod returns" $K delete pod web --wait=false
check "bound pod stays Terminating (its node finishes it)" bash -c "$K get pod web --no-headers | grep -q Terminating"
check "delete --grace-period=0 --force" $K delete pod web --grace-period=0 --force
check_fails "force-deleted pod is gone" "NotFound" $K get pod web
check "delete deployment (waits)" timeout 20 $K delete deploy dep
cm() { printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s}\ndata: {a: "1"}\n' "$1"; }
check "delete namespace with contents" bash -c "$(declare -f cm); printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: scratch}\n' | $K create -f - && cm c | $K -n scratch create -f - && timeout 20 $K delete ns scratch"
check_fails "namespace and its contents are gone" "NotFound" $K get ns scratch

echo "== failure cases"
check_fails "get missing pod is 404 NotFound" 'pods "nothere" not found' $K get pod nothere
check_fails "create twice is 409 AlreadyExists" "AlreadyExists" $K create -f "$WORK/rc.yaml"
cat >"$WORK/bad.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: Bad_Name}
spec:
  restartPolicy: Sometimes
  containers: [{name: "", image: busybox}]
YAML
check_fails "invalid pod is 422 naming metadata.name" "metadata.name: Invalid value" $K create -f "$WORK/bad.yaml"
check_fails "422 names spec.containers[0].name" 'spec.containers\[0\].name: Required value' $K create -f "$WORK/bad.yaml"
check_fails "422 names spec.restartPolicy" 'spec.restartPolicy: Unsupported value' $K create -f "$WORK/bad.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: strict}\nbogus: 1\n' >"$WORK/unknown.yaml"
check_fails "unknown field refused (fieldValidation=Strict)" 'unknown field "bogus"' $K create -f "$WORK/unknown.yaml"
check_fails "create in a missing namespace is 404" 'namespaces "nowhere" not found' bash -c "$(declare -f cm); cm x | $K -n nowhere create -f -"
check "stale update setup" bash -c "$(declare -f cm); cm cc | $K create -f - && $K get cm cc -o json > $WORK/cc.json && $K label cm cc bump=1"
check_fails "update with a stale resourceVersion is 409 Conflict" "the object has been modified" $K replace -f "$WORK/cc.json"
check "malformed JSON is 400 and writes nothing" bash -c "code=\$(curl -s -o /dev/null -w '%{http_code}' -XPOST -H 'Content-Type: application/json' $SERVER/api/v1/namespaces/default/configmaps -d '{\"metadata\":'); [ \$code = 400 ]"
check "oversized body is 413" bash -c "head -c 4000000 /dev/zero | tr '\\0' a > $WORK/big && code=\$(curl -s -o /dev/null -w '%{http_code}' -XPOST -H 'Content-Type: application/json' --data-binary @$WORK/big $SERVER/api/v1/namespaces/default/configmaps); [ \$code = 413 ]"
check "watch from an expired resourceVersion is 410 Expired" bash -c "timeout 5 $K get --raw '/api/v1/pods?watch=true&resourceVersion=1' | grep -q '\"code\":410'"

finish
