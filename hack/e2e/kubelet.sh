#!/usr/bin/env bash
# End-to-end: `skiff server` (API server + kubelet) in a private host namespace, driven by the
# real kubectl: pods with shared emptyDir and localhost traffic, env from a ConfigMap and the
# downward API, a hostPort, a failing liveness probe, readiness, init containers, an OOM kill,
# CrashLoopBackOff, and deletion leaving nothing behind.
source "$(dirname "$0")/lib-node.sh"
echo "== kubelet e2e (node $NODE, host namespace $HOSTNS)"
mkdir -p "$WORK/manifests" "$WORK/www"
start_node --pod-manifest-path "$WORK/manifests" --manifest-url http://127.0.0.1:18099/pods.yaml
# The manifest URL's server, inside the node's namespace.
ip netns exec "$HOSTNS" busybox httpd -f -p 127.0.0.1:18099 -h "$WORK/www" &
EXTRA_PIDS="$EXTRA_PIDS $!"
wait_for "node registers Ready" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get node $NODE -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
check "node reports the skiff runtime" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get node $NODE -o jsonpath='{.status.nodeInfo.containerRuntimeVersion}' | grep -q '^skiff://'"

cat > "$WORK/pods.yaml" <<YAML
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {color: blue}
---
apiVersion: v1
kind: Pod
metadata: {name: duo, labels: {app: duo}}
spec:
  nodeName: $NODE
  volumes: [{name: shared, emptyDir: {}}]
  containers:
  - name: web
    image: busybox
    command: [sh, -c, "mkdir -p /www && cp /shared/index.html /www/ 2>/dev/null; httpd -f -p 8080 -h /shared"]
    ports: [{containerPort: 8080, hostPort: 18080}]
    volumeMounts: [{name: shared, mountPath: /shared}]
    readinessProbe: {httpGet: {path: /index.html, port: 8080}, periodSeconds: 1}
  - name: writer
    image: busybox
    command: [sh, -c, "echo hello-from-writer > /shared/index.html; sleep 2; until wget -qO- http://127.0.0.1:8080/index.html > /shared/seen; do sleep 0.2; done; sleep 3600"]
    volumeMounts: [{name: shared, mountPath: /shared}]
---
apiVersion: v1
kind: Pod
metadata: {name: envy, labels: {tier: env}}
spec:
  nodeName: $NODE
  restartPolicy: Never
  initContainers:
  - {name: first, image: busybox, command: [sh, -c, "echo first > /work/order"], volumeMounts: [{name: w, mountPath: /work}]}
  - {name: second, image: busybox, command: [sh, -c, "echo second >> /work/order"], volumeMounts: [{name: w, mountPath: /work}]}
  volumes: [{name: w, emptyDir: {}}]
  containers:
  - name: main
    image: busybox
    command: [sh, -c, 'printf "%s %s %s %s %s" "\$COLOR" "\$MY_NAME" "\$MY_NS" "\$(cat /work/order | tr "\\n" ,)" "\$(hostname)" > /dev/termination-log']
    volumeMounts: [{name: w, mountPath: /work}]
    env:
    - {name: COLOR, valueFrom: {configMapKeyRef: {name: settings, key: color}}}
    - {name: MY_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: MY_NS, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
YAML
check "kubectl create pods" kc create -f "$WORK/pods.yaml"
wait_for "two-container pod Running and Ready" 60 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod duo -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
IP=$(kc get pod duo -o jsonpath='{.status.podIP}')
check "pod has an address from the node's pod CIDR ($IP)" sh -c "echo $IP | grep -q '^10\.244\.0\.'"
check "pod answers on its IP from the (namespaced) host" sh -c "ip netns exec $HOSTNS wget -qO- http://$IP:8080/index.html | grep -q hello-from-writer"
wait_for "containers talk over 127.0.0.1 and share the emptyDir" 20 sh -c "ip netns exec $HOSTNS wget -qO- http://$IP:8080/seen | grep -q hello-from-writer"
check "hostPort reachable on the node address" sh -c "ip netns exec $HOSTNS wget -qO- http://192.0.2.10:18080/index.html | grep -q hello-from-writer"

START=$(kc get pod duo -o jsonpath='{.status.containerStatuses[?(@.name=="web")].state.running.startedAt}')
echo "== kill -9 of the node agent, then restart"
kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
rm -f "$DATA/kubeconfig"
launch_server
wait_for "restarted node is Ready again" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get node $NODE -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
sleep 2
check_eq "containers kept running (same start time)" "$START" "$(kc get pod duo -o jsonpath='{.status.containerStatuses[?(@.name=="web")].state.running.startedAt}')"
check_eq "no restart counted" "0 0" "$(kc get pod duo -o jsonpath='{.status.containerStatuses[*].restartCount}')"
check "the pod still answers after the restart" sh -c "ip netns exec $HOSTNS wget -qO- http://$IP:8080/index.html | grep -q hello-from-writer"

wait_for "init containers ran in order, then main Succeeded" 60 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod envy -o jsonpath='{.status.phase}' | grep -qx Succeeded"
MSG=$(kc get pod envy -o jsonpath='{.status.containerStatuses[0].state.terminated.message}')
check_eq "env from ConfigMap and downward API, init order, hostname" "blue envy default first,second, envy" "$MSG"
check_eq "terminated reason" "Completed" "$(kc get pod envy -o jsonpath='{.status.containerStatuses[0].state.terminated.reason}')"

cat > "$WORK/probes.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: sick}
spec:
  nodeName: $NODE
  containers:
  - name: app
    image: busybox
    command: [sh, -c, "touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 3600"]
    livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 1, failureThreshold: 2}
---
apiVersion: v1
kind: Pod
metadata: {name: crashy}
spec:
  nodeName: $NODE
  containers:
  - {name: app, image: busybox, command: [sh, -c, "exit 3"]}
---
apiVersion: v1
kind: Pod
metadata: {name: hog}
spec:
  nodeName: $NODE
  restartPolicy: Never
  containers:
  - name: app
    image: busybox
    command: [sh, -c, "x=a; while true; do x=\$x\$x; done"]
    resources: {limits: {memory: 32Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: missing}
spec:
  nodeName: $NODE
  containers:
  - {name: app, image: example.com/not-here:1.0}
YAML
check "kubectl create probe, crash, oom and bad-image pods" kc create -f "$WORK/probes.yaml"
wait_for "failing liveness probe restarts the container" 60 sh -c "[ \$(ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod sick -o jsonpath='{.status.containerStatuses[0].restartCount}') -ge 1 ]"
wait_for "exit 3 goes into CrashLoopBackOff" 60 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod crashy -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}' | grep -qx CrashLoopBackOff"
check_eq "last exit code kept" "3" "$(kc get pod crashy -o jsonpath='{.status.containerStatuses[0].lastState.terminated.exitCode}')"
wait_for "memory hog is OOMKilled" 60 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod hog -o jsonpath='{.status.containerStatuses[0].state.terminated.reason}' | grep -qx OOMKilled"
wait_for "unknown image waits with ErrImagePull" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod missing -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}' | grep -qx ErrImagePull"
check "events were posted" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get events -o jsonpath='{.items[*].reason}' | grep -q Started"

echo "== static pods"
cat > "$WORK/manifests/static-web.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: static-web}
spec:
  containers: [{name: web, image: busybox, command: [sh, -c, "echo v1 > /tmp/v; httpd -f -p 8081 -h /tmp"]}]
YAML
wait_for "static pod runs, shown by a Running mirror pod" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod static-web-$NODE -o jsonpath='{.status.phase}' | grep -qx Running"
check "mirror pod carries the config hash" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod static-web-$NODE -o jsonpath='{.metadata.annotations.kubernetes\.io/config\.mirror}' | grep -q ."
SIP=$(kc get pod static-web-$NODE -o jsonpath='{.status.podIP}')
wait_for "static pod serves v1" 20 sh -c "ip netns exec $HOSTNS wget -qO- http://$SIP:8081/v | grep -qx v1"
sed -i 's/echo v1/echo v2/' "$WORK/manifests/static-web.yaml"
wait_for "edited manifest replaces the pod" 60 sh -c "ip=\$(ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod static-web-$NODE -o jsonpath='{.status.podIP}'); [ -n \"\$ip\" ] && ip netns exec $HOSTNS wget -qO- http://\$ip:8081/v | grep -qx v2"
rm "$WORK/manifests/static-web.yaml"
wait_for "removed manifest stops the pod and its mirror goes" 60 sh -c "! ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod static-web-$NODE >/dev/null 2>&1"

cat > "$WORK/www/pods.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: from-url-a}
spec: {containers: [{name: c, image: busybox, command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: from-url-b}
spec: {containers: [{name: c, image: busybox, command: [sleep, "3600"]}]}
YAML
wait_for "both pods of the manifest URL run (mirrors Running)" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod from-url-a-$NODE from-url-b-$NODE -o jsonpath='{.items[*].status.phase}' | grep -qx 'Running Running'"
rm "$WORK/www/pods.yaml"
wait_for "a manifest gone from the URL stops its pods" 60 sh -c "! ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod from-url-a-$NODE >/dev/null 2>&1"

echo "== hostNetwork"
cat > "$WORK/hostnet.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec:
  nodeName: $NODE
  hostNetwork: true
  containers:
  - name: web
    image: busybox
    command: [sh, -c, "mkdir -p /tmp/w; cat /proc/net/dev > /tmp/w/dev; echo hostnet-ok > /tmp/w/i; httpd -f -p 18181 -h /tmp/w"]
YAML
check "kubectl create a hostNetwork pod" kc create -f "$WORK/hostnet.yaml"
wait_for "hostNetwork pod Running" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod hostnet -o jsonpath='{.status.phase}' | grep -qx Running"
check_eq "hostNetwork pod's IP is the node's" "192.0.2.10" "$(kc get pod hostnet -o jsonpath='{.status.podIP}')"
wait_for "hostNetwork pod listens on the node's own address" 20 sh -c "ip netns exec $HOSTNS wget -qO- http://192.0.2.10:18181/i | grep -qx hostnet-ok"
check "hostNetwork pod sees the node's interfaces (the CNI bridge)" sh -c "ip netns exec $HOSTNS wget -qO- http://127.0.0.1:18181/dev | grep -q 'cni0:'"

UIDS=$(kc get pods -o jsonpath='{.items[*].metadata.uid}')
check "kubectl delete waits for the node to finish" timeout 90 ip netns exec "$HOSTNS" kubectl --kubeconfig "$DATA/kubeconfig" delete pods --all --timeout=80s
check_eq "no pods left" "" "$(kc get pods -o name)"
left=""
for u in $UIDS; do
  for ctrl in /sys/fs/cgroup/*/; do find "$ctrl${CGROOT#/}" -maxdepth 3 -name "pod$u" 2>/dev/null | grep -q . && left="$left cgroup:$u"; done
  grep -q "$u" "/proc/$SERVER_PID/mounts" && left="$left mount:$u"
done
check_eq "no pod cgroup or mount left" "" "$left"
check_eq "no pod veth left in the host namespace" "0" "$(ip -n "$HOSTNS" -o link show type veth | grep -v ' eth0' | wc -l)"
check_eq "no runtime state left" "0" "$(ls "$RTROOT" 2>/dev/null | grep -vc '^\.')"
finish
