#!/usr/bin/env bash
# The main job: installs what Skiff needs, builds it (release) and runs `skiff server` (API
# server on the embedded SQLite store + this node's kubelet) with its data in /var/lib/skiff.
# Extra arguments replace the default command, e.g. `bash hack/run.sh runtime --help`.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
bash hack/install-deps.sh
bash hack/mkrootfs.sh
echo "run.sh: building skiff (release)"
swift build -c release --static-swift-stdlib --product skiff 2>&1 | tail -n 5
if [ $# -eq 0 ]; then
  set -- server --data-dir /var/lib/skiff/server --image-dir "$top/rootfs"
  echo "run.sh: starting skiff server; kubectl --kubeconfig /var/lib/skiff/server/kubeconfig get nodes"
fi
exec "$top/.build/release/skiff" "$@"
