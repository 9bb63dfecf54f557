#!/usr/bin/env bash
# Container start speed: `skiff runtime run` against `runc run` and `crun run` on the same
# busybox bundle (the config from `skiff runtime spec`, seccomp included, process /bin/true),
# in the same run, so the ratios hold on a busy machine. Prints medians, ratios and peak RSS,
# then times the library's create-start-wait-delete cycle in one process.
#
#   bash hack/bench/runtime.sh            # RUNS=30 by default, CYCLES=50
#   RUNS=100 bash hack/bench/runtime.sh
#   SKIFF_BENCH_SCRATCH=/tmp/b bash hack/bench/runtime.sh   # build in another directory
#
# crun refuses hybrid cgroup hosts (v1 controllers plus an empty cgroup2 at
# /sys/fs/cgroup/unified), so all three runtimes run inside a private mount namespace where an
# empty file covers /sys/fs/cgroup/unified/cgroup.controllers. That cover exists only for the
# benchmark, in its own namespace; the host is left as it was.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-30}
cycles=${CYCLES:-50}
scratch=${SKIFF_BENCH_SCRATCH:-$top/.build}
[ "$(id -u)" = 0 ] || { echo "bench/runtime: needs root (namespaces, mounts, cgroups)" >&2; exit 1; }
for tool in hyperfine runc crun jq unshare /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/runtime: $tool missing; run hack/install-deps.sh" >&2; exit 1; }
done

cd "$top"
echo "bench/runtime: building skiff (release, static Swift stdlib)" >&2
swift build -c release --static-swift-stdlib --product skiff --scratch-path "$scratch" >&2
skiff="$scratch/release/skiff"
bash hack/mkrootfs.sh >&2

work=$(mktemp -d /tmp/skiff-bench-runtime.XXXXXX)
cleanup() {
  for r in skiff runc crun; do
    "$skiff" runtime --root "$work/state-skiff" delete --force bench >/dev/null 2>&1 || true
    [ "$r" = skiff ] || "$r" --root "$work/state-$r" delete --force bench >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

bundle="$work/bundle"
mkdir -p "$bundle"
"$skiff" runtime spec --bundle "$bundle"
# The image is shared: mount it read-only; /bin/true needs nothing else.
jq --arg root "$top/rootfs/busybox" '.process.args = ["/bin/true"] | .root.path = $root | .root.readonly = true' \
  "$bundle/config.json" > "$bundle/config.json.new"
mv "$bundle/config.json.new" "$bundle/config.json"
touch "$work/empty"

# Everything below runs in the private mount namespace (see the header).
cat > "$work/inner.sh" <<'INNER'
set -euo pipefail
work=$1 skiff=$2 runs=$3 cycles=$4
bundle="$work/bundle"
mount --make-rprivate /
if [ -e /sys/fs/cgroup/unified/cgroup.controllers ]; then
  mount --bind "$work/empty" /sys/fs/cgroup/unified/cgroup.controllers
fi
cmd_skiff="$skiff runtime --root $work/state-skiff run --bundle $bundle bench"
cmd_runc="runc --root $work/state-runc run --bundle $bundle bench"
cmd_crun="crun --root $work/state-crun run --bundle $bundle bench"
# Each must work before it is timed.
for c in "$cmd_skiff" "$cmd_runc" "$cmd_crun"; do
  $c || { echo "bench/runtime: '$c' failed" >&2; exit 1; }
done
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hyperfine.json" \
  -n skiff "$cmd_skiff" -n runc "$cmd_runc" -n crun "$cmd_crun" >&2

# Peak RSS (max over the processes each run waited for), median of 10 runs, in KiB.
peak() {
  local out=() i
  for i in $(seq 10); do out+=("$(/usr/bin/time -f %M $1 2>&1 >/dev/null | tail -1)"); done
  printf '%s\n' "${out[@]}" | sort -n | sed -n 5p
}
echo "rss_kib skiff=$(peak "$cmd_skiff") runc=$(peak "$cmd_runc") crun=$(peak "$cmd_crun")"
"$skiff" runtime --root "$work/state-cycle" bench-cycle --bundle "$bundle" -n "$cycles"
INNER
unshare -m bash "$work/inner.sh" "$work" "$skiff" "$runs" "$cycles" > "$work/inner.out"

median() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median * 1000' "$work/hyperfine.json"; }
s=$(median skiff) r=$(median runc) c=$(median crun)
echo
echo "runtime start (/bin/true, $runs runs each, median ms):"
printf '  skiff %8.2f\n  runc  %8.2f\n  crun  %8.2f\n' "$s" "$r" "$c"
awk -v s="$s" -v r="$r" -v c="$c" \
  'BEGIN { printf "  skiff/crun %.2f   skiff/runc %.2f   (target: skiff/crun <= 1.00)\n", s / c, s / r }'
grep '^rss_kib' "$work/inner.out" | sed 's/^rss_kib/peak RSS KiB (median of 10):/'
echo "in-process create-start-wait-delete (target <= 5 ms):"
grep '^cycles=' "$work/inner.out" | sed 's/^/  /'
