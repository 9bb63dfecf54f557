#!/usr/bin/env bash
# End-to-end: the official Kubernetes Python client (PyPI `kubernetes`) against
# `skiff apiserver` on loopback: CRUD, conflicts, validation, subresources, watch and 410.
if [ -z "${SKIFF_E2E_TIMED:-}" ]; then
  SKIFF_E2E_TIMED=1 exec timeout --kill-after=10 180 bash "$0" "$@"
fi
source "$(dirname "$0")/apiserver-lib.sh"
python3 -c 'import kubernetes' 2>/dev/null || { echo "apiserver-python: the kubernetes Python package is missing (hack/install-deps.sh installs it)"; exit 1; }
D=$WORK/data
mkdir -p "$D"
echo "== apiserver-python: starting skiff apiserver (store: ${SKIFF_E2E_STORE:-sqlite})"
start_server "$D" --store "${SKIFF_E2E_STORE:-sqlite}" ${SKIFF_E2E_STORE_ARGS:-}
python3 "$(dirname "$0")/python_client.py" "$D/kubeconfig"
