#!/usr/bin/env bash
# Runs Skiff's whole test suite: installs dependencies, builds once, builds the image trees,
# runs `swift test` (unit and privileged tests) and the end-to-end suites in hack/e2e/.
# Privileged tests need root; where not root they skip with a message (never in CI).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export PATH=/opt/swift/usr/bin:$PATH
start=$(date +%s)
step() { echo "== test.sh [$(( $(date +%s) - start ))s] $*"; }

step "dependencies"
bash hack/install-deps.sh
step "image trees"
bash hack/mkrootfs.sh
if [ "$(id -u)" = 0 ]; then export SKIFF_PRIVILEGED_TESTS=1; else
  echo "test.sh: not root: privileged tests (namespaces, cgroups, mounts, iptables) will be skipped"
  [ "${CI:-}" = true ] && { echo "test.sh: CI must run as root" >&2; exit 1; }
fi
step "build"
swift build --build-tests 2>&1 | tail -n 30
step "swift test"
swift test --skip-build 2>&1 | grep -vE '(◇ Test .* started|^Test Case .* started)'
if [ -d hack/e2e ]; then
  for t in hack/e2e/*.sh; do
    [ -e "$t" ] || continue
    step "e2e $(basename "$t")"
    bash "$t"
  done
fi
step "all passed"
