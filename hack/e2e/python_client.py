#!/usr/bin/env python3
"""The official Kubernetes Python client against `skiff apiserver`: CRUD, conflicts,
validation errors, subresources and watch (including 410 on an expired resourceVersion).

Usage: python_client.py KUBECONFIG
Prints one line per check and "N passed, M failed"; exits non-zero on any failure.
"""
import sys
import threading
import time

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

passed = 0
failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok   {what}", flush=True)
    else:
        failed += 1
        print(f"  FAIL {what} {detail}", flush=True)


def expect_api_error(what, status, fn, contains=None):
    try:
        fn()
    except ApiException as e:
        ok = e.status == status and (contains is None or contains in (e.body or ""))
        check(what, ok, f"(got {e.status}: {e.body})")
        return e
    check(what, False, "(no error)")
    return None


def pod(name, labels=None):
    return client.V1Pod(
        metadata=client.V1ObjectMeta(name=name, labels=labels or {}),
        spec=client.V1PodSpec(containers=[client.V1Container(name="main", image="busybox")]),
    )


def main():
    config.load_kube_config(config_file=sys.argv[1])
    core = client.CoreV1Api()
    apps = client.AppsV1Api()
    ns = "default"

    print("== CRUD")
    created = core.create_namespaced_pod(ns, pod("py-pod", {"app": "py"}))
    check("create pod", created.metadata.uid is not None and created.spec.restart_policy == "Always")
    got = core.read_namespaced_pod("py-pod", ns)
    check("read pod", got.metadata.resource_version == created.metadata.resource_version)
    pods = core.list_namespaced_pod(ns, label_selector="app=py")
    check("list with label selector", [p.metadata.name for p in pods.items] == ["py-pod"])
    patched = core.patch_namespaced_pod("py-pod", ns, {"metadata": {"labels": {"tier": "front"}}})
    check("patch (strategic merge) labels", patched.metadata.labels == {"app": "py", "tier": "front"})
    got.metadata.annotations = {"stale": "yes"}
    expect_api_error("replace with a stale resourceVersion is 409", 409,
                     lambda: core.replace_namespaced_pod("py-pod", ns, got), "the object has been modified")
    fresh = core.read_namespaced_pod("py-pod", ns)
    fresh.metadata.annotations = {"fresh": "yes"}
    replaced = core.replace_namespaced_pod("py-pod", ns, fresh)
    check("replace with the current resourceVersion", replaced.metadata.annotations == {"fresh": "yes"})
    expect_api_error("create twice is 409 AlreadyExists", 409,
                     lambda: core.create_namespaced_pod(ns, pod("py-pod")), "AlreadyExists")
    e = expect_api_error("invalid name is 422", 422, lambda: core.create_namespaced_pod(ns, pod("Bad_Name")))
    check("422 names metadata.name", e is not None and "metadata.name" in (e.body or ""))
    core.delete_namespaced_pod("py-pod", ns)
    expect_api_error("deleted pod is 404", 404, lambda: core.read_namespaced_pod("py-pod", ns))

    print("== configmaps, services, deployments and scale")
    cm = core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-cm"), data={"k": "v"}))
    check("create configmap", cm.data == {"k": "v"})
    svc = core.create_namespaced_service(ns, client.V1Service(
        metadata=client.V1ObjectMeta(name="py-svc"),
        spec=client.V1ServiceSpec(selector={"app": "py"}, ports=[client.V1ServicePort(port=80)])))
    check("service gets a cluster IP", (svc.spec.cluster_ip or "").startswith("10."))
    dep = apps.create_namespaced_deployment(ns, client.V1Deployment(
        metadata=client.V1ObjectMeta(name="py-dep"),
        spec=client.V1DeploymentSpec(
            replicas=1,
            selector=client.V1LabelSelector(match_labels={"app": "py"}),
            template=client.V1PodTemplateSpec(
                metadata=client.V1ObjectMeta(labels={"app": "py"}),
                spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox")])))))
    check("create deployment", dep.spec.replicas == 1)
    apps.patch_namespaced_deployment_scale("py-dep", ns, {"spec": {"replicas": 3}})
    scale = apps.read_namespaced_deployment_scale("py-dep", ns)
    check("scale subresource", scale.spec.replicas == 3 and apps.read_namespaced_deployment("py-dep", ns).spec.replicas == 3)
    st = apps.read_namespaced_deployment("py-dep", ns)
    st.status = client.V1DeploymentStatus(replicas=3, ready_replicas=2)
    apps.replace_namespaced_deployment_status("py-dep", ns, st)
    got = apps.read_namespaced_deployment("py-dep", ns)
    check("status subresource", got.status.ready_replicas == 2)

    print("== watch")
    rv = core.list_namespaced_config_map(ns).metadata.resource_version
    seen = []

    def writer():
        time.sleep(0.5)
        core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-w"), data={"a": "1"}))
        core.patch_namespaced_config_map("py-w", ns, {"data": {"a": "2"}})
        core.delete_namespaced_config_map("py-w", ns)

    t = threading.Thread(target=writer)
    t.start()
    w = watch.Watch()
    for ev in w.stream(core.list_namespaced_config_map, ns, resource_version=rv, timeout_seconds=10):
        if ev["object"].metadata.name == "py-w":
            seen.append(ev["type"])
        if len(seen) == 3:
            w.stop()
    t.join()
    check("watch sees ADDED, MODIFIED, DELETED", seen == ["ADDED", "MODIFIED", "DELETED"], str(seen))

    try:
        for _ in watch.Watch().stream(core.list_namespaced_pod, ns, resource_version="1", timeout_seconds=5):
            pass
        check("watch from an expired resourceVersion is 410", False, "(no error)")
    except ApiException as e:
        check("watch from an expired resourceVersion is 410", e.status == 410, f"(got {e.status})")

    print(f"python_client.py: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
