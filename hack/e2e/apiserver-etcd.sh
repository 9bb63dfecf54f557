#!/usr/bin/env bash
# End-to-end on the distributed backend: the kubectl and Python suites against
# `skiff apiserver --store etcd` with a real single-member etcd on loopback.
if [ -z "${SKIFF_E2E_TIMED:-}" ]; then
  SKIFF_E2E_TIMED=1 exec timeout --kill-after=10 600 bash "$0" "$@"
fi
source "$(dirname "$0")/apiserver-lib.sh"
command -v etcd >/dev/null || { echo "apiserver-etcd: etcd is missing (hack/install-deps.sh installs etcd-server)"; exit 1; }
ETCD_PID=""
stop_etcd() { [ -n "$ETCD_PID" ] && kill "$ETCD_PID" 2>/dev/null; wait "$ETCD_PID" 2>/dev/null; rm -rf "$WORK"; }
trap stop_etcd EXIT
start_etcd "$WORK/etcd"
echo "== apiserver-etcd: etcd at $ETCD_URL"
rc=0
SKIFF_E2E_STORE=etcd SKIFF_E2E_STORE_ARGS="--etcd-servers $ETCD_URL" SKIFF_E2E_TIMED=1 bash "$(dirname "$0")/apiserver-kubectl.sh" || rc=1
# A fresh key space for the Python suite: a second etcd.
kill "$ETCD_PID"; wait "$ETCD_PID" 2>/dev/null
start_etcd "$WORK/etcd2"
SKIFF_E2E_STORE=etcd SKIFF_E2E_STORE_ARGS="--etcd-servers $ETCD_URL" SKIFF_E2E_TIMED=1 bash "$(dirname "$0")/apiserver-python.sh" || rc=1
exit $rc
