#!/usr/bin/env bash
# Container start speed: `skiff runtime run` vs `runc run` vs `crun run` on one busybox bundle
# (config from `skiff runtime spec`, seccomp included, /bin/true), plus the in-process
# create-start-wait-delete cycle through the SkiffRuntime library. Prints medians, ratios
# and peak RSS. Needs root, hyperfine, runc, crun. RUNS=N changes the run count (default 40).
#
# crun refuses hybrid cgroup hosts (v1 controllers plus a cgroup2 mount): everything runs in a
# private mount namespace where an empty file hides /sys/fs/cgroup/unified/cgroup.controllers.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-40}
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH

[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
for t in hyperfine runc crun python3 /usr/bin/time; do
  command -v $t >/dev/null || { echo "bench: $t missing (hack/install-deps.sh)" >&2; exit 1; }
done
bash hack/mkrootfs.sh >/dev/null

if [ -n "${SKIFF:-}" ]; then skiff=$SKIFF; else
  echo "== building release (static stdlib)"
  swift build -c release --static-swift-stdlib --product skiff 2>&1 | tail -n 1
  skiff=$(swift build -c release --static-swift-stdlib --show-bin-path)/skiff
fi

work=$(mktemp -d /tmp/skiff-bench.XXXXXX)
# skiff's containers live under /skiff/<id> in each hierarchy; delete removes <id>, and the
# parents this run created go at the end (rmdir removes only empty ones).
parents_before=" $(echo /sys/fs/cgroup/*/skiff) "
cleanup() {
  for rt in runc crun; do $rt --root "$work/$rt-state" delete -f bench >/dev/null 2>&1 || true; done
  "$skiff" runtime --root "$work/skiff-state" delete --force bench >/dev/null 2>&1 || true
  for d in /sys/fs/cgroup/*/skiff; do
    case "$parents_before" in *" $d "*) ;; *) rmdir "$d" 2>/dev/null || true ;; esac
  done
  rm -rf "$work"
}
trap cleanup EXIT

bundle=$work/bundle
mkdir -p "$bundle"
"$skiff" runtime spec -b "$bundle"
python3 - "$bundle/config.json" "$top/rootfs/busybox" <<'PY'
import json, sys
path, rootfs = sys.argv[1], sys.argv[2]
c = json.load(open(path))
c["process"]["args"] = ["/bin/true"]
c["root"] = {"path": rootfs, "readonly": True}
json.dump(c, open(path, "w"), indent=1)
PY

netns=skiff-bench-$$
mkdir -p "$work/podbundle"
python3 - "$bundle/config.json" "$work/podbundle/config.json" "$netns" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
for ns in c["linux"]["namespaces"]:
    if ns["type"] == "network":
        ns["path"] = "/run/netns/" + sys.argv[3]
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY

s="$skiff runtime --root $work/skiff-state run bench"
r="runc --root $work/runc-state run bench"
c="crun --root $work/crun-state run bench"
cat > "$work/inner.sh" <<INNER
set -euo pipefail
if [ -e /sys/fs/cgroup/unified/cgroup.controllers ]; then
  : > "$work/empty"; mount --bind "$work/empty" /sys/fs/cgroup/unified/cgroup.controllers
fi
cd "$bundle"
hyperfine -N --warmup 3 --runs $runs --export-json "$work/hf.json" -n skiff "$s" -n runc "$r" -n crun "$c" >"$work/hf.txt"
for cmd in "$s" "$r" "$c"; do
  # GNU time: the runtime's own peak (children included); a fork of a large interpreter would
  # report the interpreter's RSS instead.
  /usr/bin/time -f %M -o "$work/rss.one" \$cmd >/dev/null 2>&1
  tail -n 1 "$work/rss.one" >> "$work/rss.txt"
done
"$skiff" runtime --root "$work/skiff-state" bench-cycle -b "$bundle" -n 50 > "$work/cycle.txt"
# As the kubelet runs containers: joining the pod's (pause's) network namespace.
trap "ip netns del $netns 2>/dev/null || true" EXIT
ip netns add $netns
"$skiff" runtime --root "$work/skiff-state" bench-cycle -b "$work/podbundle" -n 50 > "$work/cycle-pod.txt"
INNER
echo "== running ($runs runs each) in a private mount namespace"
unshare -m --propagation private bash "$work/inner.sh"

python3 - "$work/hf.json" "$work/rss.txt" "$work/cycle.txt" "$work/cycle-pod.txt" <<'PY'
import json, sys
hf = json.load(open(sys.argv[1]))["results"]
rss = [int(x) for x in open(sys.argv[2]).read().split()]
med = {r["command"]: r["median"] * 1000 for r in hf}
print(f"{'runtime':8} {'median ms':>10} {'mean ms':>9} {'min ms':>8} {'peak RSS KiB':>13}")
for i, r in enumerate(hf):
    print(f"{r['command']:8} {r['median']*1000:10.2f} {r['mean']*1000:9.2f} {r['min']*1000:8.2f} {rss[i]:13d}")
print(f"ratio skiff/crun: {med['skiff']/med['crun']:.2f}   skiff/runc: {med['skiff']/med['runc']:.2f}")
print("in-process cycle (create-start-wait-delete):", open(sys.argv[3]).read().strip())
try:
    print("in-process cycle joining a pod netns:       ", open(sys.argv[4]).read().strip())
except OSError:
    pass
PY
