#!/usr/bin/env bash
# Installs the Debian packages Skiff builds and tests with. Idempotent: installs only what is missing.
set -euo pipefail
# Python packages for the end-to-end checks (the official Kubernetes client, from PyPI).
if ! python3 -c 'import kubernetes' 2>/dev/null; then
  echo "install-deps: pip install kubernetes"
  python3 -m pip install -q --disable-pip-version-check kubernetes
fi
# The Prometheus text parser, to check the kubelet's metrics endpoints parse.
if ! python3 -c 'import prometheus_client' 2>/dev/null; then
  echo "install-deps: pip install prometheus_client"
  python3 -m pip install -q --disable-pip-version-check prometheus_client
fi
pkgs=(
  libseccomp-dev libcap-dev libsqlite3-dev   # runtime (seccomp, capabilities), embedded store
  busybox-static                             # default image tree (hack/mkrootfs.sh)
  iptables conntrack iproute2                # proxy, CNI portmap, test network namespaces
  nftables                                   # nft, to read the nftables-mode table in tests
  containernetworking-plugins                # CNI bridge, host-local, portmap, loopback
  runc crun hyperfine time                   # runtime peers and timing for hack/bench
  wrk                                        # HTTP load for the proxy data-path benchmark
  etcd-server etcd-client                    # distributed store backend and its tests
  jq curl python3-yaml                       # scripts and end-to-end checks
  dnsutils dnsperf dnsmasq-base              # dig for the cluster DNS checks; DNS bench load and peer
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
