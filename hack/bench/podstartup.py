#!/usr/bin/env python3
"""Pod start-up latency as Kubernetes' density test measures it: create a pod through the API,
see it Running through a watch. Sequential pods, then a burst created at once; then kubelet and
pause resource use with N running pods. Run by hack/bench/podstartup.sh inside a private
network namespace; talks only to the API server on 127.0.0.1 there."""
import json, os, statistics, sys, threading, time, urllib.request

API = os.environ["API"]
NODE = os.environ["NODE"]
KUBELET_PID = int(os.environ["KUBELET_PID"])
NS = "default"
HZ = os.sysconf("SC_CLK_TCK")


def req(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(API + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=30) as resp:
        return json.loads(resp.read() or b"{}")


def pod(name):
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": {"bench": "startup"}},
            "spec": {"nodeName": NODE, "terminationGracePeriodSeconds": 1,
                     "containers": [{"name": "c", "image": "busybox", "command": ["sleep", "3600"]}]}}


class Watcher:
    """One watch on the bench's pods; records when each first shows phase Running."""
    def __init__(self):
        self.running = {}
        self.cv = threading.Condition()
        rv = req("GET", f"/api/v1/namespaces/{NS}/pods?labelSelector=bench%3Dstartup")["metadata"]["resourceVersion"]
        self.resp = urllib.request.urlopen(API + f"/api/v1/namespaces/{NS}/pods?watch=true&labelSelector=bench%3Dstartup&resourceVersion={rv}", timeout=600)
        threading.Thread(target=self.loop, daemon=True).start()

    def loop(self):
        for line in self.resp:
            ev = json.loads(line)
            o = ev.get("object", {})
            if o.get("status", {}).get("phase") == "Running":
                with self.cv:
                    self.running.setdefault(o["metadata"]["name"], time.monotonic())
                    self.cv.notify_all()

    def wait(self, names, timeout=120):
        end = time.monotonic() + timeout
        with self.cv:
            while not all(n in self.running for n in names):
                left = end - time.monotonic()
                if left <= 0:
                    raise SystemExit(f"pods not Running within {timeout}s: {[n for n in names if n not in self.running]}")
                self.cv.wait(left)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def rss_split_kib(pid):
    """(anonymous, file-backed) resident KiB: heap versus the binary's and libraries' pages."""
    v = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, rest = line.partition(":")
            if k in ("RssAnon", "RssFile", "RssShmem"):
                v[k] = int(rest.split()[0])
    return v.get("RssAnon", 0), v.get("RssFile", 0) + v.get("RssShmem", 0)


def main():
    seq_n = int(os.environ.get("SEQ", "30"))
    burst_n = int(os.environ.get("BURST", "30"))
    total_n = int(os.environ.get("TOTAL", "100"))
    w = Watcher()

    lat = []
    for i in range(seq_n):
        name = f"seq-{i}"
        t0 = time.monotonic()
        req("POST", f"/api/v1/namespaces/{NS}/pods", pod(name))
        w.wait([name])
        lat.append((w.running[name] - t0) * 1000)
    print(f"sequential: {seq_n} pods  p50 {statistics.median(lat):.1f} ms  p99 {pct(lat, 99):.1f} ms  max {max(lat):.1f} ms")

    names = [f"burst-{i}" for i in range(burst_n)]
    t0 = time.monotonic()
    threads = [threading.Thread(target=req, args=("POST", f"/api/v1/namespaces/{NS}/pods", pod(n))) for n in names]
    for t in threads: t.start()
    for t in threads: t.join()
    w.wait(names)
    blat = [(w.running[n] - t0) * 1000 for n in names]
    print(f"burst: {burst_n} pods created at once, all Running after {max(blat):.0f} ms  (p50 {statistics.median(blat):.0f} ms)")

    more = [f"fill-{i}" for i in range(max(0, total_n - seq_n - burst_n))]
    for n in more:
        req("POST", f"/api/v1/namespaces/{NS}/pods", pod(n))
    w.wait(more, timeout=300)
    time.sleep(5)
    c0, t0 = cpu_seconds(KUBELET_PID), time.monotonic()
    time.sleep(20)
    c1, t1 = cpu_seconds(KUBELET_PID), time.monotonic()
    pauses = [int(p) for p in os.popen("pgrep -x pause").read().split()]
    pause_rss = [rss_kib(p) for p in pauses]
    anon, filebacked = rss_split_kib(KUBELET_PID)
    print(f"with {total_n} running pods: kubelet RSS {rss_kib(KUBELET_PID) / 1024:.1f} MiB"
          f" (anonymous {anon / 1024:.1f}, file-backed {filebacked / 1024:.1f}), idle CPU {100 * (c1 - c0) / (t1 - t0):.2f}% of a core;"
          f" pause RSS median {statistics.median(pause_rss) if pause_rss else 0} KiB over {len(pause_rss)} sandboxes")
    print("targets: sequential p50 <= 50 ms, p99 <= 200 ms; burst of 30 <= 2000 ms; kubelet RSS <= 40 MiB, idle CPU <= 1%")


if __name__ == "__main__":
    main()
