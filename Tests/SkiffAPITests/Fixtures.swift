/// Hand-written objects in the shape a Kubernetes 1.32 API server returns them.
enum Fixtures {
    static let pod = #"""
    {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": {
        "name": "web-7d4b9c-x2k9p",
        "generateName": "web-7d4b9c-",
        "namespace": "default",
        "uid": "0b3a5b1e-8d2c-4a55-9d4e-2b7f8c1d9e10",
        "resourceVersion": "1234",
        "creationTimestamp": "2026-11-23T07:00:00Z",
        "labels": {"app": "web", "pod-template-hash": "7d4b9c"},
        "annotations": {"example.com/note": "hello"},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c",
          "uid": "5e6f7a8b-0000-4000-8000-000000000001", "controller": true, "blockOwnerDeletion": true}],
        "finalizers": ["example.com/keep"],
        "managedFields": [{"manager": "kubectl", "operation": "Update", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {}}}]
      },
      "spec": {
        "volumes": [
          {"name": "data", "emptyDir": {"sizeLimit": "1Gi"}},
          {"name": "conf", "configMap": {"name": "web-conf", "defaultMode": 420, "items": [{"key": "a", "path": "a.conf"}]}},
          {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
          {"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}}]}},
          {"name": "kube-api-access", "projected": {"defaultMode": 420, "sources": [
            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
            {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
            {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}
        ],
        "initContainers": [{"name": "init", "image": "busybox:1.36", "command": ["sh", "-c", "true"],
          "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}],
        "containers": [{
          "name": "nginx",
          "image": "nginx:1.27",
          "args": ["-g", "daemon off;"],
          "workingDir": "/",
          "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}, {"containerPort": 9090, "hostPort": 19090, "protocol": "UDP"}],
          "envFrom": [{"prefix": "CM_", "configMapRef": {"name": "web-conf"}}, {"secretRef": {"name": "web-secret", "optional": true}}],
          "env": [
            {"name": "MODE", "value": "prod"},
            {"name": "POD_IP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
            {"name": "MEM", "valueFrom": {"resourceFieldRef": {"containerName": "nginx", "resource": "limits.memory", "divisor": "1Mi"}}},
            {"name": "KEY", "valueFrom": {"secretKeyRef": {"name": "web-secret", "key": "k"}}}
          ],
          "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}},
          "volumeMounts": [{"name": "data", "mountPath": "/data"}, {"name": "conf", "mountPath": "/etc/nginx/conf.d", "readOnly": true, "subPath": "x"}],
          "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP", "httpHeaders": [{"name": "X-A", "value": "b"}]},
            "initialDelaySeconds": 3, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
          "readinessProbe": {"tcpSocket": {"port": 80}, "timeoutSeconds": 1, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 3},
          "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 30},
          "lifecycle": {"preStop": {"exec": {"command": ["nginx", "-s", "quit"]}}, "postStart": {"sleep": {"seconds": 1}}},
          "terminationMessagePath": "/dev/termination-log",
          "terminationMessagePolicy": "File",
          "imagePullPolicy": "IfNotPresent",
          "securityContext": {"capabilities": {"add": ["NET_ADMIN"], "drop": ["ALL"]}, "runAsUser": 1000, "runAsNonRoot": true,
            "readOnlyRootFilesystem": true, "allowPrivilegeEscalation": false, "seccompProfile": {"type": "RuntimeDefault"}},
          "stdin": false,
          "tty": false
        }],
        "restartPolicy": "Always",
        "terminationGracePeriodSeconds": 30,
        "dnsPolicy": "ClusterFirst",
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "serviceAccountName": "default",
        "serviceAccount": "default",
        "nodeName": "node-1",
        "shareProcessNamespace": true,
        "securityContext": {"fsGroup": 2000, "supplementalGroups": [3000], "sysctls": [{"name": "net.core.somaxconn", "value": "1024"}]},
        "hostname": "web",
        "subdomain": "web-svc",
        "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}]}},
          "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}}]}},
        "schedulerName": "default-scheduler",
        "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
        "hostAliases": [{"ip": "127.0.0.1", "hostnames": ["foo.local"]}],
        "priority": 0,
        "dnsConfig": {"nameservers": ["10.96.0.10"], "searches": ["default.svc.cluster.local"], "options": [{"name": "ndots", "value": "5"}]},
        "enableServiceLinks": true,
        "preemptionPolicy": "PreemptLowerPriority"
      },
      "status": {
        "phase": "Running",
        "conditions": [
          {"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-23T07:00:02Z"},
          {"type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-11-23T07:00:05Z"}
        ],
        "hostIP": "10.0.0.5",
        "hostIPs": [{"ip": "10.0.0.5"}],
        "podIP": "10.244.1.7",
        "podIPs": [{"ip": "10.244.1.7"}],
        "startTime": "2026-11-23T07:00:01Z",
        "initContainerStatuses": [{"name": "init", "state": {"terminated": {"exitCode": 0, "reason": "Completed",
          "startedAt": "2026-11-23T07:00:02Z", "finishedAt": "2026-11-23T07:00:02Z", "containerID": "containerd://aa"}},
          "lastState": {}, "ready": true, "restartCount": 0, "image": "docker.io/library/busybox:1.36", "imageID": "docker.io/library/busybox@sha256:00", "containerID": "containerd://aa", "started": false}],
        "containerStatuses": [{"name": "nginx", "state": {"running": {"startedAt": "2026-11-23T07:00:03Z"}},
          "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": "2026-11-23T06:00:00Z", "finishedAt": "2026-11-23T06:59:00Z"}},
          "ready": true, "restartCount": 1, "image": "docker.io/library/nginx:1.27", "imageID": "docker.io/library/nginx@sha256:11",
          "containerID": "containerd://bb", "started": true}],
        "qosClass": "Burstable"
      }
    }
    """#

    static let deployment = #"""
    {
      "apiVersion": "apps/v1",
      "kind": "Deployment",
      "metadata": {"name": "web", "namespace": "default", "generation": 2, "labels": {"app": "web"},
        "annotations": {"deployment.kubernetes.io/revision": "1"}},
      "spec": {
        "replicas": 3,
        "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]},
        "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
        "revisionHistoryLimit": 10,
        "progressDeadlineSeconds": 600,
        "paused": false
      },
      "status": {"observedGeneration": 2, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
        "conditions": [{"type": "Available", "status": "True", "lastUpdateTime": "2026-11-23T07:00:00Z",
          "lastTransitionTime": "2026-11-23T07:00:00Z", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."}]}
    }
    """#

    static let service = #"""
    {"apiVersion": "v1", "kind": "Service",
     "metadata": {"name": "web", "namespace": "default"},
     "spec": {"ports": [{"name": "http", "protocol": "TCP", "port": 80, "targetPort": "http", "nodePort": 30080}],
              "selector": {"app": "web"}, "clusterIP": "10.96.0.20", "clusterIPs": ["10.96.0.20"], "type": "NodePort",
              "sessionAffinity": "ClientIP", "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}},
              "externalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "internalTrafficPolicy": "Cluster"},
     "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.1", "ipMode": "VIP"}]}}}
    """#

    static let node = #"""
    {"apiVersion": "v1", "kind": "Node",
     "metadata": {"name": "node-1", "labels": {"kubernetes.io/hostname": "node-1"}},
     "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"], "taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}]},
     "status": {"capacity": {"cpu": "2", "memory": "4030184Ki", "pods": "110", "ephemeral-storage": "20Gi"},
                "allocatable": {"cpu": "1900m", "memory": "3927784Ki", "pods": "110"},
                "conditions": [{"type": "Ready", "status": "True", "lastHeartbeatTime": "2026-11-23T07:00:00Z",
                                "lastTransitionTime": "2026-11-23T06:00:00Z", "reason": "KubeletReady", "message": "kubelet is posting ready status"}],
                "addresses": [{"type": "InternalIP", "address": "10.0.0.5"}, {"type": "Hostname", "address": "node-1"}],
                "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
                "nodeInfo": {"machineID": "m", "systemUUID": "s", "bootID": "b", "kernelVersion": "6.1.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
                             "containerRuntimeVersion": "skiff://0.1.0", "kubeletVersion": "v1.32.0", "kubeProxyVersion": "v1.32.0",
                             "operatingSystem": "linux", "architecture": "amd64"},
                "images": [{"names": ["nginx:1.27"], "sizeBytes": 70000000}]}}
    """#

    static let event = #"""
    {"apiVersion": "v1", "kind": "Event",
     "metadata": {"name": "web.17a", "namespace": "default"},
     "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web", "uid": "u1", "apiVersion": "v1", "resourceVersion": "5", "fieldPath": "spec.containers{nginx}"},
     "reason": "Pulled", "message": "Container image \"nginx\" already present on machine",
     "source": {"component": "kubelet", "host": "node-1"},
     "firstTimestamp": "2026-11-23T07:00:00Z", "lastTimestamp": "2026-11-23T07:01:00Z", "count": 2, "type": "Normal",
     "eventTime": null, "reportingComponent": "kubelet", "reportingInstance": "node-1"}
    """#
}
