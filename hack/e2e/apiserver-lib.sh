#!/usr/bin/env bash
# Shared helpers for the apiserver end-to-end scripts: start `skiff apiserver` on 127.0.0.1
# with a free port (listen on :0, port read from the kubeconfig it writes) and a temp data dir,
# stop it by pid and remove the dir on exit, and `check`/`fail` that print what they verify.
set -uo pipefail
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then echo "apiserver-lib.sh: helpers sourced by the apiserver e2e scripts; nothing to run"; exit 0; fi
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SKIFF=${SKIFF:-$top/.build/debug/skiff}
[ -x "$SKIFF" ] || { echo "e2e: $SKIFF not built (run swift build first)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/skiff-e2e.XXXXXX)
SERVER_PID=""
FAILED=0
PASSED=0

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# start_server DATA_DIR [extra args...]: starts the server, waits until it answers /readyz.
start_server() {
  local dir=$1; shift
  rm -f "$dir/kubeconfig"
  "$SKIFF" "${SKIFF_E2E_CMD:-apiserver}" --data-dir "$dir" --listen 127.0.0.1:0 "$@" >>"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    if [ -f "$dir/kubeconfig" ]; then
      SERVER=$(awk '/server:/ {print $2; exit}' "$dir/kubeconfig")
      if curl -fsS --max-time 2 "$SERVER/readyz" >/dev/null 2>&1; then
        export KUBECONFIG="$dir/kubeconfig"
        return 0
      fi
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "e2e: server exited:"; cat "$dir/server.log"; exit 1; }
    sleep 0.1
  done
  echo "e2e: server did not become ready"; cat "$dir/server.log"; exit 1
}

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  SERVER_PID=""
}

pass() { PASSED=$((PASSED + 1)); echo "  ok   $*"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $*"; }

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
  local what=$1; shift
  local out
  if out=$("$@" 2>&1); then pass "$what"; else fail "$what"; echo "$out" | sed 's/^/       /' | head -20; fi
}

# check_fails DESCRIPTION PATTERN COMMAND...: the command must fail with output matching PATTERN.
check_fails() {
  local what=$1 pattern=$2; shift 2
  local out
  if out=$("$@" 2>&1); then fail "$what (unexpectedly succeeded)"; echo "$out" | sed 's/^/       /' | head -10; return; fi
  if echo "$out" | grep -qE -- "$pattern"; then pass "$what"; else fail "$what (no /$pattern/)"; echo "$out" | sed 's/^/       /' | head -10; fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: expected [$2], got [$3]"; fi
}

# wait_for DESCRIPTION SECONDS COMMAND...: retries until the command succeeds.
wait_for() {
  local what=$1 secs=$2; shift 2
  local end=$(( $(date +%s) + secs ))
  while [ "$(date +%s)" -lt "$end" ]; do
    if "$@" >/dev/null 2>&1; then pass "$what"; return 0; fi
    sleep 0.2
  done
  fail "$what (not within ${secs}s)"
}

finish() {
  echo "$(basename "$0"): $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# free_port: a currently free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_etcd DIR: a single-member etcd on loopback with its data in DIR; sets ETCD_URL, ETCD_PID.
start_etcd() {
  local dir=$1 cport pport
  cport=$(free_port); pport=$(free_port)
  ETCD_URL="http://127.0.0.1:$cport"
  etcd --name e2e --data-dir "$dir" --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
    --initial-cluster "e2e=http://127.0.0.1:$pport" >"$dir.log" 2>&1 &
  ETCD_PID=$!
  for _ in $(seq 100); do
    curl -fsS --max-time 1 "$ETCD_URL/health" 2>/dev/null | grep -q true && return 0
    sleep 0.1
  done
  echo "e2e: etcd did not start"; cat "$dir.log"; exit 1
}
