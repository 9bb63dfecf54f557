#!/usr/bin/env python3
"""The node's HTTP face under load: with N running pods, latency of /stats/summary and
/metrics/cadvisor (p50/p99, against /healthz on the same listener as the peer) and the stats
collector's CPU share at the default housekeeping interval (against the whole kubelet process
in the same window). Run by hack/bench/stats.sh inside a private network namespace; talks only
to 127.0.0.1 there."""
import json, os, statistics, sys, time, urllib.request

API = os.environ["API"]
NODE = os.environ["NODE"]
KUBELET = os.environ["KUBELET"]
KUBELET_PID = int(os.environ["KUBELET_PID"])
TOTAL = int(os.environ.get("TOTAL", "100"))
WINDOW = float(os.environ.get("WINDOW", "60"))
HZ = os.sysconf("SC_CLK_TCK")


def req(method, url, body=None, raw=False):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=60) as resp:
        b = resp.read()
        return b if raw else json.loads(b or b"{}")


def pod(name):
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": {"bench": "stats"}},
            "spec": {"nodeName": NODE, "terminationGracePeriodSeconds": 1,
                     "containers": [{"name": "c", "image": "busybox", "command": ["sleep", "3600"]}]}}


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def cpu_seconds(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / HZ


def metric(text, name):
    for line in text.decode().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise SystemExit(f"{name} not in /metrics")


def timed(url, n):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        req("GET", url, raw=True)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main():
    print(f"stats bench: {TOTAL} pods")
    for i in range(TOTAL):
        req("POST", f"{API}/api/v1/namespaces/default/pods", pod(f"s{i}"))
    end = time.monotonic() + 600
    while True:
        items = req("GET", f"{API}/api/v1/namespaces/default/pods?labelSelector=bench%3Dstats")["items"]
        running = sum(1 for p in items if p.get("status", {}).get("phase") == "Running")
        if running == TOTAL:
            break
        if time.monotonic() > end:
            raise SystemExit(f"only {running}/{TOTAL} pods Running")
        time.sleep(1)
    # Two housekeeping passes so every pod has a rate.
    time.sleep(25)
    summary = req("GET", f"{KUBELET}/stats/summary")
    with_cpu = sum(1 for p in summary["pods"] if p.get("cpu"))
    print(f"summary: {len(summary['pods'])} pods ({with_cpu} with cpu stats), {len(json.dumps(summary)) // 1024} KiB")

    # Collector CPU share in an idle window (no stats requests: only /metrics at both ends).
    m0 = req("GET", f"{KUBELET}/metrics", raw=True)
    c0, p0, k0, t0 = metric(m0, "skiff_stats_housekeeping_cpu_seconds_total"), metric(m0, "skiff_stats_housekeeping_total"), cpu_seconds(KUBELET_PID), time.monotonic()
    time.sleep(WINDOW)
    m1 = req("GET", f"{KUBELET}/metrics", raw=True)
    c1, p1, k1, t1 = metric(m1, "skiff_stats_housekeeping_cpu_seconds_total"), metric(m1, "skiff_stats_housekeeping_total"), cpu_seconds(KUBELET_PID), time.monotonic()
    share = (c1 - c0) / (t1 - t0) * 100
    kshare = (k1 - k0) / (t1 - t0) * 100
    passes = p1 - p0
    per_pass = (c1 - c0) / passes * 1000 if passes else float("nan")
    print(f"collector: {passes:.0f} passes in {t1 - t0:.0f} s, {per_pass:.1f} ms CPU per pass, "
          f"{share:.3f}% of one core (target <= 0.5%) {'OK' if share <= 0.5 else 'OVER'}")
    print(f"peer: whole kubelet process {kshare:.3f}% of one core in the same window (collector = {share / kshare * 100 if kshare else 0:.0f}% of it)")

    n = int(os.environ.get("REQUESTS", "200"))
    timed(f"{KUBELET}/stats/summary", 5)
    base = timed(f"{KUBELET}/healthz", n)
    summ = timed(f"{KUBELET}/stats/summary", n)
    cadv = timed(f"{KUBELET}/metrics/cadvisor", n)
    print(f"/healthz (peer)     p50 {pct(base, 50):6.2f} ms  p99 {pct(base, 99):6.2f} ms")
    print(f"/stats/summary      p50 {pct(summ, 50):6.2f} ms  p99 {pct(summ, 99):6.2f} ms  (target p99 <= 20 ms) "
          f"{'OK' if pct(summ, 99) <= 20 else 'OVER'}  ratio to peer p50 {pct(summ, 50) / pct(base, 50):.1f}x")
    print(f"/metrics/cadvisor   p50 {pct(cadv, 50):6.2f} ms  p99 {pct(cadv, 99):6.2f} ms  ratio to peer p50 {pct(cadv, 50) / pct(base, 50):.1f}x")


main()
