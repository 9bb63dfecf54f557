#!/usr/bin/env bash
# End-to-end: the cluster DNS inside `skiff server`, in a private host namespace. The server
# creates kube-system/kube-dns at 10.96.0.10; pods get `nameserver 10.96.0.10` and the search
# path; busybox's nslookup in a pod resolves services by short and full name, a headless
# service gives its endpoint addresses; dig from the node's namespace checks SRV, PTR, NXDOMAIN
# versus NODATA, forwarding to an upstream (a standalone `skiff dns`), REFUSED outside both
# zones, TCP, and that changes show up.
source "$(dirname "$0")/lib-node.sh"
command -v dig >/dev/null || { echo "dns e2e: dig missing (hack/install-deps.sh installs dnsutils)"; exit 1; }
echo "== dns e2e (node $NODE, host namespace $HOSTNS)"
# The server forwards other names to a standalone `skiff dns` (started below) serving the same
# API under another domain: that tests `skiff dns` and forwarding in one go.
start_node --dns-upstream 127.0.0.1:5353
ip netns exec "$HOSTNS" "$SKIFF" dns --kubeconfig "$DATA/kubeconfig" --listen 127.0.0.1:5353 --cluster-domain upstream.test >>"$WORK/dns.log" 2>&1 &
EXTRA_PIDS="$EXTRA_PIDS $!"
DNSIP=10.96.0.10
digq() { nsx dig @"$DNSIP" +time=2 +tries=2 "$@"; }

wait_for "node registers Ready" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get node $NODE -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
wait_for "kube-system/kube-dns has cluster IP $DNSIP" 30 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig -n kube-system get svc kube-dns -o jsonpath='{.spec.clusterIP}' | grep -qx $DNSIP"
check_eq "kube-dns endpoints point at the node" "192.0.2.10 53 53" \
  "$(kc -n kube-system get endpoints kube-dns -o jsonpath='{.subsets[0].addresses[0].ip} {.subsets[0].ports[*].port}')"
wait_for "DNS answers on the service IP" 30 sh -c "ip netns exec $HOSTNS dig @$DNSIP +short +time=1 +tries=1 kube-dns.kube-system.svc.cluster.local | grep -qx $DNSIP"

cat > "$WORK/objects.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: kube-public}
spec:
  clusterIP: None
  ports: [{name: pg, port: 5432}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: db, namespace: kube-public}
subsets:
- addresses: [{ip: 10.244.0.201, hostname: db-0}, {ip: 10.244.0.202}]
  notReadyAddresses: [{ip: 10.244.0.203}]
  ports: [{name: pg, port: 5432, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: www.example.org}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cgi}
data:
  # CGI scripts: the test asks through the pod's own resolver by fetching /cgi-bin/ns?NAME.
  ns: |
    #!/bin/sh
    echo Content-Type: text/plain
    echo
    nslookup "\$QUERY_STRING" 2>&1
  resolv: |
    #!/bin/sh
    echo Content-Type: text/plain
    echo
    cat /etc/resolv.conf
---
apiVersion: v1
kind: Pod
metadata: {name: asker}
spec:
  nodeName: $NODE
  volumes: [{name: cgi, configMap: {name: cgi, defaultMode: 0755}}]
  containers:
  - name: main
    image: busybox
    command: [httpd, -f, -p, "8080", -h, /www]
    volumeMounts: [{name: cgi, mountPath: /www/cgi-bin}]
YAML
check "kubectl create services, endpoints and a pod" kc create -f "$WORK/objects.yaml"
WEBIP=$(kc get svc web -o jsonpath='{.spec.clusterIP}')
wait_for "asker pod Running" 60 sh -c "ip netns exec $HOSTNS kubectl --kubeconfig $DATA/kubeconfig get pod asker -o jsonpath='{.status.phase}' | grep -qx Running"
POD=$(kc get pod asker -o jsonpath='{.status.podIP}')
ask() { nsx wget -qO- "http://$POD:8080/cgi-bin/$1" 2>&1; }
wait_for "pod's CGI answers" 30 sh -c "ip netns exec $HOSTNS wget -qO- http://$POD:8080/cgi-bin/resolv | grep -q nameserver"

RESOLV=$(ask resolv)
check "pod resolv.conf: nameserver $DNSIP" grep -qx "nameserver $DNSIP" <<<"$RESOLV"
check "pod resolv.conf: search path" grep -qx "search default.svc.cluster.local svc.cluster.local cluster.local" <<<"$RESOLV"
check "pod resolv.conf: ndots:5" grep -q "options.*ndots:5" <<<"$RESOLV"

wait_for "nslookup web (short name, search path) from the pod gives $WEBIP" 30 sh -c "ip netns exec $HOSTNS wget -qO- 'http://$POD:8080/cgi-bin/ns?web' | grep -q 'Address:* *$WEBIP'"
check "nslookup web.default.svc.cluster.local from the pod" sh -c "ip netns exec $HOSTNS wget -qO- 'http://$POD:8080/cgi-bin/ns?web.default.svc.cluster.local' | grep -q 'Address:* *$WEBIP'"
ask 'ns?db.kube-public.svc.cluster.local' > "$WORK/headless.out"
check "nslookup db.kube-public.svc.cluster.local (headless) gives both ready endpoints" sh -c \
  "grep -q 10.244.0.201 $WORK/headless.out && grep -q 10.244.0.202 $WORK/headless.out && ! grep -q 10.244.0.203 $WORK/headless.out || { cat $WORK/headless.out; exit 1; }"
check "nslookup of an unknown name fails in the pod" sh -c "ip netns exec $HOSTNS wget -qO- 'http://$POD:8080/cgi-bin/ns?nosuch' | grep -qiE 'NXDOMAIN|can.t find|server can'"

check_eq "dig A" "$WEBIP" "$(digq +short web.default.svc.cluster.local A)"
check_eq "dig SRV for the named port" "0 100 80 web.default.svc.cluster.local." "$(digq +short _http._tcp.web.default.svc.cluster.local SRV)"
check_eq "dig headless SRV: one per endpoint, with hostnames" \
  "0 50 5432 10-244-0-202.db.kube-public.svc.cluster.local.,0 50 5432 db-0.db.kube-public.svc.cluster.local." \
  "$(digq +short _pg._tcp.db.kube-public.svc.cluster.local SRV | sort | paste -sd,)"
check_eq "dig endpoint hostname record" "10.244.0.201" "$(digq +short db-0.db.kube-public.svc.cluster.local A)"
check_eq "dig PTR of the cluster IP" "web.default.svc.cluster.local." "$(digq +short -x "$WEBIP")"
check_eq "dig PTR of an endpoint" "db-0.db.kube-public.svc.cluster.local." "$(digq +short -x 10.244.0.201)"
check_eq "dig ExternalName CNAME" "www.example.org." "$(digq +short ext.default.svc.cluster.local CNAME)"
check_eq "dig pod record" "10.244.0.7" "$(digq +short 10-244-0-7.default.pod.cluster.local A)"
check "dig unknown service: NXDOMAIN with SOA" sh -c "ip netns exec $HOSTNS dig @$DNSIP nosuch.default.svc.cluster.local | grep -q 'status: NXDOMAIN' && ip netns exec $HOSTNS dig @$DNSIP nosuch.default.svc.cluster.local | grep -q 'IN.SOA'"
check "dig AAAA of an IPv4 service: NOERROR, no answer" sh -c "ip netns exec $HOSTNS dig @$DNSIP web.default.svc.cluster.local AAAA | grep -q 'status: NOERROR.*' && ip netns exec $HOSTNS dig @$DNSIP web.default.svc.cluster.local AAAA | grep -q 'ANSWER: 0'"
check_eq "standalone skiff dns answers its own domain" "$WEBIP" "$(nsx dig @127.0.0.1 -p 5353 +short +time=2 web.default.svc.upstream.test A)"
check_eq "the server forwards other names to --dns-upstream" "$WEBIP" "$(digq +short web.default.svc.upstream.test A)"
check "names neither serves: REFUSED (skiff dns has no upstream), relayed" sh -c "ip netns exec $HOSTNS dig @$DNSIP example.org | grep -q 'status: REFUSED'"
check_eq "dig over TCP" "$WEBIP" "$(digq +tcp +short web.default.svc.cluster.local A)"
check_eq "dig on the node address too" "$WEBIP" "$(nsx dig @192.0.2.10 +short +time=2 web.default.svc.cluster.local A)"

echo "== changes"
check "kubectl delete svc web" kc delete svc web
wait_for "deleted service answers NXDOMAIN" 20 sh -c "ip netns exec $HOSTNS dig @$DNSIP +time=1 web.default.svc.cluster.local | grep -q 'status: NXDOMAIN'"
check "add an endpoint to db" kc -n kube-public patch endpoints db --type=json -p '[{"op":"add","path":"/subsets/0/addresses/-","value":{"ip":"10.244.0.204"}}]'
wait_for "new endpoint appears in the headless answer" 20 sh -c "ip netns exec $HOSTNS dig @$DNSIP +short +time=1 db.kube-public.svc.cluster.local | grep -qx 10.244.0.204"

echo "== cleanup"
check "kubectl delete pod asker" timeout 60 ip netns exec "$HOSTNS" kubectl --kubeconfig "$DATA/kubeconfig" delete pod asker --timeout=50s
finish
