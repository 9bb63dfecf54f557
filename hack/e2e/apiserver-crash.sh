#!/usr/bin/env bash
# Crash safety at the API level: `skiff apiserver` on the embedded SQLite store takes a stream
# of creates from several clients, is killed with SIGKILL in the middle, and restarted on the
# same data dir: every create that was acknowledged (201) must be there, and every stored
# object must read back whole. Also checks that objects and allocations survive a clean restart.
if [ -z "${SKIFF_E2E_TIMED:-}" ]; then
  SKIFF_E2E_TIMED=1 exec timeout --kill-after=10 180 bash "$0" "$@"
fi
source "$(dirname "$0")/apiserver-lib.sh"
K=kubectl
D=$WORK/data
mkdir -p "$D"
echo "== apiserver-crash: starting skiff apiserver on SQLite"
start_server "$D" --store sqlite

echo "== clean restart keeps objects and service allocations"
printf 'apiVersion: v1\nkind: Service\nmetadata: {name: keep}\nspec:\n  type: NodePort\n  ports: [{port: 80}]\n' | $K create -f - >/dev/null
ip=$($K get svc keep -o jsonpath='{.spec.clusterIP}')
np=$($K get svc keep -o jsonpath='{.spec.ports[0].nodePort}')
stop_server
start_server "$D" --store sqlite
check_eq "service survives a restart" "$ip $np" "$($K get svc keep -o jsonpath='{.spec.clusterIP} {.spec.ports[0].nodePort}')"
check_fails "its cluster IP stays allocated" "provided IP is already allocated" \
  bash -c "printf 'apiVersion: v1\nkind: Service\nmetadata: {name: again}\nspec:\n  clusterIP: $ip\n  ports: [{port: 80}]\n' | $K create -f -"

echo "== kill -9 during a stream of creates"
writer() { # id: creates configmaps until the server is gone, logging acknowledged names
  local id=$1 i=0 code
  while [ $i -lt 100000 ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -XPOST -H 'Content-Type: application/json' \
      "$SERVER/api/v1/namespaces/default/configmaps" \
      -d "{\"metadata\":{\"name\":\"w$id-$i\"},\"data\":{\"payload\":\"$(printf '%0128d' $i)\"}}") || true
    case "$code" in
      201) echo "w$id-$i" >>"$WORK/acked.$id" ;;
      000) return 0 ;;   # connection refused: the server is gone
    esac
    i=$((i + 1))
  done
}
pids=()
for w in 1 2 3 4; do writer $w & pids+=($!); done
sleep 3
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
for p in "${pids[@]}"; do wait "$p"; done
cat "$WORK"/acked.* | sort >"$WORK/acked"
acked=$(wc -l <"$WORK/acked")
check "some creates were acknowledged before the kill ($acked)" test "$acked" -gt 10

start_server "$D" --store sqlite
$K get configmaps -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | grep '^w' | sort >"$WORK/stored"
missing=$(comm -23 "$WORK/acked" "$WORK/stored" | wc -l)
check_eq "every acknowledged create is there after restart" "0" "$missing"
check "every stored object reads back whole" bash -c "$K get configmaps -o json | jq -e '[.items[] | select(.metadata.name | startswith(\"w\")) | select((.data.payload | length) != 128)] | length == 0'"
check "the server accepts writes after recovery" bash -c "printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n' | $K create -f -"

echo "== skiff server (all-in-one) on the same data dir"
stop_server
SKIFF_E2E_CMD=server start_server "$D" --disable-agent
check "skiff server serves the embedded store's objects" $K get configmap after
check_eq "skiff server answers minor 32" "32" "$($K version -o json | jq -r .serverVersion.minor)"
check "skiff server stops on SIGTERM" bash -c "kill $SERVER_PID; for i in \$(seq 100); do kill -0 $SERVER_PID 2>/dev/null || exit 0; sleep 0.1; done; exit 1"
SERVER_PID=""
finish
