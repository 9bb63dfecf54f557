#!/usr/bin/env bash
# End-to-end: the node's HTTP face. `skiff server` in a private host namespace; real pods burn
# CPU, fill memory, send traffic, write volumes and logs; the kubelet's /stats/summary,
# /metrics/cadvisor, /metrics/resource, /spec and /pods are read on its ports inside the
# namespace, and `kubectl logs` (follow across a rotation, --previous, --tail) goes through the
# API server's proxy to the node.
source "$(dirname "$0")/lib-node.sh"
CHECK="python3 $(dirname "$0")/stats_check.py"
echo "== stats e2e (node $NODE, host namespace $HOSTNS)"
start_node --housekeeping-interval 2 --container-log-max-size 32Ki --container-log-max-files 3
RO=http://127.0.0.1:10255
MAIN=http://192.0.2.10:10250
get() { nsx curl -sS --max-time 20 "$@"; }

check_eq "node advertises the kubelet's main port" "10250" "$(kc get node "$NODE" -o jsonpath='{.status.daemonEndpoints.kubeletEndpoint.Port}')"
check_eq "healthz on the read-only port" "ok" "$(get $RO/healthz)"
check_eq "healthz on the main port" "ok" "$(get $MAIN/healthz)"

cat > "$WORK/pods.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: burn}
spec:
  nodeName: $NODE
  containers: [{name: burn, image: busybox, command: [sh, -c, "while :; do :; done"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: mem}
spec:
  nodeName: $NODE
  volumes: [{name: cache, emptyDir: {medium: Memory}}]
  containers:
  - name: fill
    image: busybox
    command: [sh, -c, "dd if=/dev/zero of=/cache/fill bs=1M count=50 2>/dev/null; echo filled; sleep 3600"]
    volumeMounts: [{name: cache, mountPath: /cache}]
---
apiVersion: v1
kind: Pod
metadata: {name: net}
spec:
  nodeName: $NODE
  containers:
  - {name: web, image: busybox, command: [sh, -c, "mkdir /www; head -c 2097152 /dev/zero > /www/big; httpd -f -p 8080 -h /www"]}
---
apiVersion: v1
kind: Pod
metadata: {name: vol}
spec:
  nodeName: $NODE
  volumes: [{name: data, emptyDir: {}}]
  containers:
  - name: writer
    image: busybox
    command: [sh, -c, "head -c 3145728 /dev/urandom > /data/blob; echo written; sleep 3600"]
    volumeMounts: [{name: data, mountPath: /data}]
---
apiVersion: v1
kind: Pod
metadata: {name: chatty}
spec:
  nodeName: $NODE
  containers:
  - {name: talk, image: busybox, command: [sh, -c, "i=0; while :; do echo \"line \$i padding-padding-padding-padding-padding\"; i=\$((i+1)); [ \$((i % 20)) = 0 ] && sleep 0.05; done"]}
  - {name: quiet, image: busybox, command: [sh, -c, "echo from-quiet; sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: again}
spec:
  nodeName: $NODE
  containers: [{name: app, image: busybox, command: [sh, -c, "echo run-\$(cat /proc/sys/kernel/random/uuid); sleep 1; exit 3"]}]
YAML
check "kubectl create the pods" kc create -f "$WORK/pods.yaml"
for p in burn mem net vol chatty; do
  wait_for "pod $p Running" 90 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod $p -o jsonpath='{.status.phase}' | grep -qx Running"
done

echo "== /pods, /spec"
check "/pods lists the node's pods" sh -c "ip netns exec $HOSTNS curl -sS $RO/pods | $CHECK pod-names | grep -q 'burn chatty mem net vol'"
SPEC=$(get $RO/spec/)
check_eq "machine num_cores matches /proc" "$(grep -c ^processor /proc/cpuinfo)" "$(echo "$SPEC" | $CHECK field num_cores)"
check_eq "machine memory_capacity matches /proc/meminfo" "$(( $(awk '/^MemTotal:/{print $2}' /proc/meminfo) * 1024 ))" "$(echo "$SPEC" | $CHECK field memory_capacity)"
check_eq "machine boot_id matches /proc" "$(cat /proc/sys/kernel/random/boot_id)" "$(echo "$SPEC" | $CHECK field boot_id)"
check_eq "/api/v1.3/machine is the same document" "$(echo "$SPEC" | $CHECK field num_physical_cores)" "$(get $RO/api/v1.3/machine | $CHECK field num_physical_cores)"

echo "== /stats/summary"
summary() { get $RO/stats/summary; }
pod_field() { summary | $CHECK pod-field "$1" "$2"; }
# What the burner really gets (a loaded host shares its cores): its pod cgroup's own counter
# read twice by the test, against the collector's rate.
BURN_UID=$(kc get pod burn -o jsonpath='{.metadata.uid}')
BURN_CG=$(ls -d /sys/fs/cgroup/cpuacct/"${CGROOT#/}"/*/pod"$BURN_UID" /sys/fs/cgroup/cpuacct/"${CGROOT#/}"/pod"$BURN_UID" 2>/dev/null | head -1)
cg_usage() { if [ -n "$BURN_CG" ]; then cat "$BURN_CG/cpuacct.usage"; else awk '/^usage_usec/{print $2 * 1000}' /sys/fs/cgroup/"${CGROOT#/}"/*/pod"$BURN_UID"/cpu.stat; fi; }
sleep 4
U0=$(cg_usage); T0=$(date +%s.%N); sleep 6; U1=$(cg_usage); T1=$(date +%s.%N)
REAL=$(python3 -c "print(int(($U1 - $U0) / ($T1 - $T0)))")
REPORTED=$(pod_field burn cpu.usageNanoCores)
echo "       burn: cgroup counter says $REAL nanocores, /stats/summary says $REPORTED (container: $(pod_field burn 'containers.[burn].cpu.usageNanoCores'))"
check "burning pod's usageNanoCores is the CPU it really gets (within 2x; about a core on an idle host)" python3 -c "import sys; r, u = $REAL, $REPORTED; sys.exit(0 if r > 1e8 and r / 2 <= u <= r * 2 else 1)"
wait_for "50 MiB in a memory emptyDir shows in the pod's working set" 60 sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field mem memory.workingSetBytes) -ge 52428800 ]"
wait_for "... and in its container's working set" 30 sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field mem 'containers.[fill].memory.workingSetBytes') -ge 52428800 ]"
NETIP=$(kc get pod net -o jsonpath='{.status.podIP}')
for _ in 1 2 3; do nsx wget -qO /dev/null "http://$NETIP:8080/big"; done
wait_for "the serving pod's tx bytes count the 6 MiB it sent" 30 sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field net network.txBytes) -ge 6291456 ]"
check "... and rx bytes the requests" sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field net 'network.interfaces.[eth0].rxBytes') -gt 0 ]"
wait_for "a 3 MiB file shows in the emptyDir's used bytes" 30 sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field vol 'volume.[data].usedBytes') -ge 3145728 ]"
check "... and in the pod's ephemeral storage" sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field vol ephemeral-storage.usedBytes) -ge 3145728 ]"
check "process count of a pod" sh -c "[ \$(ip netns exec $HOSTNS curl -sS $RO/stats/summary | $CHECK pod-field vol process_stats.process_count) -ge 1 ]"
check "node totals: cpu, memory, rlimit" sh -c "S=\$(ip netns exec $HOSTNS curl -sS $RO/stats/summary); [ \$(echo \"\$S\" | $CHECK node-field memory.workingSetBytes) -gt 0 ] && [ \$(echo \"\$S\" | $CHECK node-field rlimit.maxpid) = \$(cat /proc/sys/kernel/pid_max) ] && [ \$(echo \"\$S\" | $CHECK node-field fs.capacityBytes) -gt 0 ]"

echo "== Prometheus endpoints"
check "/metrics/cadvisor parses with prometheus_client" sh -c "ip netns exec $HOSTNS curl -sS $RO/metrics/cadvisor | $CHECK prom container_cpu_usage_seconds_total container_memory_working_set_bytes container_memory_rss container_network_receive_bytes_total container_fs_usage_bytes container_spec_memory_limit_bytes container_start_time_seconds machine_cpu_cores machine_memory_bytes"
check "/metrics/resource parses" sh -c "ip netns exec $HOSTNS curl -sS $RO/metrics/resource | $CHECK prom node_cpu_usage_seconds_total node_memory_working_set_bytes container_cpu_usage_seconds_total container_memory_working_set_bytes pod_cpu_usage_seconds_total pod_memory_working_set_bytes scrape_error"
check "/metrics parses (the kubelet's own)" sh -c "ip netns exec $HOSTNS curl -sS $RO/metrics | $CHECK prom kubelet_pod_worker_duration_seconds kubelet_pod_start_duration_seconds kubelet_running_pods kubelet_running_containers"
cpu_total() { get $RO/metrics/cadvisor | $CHECK prom-value container_cpu_usage_seconds_total pod=burn container=burn; }
C1=$(cpu_total)
sleep 5
C2=$(cpu_total)
check "container_cpu_usage_seconds_total of the burning container rises ($C1 → $C2)" python3 -c "import sys; sys.exit(0 if float('$C2') > float('$C1') + 0.5 else 1)"

echo "== logs"
check_eq "unknown pod: a clear 404 from the kubelet" "404" "$(nsx curl -s -o /dev/null -w '%{http_code}' --max-time 10 $MAIN/containerLogs/default/nope/app)"
check_eq "unknown container: a clear 404" "404" "$(nsx curl -s -o /dev/null -w '%{http_code}' --max-time 10 $MAIN/containerLogs/default/burn/nope)"
check_eq "logs are not on the read-only port" "403" "$(nsx curl -s -o /dev/null -w '%{http_code}' --max-time 10 $RO/containerLogs/default/burn/burn)"
check_eq "kubectl logs (through the API server's proxy)" "filled" "$(kc logs mem)"
check_eq "kubectl logs -c" "from-quiet" "$(kc logs chatty -c quiet)"
check_eq "kubectl logs --tail 3" "3" "$(kc logs chatty -c talk --tail 3 | wc -l)"
check "kubectl logs --timestamps" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig logs mem --timestamps | grep -Eq '^20[0-9-]+T[0-9:.]+Z filled$'"
check "kubectl logs --since" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig logs chatty -c talk --since=2s | head -1 | grep -q '^line '"
check "a multi-container pod needs -c" sh -c "! ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig logs chatty -c nope 2>&1 | grep -q '^line'"
timeout 25 ip netns exec "$HOSTNS" kubectl --kubeconfig "$DATA/kubeconfig" logs -f chatty -c talk > "$WORK/follow.txt" 2>&1
LOGD=$(ls -d "$WORK"/logs/default_chatty_*/talk)
check "the log rotated by size (rotated files present: $(ls "$LOGD" | tr '\n' ' '))" sh -c "ls '$LOGD' | grep -q '^0\.log\.'"
check "at most 3 files kept per container" sh -c "[ \$(ls '$LOGD' | wc -l) -le 3 ]"
check "logs -f followed across rotations without a gap or repeat ($(wc -l < "$WORK/follow.txt") lines)" python3 - "$WORK/follow.txt" <<'PY'
import sys
nums = [int(l.split()[1]) for l in open(sys.argv[1]) if l.startswith("line ")]
assert len(nums) > 500, f"only {len(nums)} lines"
bad = [(a, b) for a, b in zip(nums, nums[1:]) if b != a + 1]
assert not bad, f"gaps: {bad[:5]}"
PY
wait_for "restarting pod restarted" 60 sh -c "[ \$(ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod again -o jsonpath='{.status.containerStatuses[0].restartCount}') -ge 1 ]"
check "kubectl logs --previous shows the earlier run" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig logs again --previous | grep -q '^run-'"
check "a pod with no previous run: a clear error" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig logs mem --previous 2>&1 | grep -q 'previous terminated container'"

echo "== exec (websocket v5.channel.k8s.io through the API server)"
check_eq "kubectl exec prints the command's output" "hello" "$(kc exec mem -- echo hello)"
check_eq "kubectl exec: stderr comes back" "oops" "$(kc exec mem -- sh -c 'echo oops >&2' 2>&1)"
OUT=$(kc exec mem -- sh -c 'exit 7' 2>&1); RC=$?
check_eq "kubectl exec passes a non-zero exit code through" "7" "$RC"
check_eq "... and says so" "command terminated with exit code 7" "$OUT"
check_eq "kubectl exec -i with stdin" "abc-xyz" "$(printf 'abc-xyz' | kc exec -i mem -- cat)"
check_eq "kubectl exec -i: a larger stdin arrives whole" "1048576" "$(head -c 1048576 /dev/zero | kc exec -i mem -- wc -c | tr -d ' ')"
CMDLINE=$(kc exec chatty -c quiet -- cat /proc/1/cmdline | tr '\0' ' ')
check "kubectl exec -c in a multi-container pod (its init: $CMDLINE; the other's is a shell loop)" grep -q '^sleep 3600' <<< "$CMDLINE"
# -it needs a terminal on kubectl's side too: script(1) gives it one, sized 30x90.
# kubectl may send a NUL that the terminal echoes as "^@" ahead of a line; it is not part of the output.
TTYOUT=$(timeout 30 script -qec "stty rows 30 cols 90; ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig exec -it mem -- sh -c 'tty; stty size; exit 3'" /dev/null 2>&1 | tr -d '\r\000')
check "kubectl exec -it: the process runs on the container's /dev/pts terminal" grep -q '/dev/pts/[0-9]' <<< "$TTYOUT"
check "kubectl exec -it: the terminal has kubectl's window size (resize stream)" grep -q '30 90$' <<< "$TTYOUT"
check "kubectl exec -it: exit code passes through" grep -q 'exit code 3' <<< "$TTYOUT"
sed 's/^/       exec -it said: /' <<< "$TTYOUT"
check "kubectl exec in an unknown pod fails clearly" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig exec nope -- true 2>&1 | grep -q 'not found'"

echo "== kubectl top (the Metrics API from the kubelets' summaries)"
wait_for "kubectl top node" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig top node --no-headers | grep -q '^$NODE '"
wait_for "kubectl top pod: the burning pod uses over 100m (a loaded host shares its cores)" 30 sh -c "[ \$(ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig top pod burn --no-headers | awk '{print \$2}' | tr -d m) -gt 100 ]"
check "kubectl top pod lists the pods with memory" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig top pod --no-headers | grep -Eq '^mem +[0-9]+m +[0-9]+Mi'"
check "kubectl top pod --containers" sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig top pod chatty --containers --no-headers | grep -q quiet"

finish
