#!/usr/bin/env bash
# Tears down what hack/local-up-cluster.sh made, from its records in SKIFF_CLUSTER_DIR (default
# /tmp/skiff-cluster): pods first (through the API, so each node tears down its containers),
# then the node processes by their recorded pids, then whatever a crash may have left: container
# processes in the nodes' cgroups, runtime shims, cgroups, runtime roots, mounts, the network
# namespaces and the state directory.
set -uo pipefail
DIR=${SKIFF_CLUSTER_DIR:-/tmp/skiff-cluster}
[ "$(id -u)" = 0 ] || { echo "local-down-cluster: needs root" >&2; exit 1; }
[ -f "$DIR/cluster.env" ] || { echo "local-down-cluster: no cluster recorded in $DIR"; exit 0; }
# shellcheck disable=SC1091
source "$DIR/cluster.env"
[[ "${NAME:-}" =~ ^[a-z0-9]{1,8}$ ]] && [[ "${N:-}" =~ ^[0-9]+$ ]] || { echo "local-down-cluster: $DIR/cluster.env is damaged" >&2; exit 1; }
PARENT=skiff-$NAME

# 1. Pods, while the nodes still run.
if [ -f "$DIR/kubeconfig" ] && [ -s "$DIR/pids" ] && ip netns list | grep -qw "$PARENT"; then
  timeout 60 ip netns exec "$PARENT" kubectl --kubeconfig "$DIR/kubeconfig" delete pods --all --all-namespaces \
    --wait=true --timeout=50s >/dev/null 2>&1 || true
fi

# 2. The node processes, agents before the server (the list is in start order), by pid.
if [ -f "$DIR/pids" ]; then
  tac "$DIR/pids" | while read -r pid _; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for _ in $(seq 150); do
    alive=0
    while read -r pid _; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$DIR/pids"
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  while read -r pid _; do kill -9 "$pid" 2>/dev/null || true; done < "$DIR/pids"
fi

# 3. Leftovers of a crash: container processes by their cgroups, shims by their state files.
for i in $(seq 0 $((N - 1))); do
  root=/skiff-$NAME-node$i
  for ctrl in /sys/fs/cgroup/*/ /sys/fs/cgroup/; do
    d="$ctrl${root#/}"
    [ -d "$d" ] || continue
    find "$d" -name cgroup.procs 2>/dev/null | while read -r f; do
      while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done < "$f"
    done
  done
  rt=/run/skiff/$NAME-node$i
  for rec in "$rt"/*/state.json; do
    [ -f "$rec" ] || continue
    for key in pid shimPid; do
      p=$(sed -n "s/.*\"$key\" *: *\([0-9]*\).*/\1/p" "$rec" | head -1)
      [ -n "$p" ] && [ "$p" -gt 1 ] && kill -9 "$p" 2>/dev/null || true
    done
  done
done
sleep 0.3
for i in $(seq 0 $((N - 1))); do
  root=/skiff-$NAME-node$i
  for ctrl in /sys/fs/cgroup/*/ /sys/fs/cgroup/; do
    d="$ctrl${root#/}"
    [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  rm -rf "/run/skiff/$NAME-node$i"
done

# 4. Mounts under the state directory (volumes of pods a crash left), then the namespaces.
grep -F " $DIR/" /proc/self/mounts | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
for i in $(seq 0 $((N - 1))); do ip netns del "skiff-$NAME-n$i" 2>/dev/null || true; done
ip netns del "$PARENT" 2>/dev/null || true
rm -rf "$DIR"
echo "local-down-cluster: removed cluster $NAME ($N node(s)) and $DIR"
