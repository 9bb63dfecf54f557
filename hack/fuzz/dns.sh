#!/usr/bin/env bash
# Coverage-guided fuzzing of the DNS codec with libFuzzer: builds the codec's sources with the
# harness under -sanitize=fuzzer,address and runs it for SECONDS (default 60) from a corpus of
# a few valid messages. Exits non-zero on a crash (the input is saved as /tmp/skiff-dns-fuzz-crash-*).
#   bash hack/fuzz/dns.sh [SECONDS]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH=/opt/swift/usr/bin:$PATH
secs=${1:-60}
work=$(mktemp -d /tmp/skiff-dns-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
src=$top/Sources/SkiffDNS
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name SkiffDNSFuzz \
  "$src/DNSMessage.swift" "$src/DNSDecoder.swift" "$src/DNSEncoder.swift" "$src/IPAddressText.swift" \
  "$top/hack/fuzz/dns_codec.swift" -o "$work/fuzz-dns" 2>&1 | grep -v "Cannot export local symbol" || true
mkdir -p "$work/corpus"
# Seeds: an A query, an SRV query with EDNS, an answer with compression.
printf '\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03web\x07default\x03svc\x07cluster\x05local\x00\x00\x01\x00\x01' > "$work/corpus/a"
printf '\x00\x07\x01\x00\x00\x01\x00\x00\x00\x00\x00\x01\x05_http\x04_tcp\x03web\x07default\x03svc\x07cluster\x05local\x00\x00\x21\x00\x01\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x00' > "$work/corpus/srv"
printf '\x00\x09\x84\x00\x00\x01\x00\x01\x00\x00\x00\x00\x01a\x01b\x00\x00\x01\x00\x01\xc0\x0c\x00\x05\x00\x01\x00\x00\x00\x05\x00\x04\x01c\xc0\x0c' > "$work/corpus/cname"
cd "$work"
"$work/fuzz-dns" -max_total_time="$secs" -max_len=1024 -print_final_stats=1 -artifact_prefix=/tmp/skiff-dns-fuzz- "$work/corpus" 2>&1 | tail -15
