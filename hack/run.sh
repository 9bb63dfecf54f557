#!/usr/bin/env bash
# The main job: installs what Skiff needs, builds it (release) and runs it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
bash hack/install-deps.sh
bash hack/mkrootfs.sh
swift build -c release --static-swift-stdlib
exec "$top/.build/release/skiff" "$@"
