#!/usr/bin/env python3
"""Checks on the kubelet's HTTP answers for hack/e2e/stats.sh. Each subcommand reads a document
on stdin and exits non-zero (with a message) when the check fails."""
import json
import sys


def summary_pod(doc, name):
    for p in doc.get("pods", []):
        if p["podRef"]["name"] == name:
            return p
    raise SystemExit(f"pod {name} not in the summary (pods: {[p['podRef']['name'] for p in doc.get('pods', [])]})")


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    text = sys.stdin.read()
    if cmd == "prom":
        from prometheus_client.parser import text_string_to_metric_families
        fams = {f.name: f for f in text_string_to_metric_families(text)}
        for want in args:
            base = want[:-6] if want.endswith("_total") else want
            if want not in fams and base not in fams:
                raise SystemExit(f"metric {want} missing (have {sorted(fams)[:40]}...)")
        print(f"{len(fams)} families parsed")
        return
    if cmd == "prom-value":  # NAME LABEL=VALUE...: prints the sample's value
        from prometheus_client.parser import text_string_to_metric_families
        name, want = args[0], dict(a.split("=", 1) for a in args[1:])
        for f in text_string_to_metric_families(text):
            for s in f.samples:
                if s.name == name and all(s.labels.get(k) == v for k, v in want.items()):
                    print(s.value)
                    return
        raise SystemExit(f"no sample {name} {want}")
    doc = json.loads(text)
    if cmd == "pod-field":  # POD PATH (dotted; [name] selects a list entry by name)
        cur = summary_pod(doc, args[0])
        for part in args[1].split("."):
            if part.startswith("["):
                cur = next(x for x in cur if x.get("name") == part[1:-1])
            else:
                cur = cur[part]
        print(cur)
    elif cmd == "node-field":
        cur = doc["node"]
        for part in args[0].split("."):
            cur = cur[part]
        print(cur)
    elif cmd == "field":
        cur = doc
        for part in args[0].split("."):
            cur = cur[int(part)] if isinstance(cur, list) else cur[part]
        print(cur)
    elif cmd == "pod-names":
        print(" ".join(sorted(p["metadata"]["name"] for p in doc["items"])))
    else:
        raise SystemExit(f"unknown check {cmd}")


main()
