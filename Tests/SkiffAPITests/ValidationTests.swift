import Foundation
import Testing
@testable import SkiffAPI

@Suite struct NameValidationTests {
    @Test func dns1123Label() {
        #expect(NameValidation.dns1123Label("my-name").isEmpty)
        #expect(NameValidation.dns1123Label("123-abc").isEmpty)
        #expect(NameValidation.dns1123Label("Foo") == ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"])
        #expect(!NameValidation.dns1123Label("-a").isEmpty)
        #expect(!NameValidation.dns1123Label("a-").isEmpty)
        #expect(!NameValidation.dns1123Label("").isEmpty)
        #expect(!NameValidation.dns1123Label("a.b").isEmpty)
        #expect(NameValidation.dns1123Label(String(repeating: "a", count: 64)) == ["must be no more than 63 characters"])
    }

    @Test func dns1123Subdomain() {
        #expect(NameValidation.dns1123Subdomain("example.com").isEmpty)
        #expect(NameValidation.dns1123Subdomain("a").isEmpty)
        #expect(NameValidation.dns1123Subdomain("a..b") == ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"])
        #expect(!NameValidation.dns1123Subdomain("a_b").isEmpty)
        #expect(!NameValidation.dns1123Subdomain(".a").isEmpty)
        #expect(NameValidation.dns1123Subdomain(String(repeating: "a", count: 254)).first == "must be no more than 253 characters")
    }

    @Test func dns1035() {
        #expect(NameValidation.dns1035Label("web").isEmpty)
        #expect(NameValidation.dns1035Label("1web") == ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"])
    }

    @Test func labelKeys() {
        #expect(NameValidation.qualifiedName("app").isEmpty)
        #expect(NameValidation.qualifiedName("example.com/My_Name-1.x").isEmpty)
        #expect(NameValidation.qualifiedName("bad key") == ["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"])
        #expect(NameValidation.qualifiedName("/a") == ["prefix part must be non-empty"])
        #expect(NameValidation.qualifiedName("a/") == ["name part must be non-empty"])
        #expect(NameValidation.qualifiedName("Example.com/a").first?.hasPrefix("prefix part a lowercase RFC 1123 subdomain") == true)
        #expect(NameValidation.qualifiedName("a/b/c").first?.hasPrefix("a qualified name must consist of") == true)
        #expect(NameValidation.qualifiedName(String(repeating: "a", count: 64)) == ["name part must be no more than 63 characters"])
    }

    @Test func labelValues() {
        #expect(NameValidation.labelValue("").isEmpty)
        #expect(NameValidation.labelValue("v1.2_3-x").isEmpty)
        #expect(NameValidation.labelValue("-x") == ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"])
        #expect(NameValidation.labelValue(String(repeating: "a", count: 64)) == ["must be no more than 63 characters"])
    }

    @Test func portsAndServiceNames() {
        #expect(NameValidation.portNumber(0) == ["must be between 1 and 65535, inclusive"])
        #expect(NameValidation.portNumber(65536) == ["must be between 1 and 65535, inclusive"])
        #expect(NameValidation.portNumber(443).isEmpty)
        #expect(NameValidation.ianaServiceName("http").isEmpty)
        #expect(NameValidation.ianaServiceName("a--b") == ["must not contain consecutive hyphens"])
        #expect(NameValidation.ianaServiceName("123") == ["must contain at least one letter (a-z)"])
        #expect(NameValidation.ianaServiceName("Http") == ["must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)"])
        #expect(NameValidation.ianaServiceName("abcdefghijklmnop") == ["must be no more than 15 characters"])
    }

    @Test func ipAddresses() {
        for ok in ["10.0.0.1", "0.0.0.0", "255.255.255.255", "::1", "2001:db8::ffff", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8"] {
            #expect(NameValidation.isIP(ok), "\(ok)")
        }
        for bad in ["10.0.0", "256.0.0.1", "01.2.3.4", "a.b.c.d", "1:2:3:4:5:6:7:8:9", "1::2::3", "", "::g"] {
            #expect(!NameValidation.isIP(bad), "\(bad)")
        }
    }

    @Test func envNames() {
        #expect(NameValidation.envVarName("MY_VAR.x-1").isEmpty)
        #expect(!NameValidation.envVarName("1A").isEmpty)
        #expect(!NameValidation.envVarName("A=B").isEmpty)
    }
}

@Suite struct ObjectValidationTests {
    func errors<S: ResourceStrategy>(_ s: S.Type, _ json: String) throws -> [String] {
        var obj = try JSONValue(json: json).decode(S.Object.self)
        S.setDefaults(&obj)
        return S.validateCreate(obj).map(\.message)
    }

    @Test func validPodHasNoErrors() throws {
        var pod = try JSONValue(json: Fixtures.pod).decode(Pod.self)
        PodStrategy.setDefaults(&pod)
        #expect(PodStrategy.validateCreate(pod) == [])
    }

    @Test func podNameAndContainers() throws {
        let errs = try errors(PodStrategy.self, #"{"metadata":{"name":"Foo","namespace":"default"},"spec":{"containers":[{"image":"x"},{"name":"b"},{"name":"b","image":"y"}]}}"#)
        #expect(errs.contains(#"metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#))
        #expect(errs.contains("spec.containers[0].name: Required value"))
        #expect(errs.contains("spec.containers[1].image: Required value"))
        #expect(errs.contains(#"spec.containers[2].name: Duplicate value: "b""#))
    }

    @Test func podWithoutContainersOrName() throws {
        let errs = try errors(PodStrategy.self, #"{"metadata":{"namespace":"default"},"spec":{}}"#)
        #expect(errs.contains("metadata.name: Required value: name or generateName is required"))
        #expect(errs.contains("spec.containers: Required value"))
    }

    @Test func podPortsRestartPolicyAndLabels() throws {
        let errs = try errors(PodStrategy.self, #"{"metadata":{"name":"p","namespace":"default","labels":{"bad key":"ok","k":"-bad"}},"spec":{"restartPolicy":"Sometimes","containers":[{"name":"c","image":"x","ports":[{"containerPort":70000,"protocol":"tcp"},{"name":"a--b","containerPort":0}]}]}}"#)
        #expect(errs.contains(#"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#))
        #expect(errs.contains("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"))
        #expect(errs.contains(#"spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP""#))
        #expect(errs.contains("spec.containers[0].ports[1].containerPort: Required value"))
        #expect(errs.contains(#"spec.containers[0].ports[1].name: Invalid value: "a--b": must not contain consecutive hyphens"#))
        #expect(errs.contains { $0.hasPrefix(#"metadata.labels: Invalid value: "bad key": name part must consist"#) })
        #expect(errs.contains { $0.hasPrefix(#"metadata.labels: Invalid value: "-bad": a valid label must be"#) })
    }

    @Test func podResourcesMountsAndProbes() throws {
        let errs = try errors(PodStrategy.self, #"{"metadata":{"name":"p","namespace":"default"},"spec":{"containers":[{"name":"c","image":"x","resources":{"limits":{"cpu":"1"},"requests":{"cpu":"2"}},"volumeMounts":[{"name":"nope","mountPath":"/a"}],"livenessProbe":{"successThreshold":2},"env":[{"name":"1X","value":"a"},{"name":"Y","value":"v","valueFrom":{"fieldRef":{"fieldPath":"spec.bogus"}}}]}]}}"#)
        #expect(errs.contains(#"spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1"#))
        #expect(errs.contains(#"spec.containers[0].volumeMounts[0].name: Not found: "nope""#))
        #expect(errs.contains("spec.containers[0].livenessProbe: Required value: must specify a handler type"))
        #expect(errs.contains("spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"))
        #expect(errs.contains { $0.hasPrefix(#"spec.containers[0].env[0].name: Invalid value: "1X": a valid environment variable name"#) })
        #expect(errs.contains { $0.hasPrefix(#"spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.bogus""#) })
        #expect(errs.contains(#"spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty"#))
    }

    @Test func podUpdateMayOnlyChangeImages() throws {
        var old = try JSONValue(json: Fixtures.pod).decode(Pod.self)
        PodStrategy.setDefaults(&old)
        var new = old
        new.spec.containers[0].image = "nginx:1.28"
        #expect(PodStrategy.validateUpdate(new, old: old).isEmpty)
        new.spec.restartPolicy = "Never"
        let errs = PodStrategy.validateUpdate(new, old: old).map(\.message)
        #expect(errs.contains { $0.hasPrefix("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`") })
        var renamed = old
        renamed.metadata.name = "other"
        #expect(PodStrategy.validateUpdate(renamed, old: old).map(\.message).contains(#"metadata.name: Invalid value: "other": field is immutable"#))
    }

    @Test func serviceValidation() throws {
        let errs = try errors(ServiceStrategy.self, #"{"metadata":{"name":"1svc","namespace":"default"},"spec":{"type":"Weird","clusterIP":"300.1.1.1","ports":[{"port":80,"nodePort":30000},{"port":0}]}}"#)
        #expect(errs.contains { $0.hasPrefix(#"metadata.name: Invalid value: "1svc": a DNS-1035 label"#) })
        #expect(errs.contains(#"spec.type: Unsupported value: "Weird": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort""#))
        #expect(errs.contains(#"spec.clusterIPs[0]: Invalid value: "300.1.1.1": must be empty, 'None', or a valid IP address"#))
        #expect(errs.contains("spec.ports[0].name: Required value"))
        #expect(errs.contains("spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive"))
        let noPorts = try errors(ServiceStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"spec":{"selector":{"a":"b"}}}"#)
        #expect(noPorts == ["spec.ports: Required value"])
        let cip = try errors(ServiceStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"spec":{"ports":[{"port":80,"nodePort":30001}]}}"#)
        #expect(cip == ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"])
        #expect(try errors(ServiceStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"spec":{"type":"ExternalName","externalName":"example.com"}}"#) == [])
        #expect(try errors(ServiceStrategy.self, #"{"metadata":{"name":"s","namespace":"default"},"spec":{"clusterIP":"None","selector":{"a":"b"}}}"#) == [])
    }

    @Test func serviceUpdateKeepsAllocations() throws {
        var old = try JSONValue(json: Fixtures.service).decode(Service.self)
        ServiceStrategy.setDefaults(&old)
        var new = old
        new.spec.clusterIP = nil
        new.spec.clusterIPs = nil
        new.spec.ports?[0].nodePort = nil
        ServiceStrategy.prepareForUpdate(&new, old: old)
        ServiceStrategy.setDefaults(&new)
        #expect(new.spec.clusterIP == "10.96.0.20")
        #expect(new.spec.ports?[0].nodePort == 30080)
        #expect(ServiceStrategy.validateUpdate(new, old: old).isEmpty)
        new.spec.clusterIP = "10.96.0.21"
        new.spec.clusterIPs = ["10.96.0.21"]
        #expect(ServiceStrategy.validateUpdate(new, old: old).map(\.message) == [#"spec.clusterIPs[0]: Invalid value: []string{"10.96.0.21"}: may not change once set"#])
    }

    @Test func deploymentValidation() throws {
        let errs = try errors(DeploymentResourceStrategy.self, #"{"metadata":{"name":"d","namespace":"default"},"spec":{"replicas":-1,"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"b"}},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"x"}]}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":0,"maxUnavailable":"0%"}}}}"#)
        #expect(errs.contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0"))
        #expect(errs.contains(#"spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`"#))
        #expect(errs.contains(#"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#))
        #expect(errs.contains("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0"))
        let noSel = try errors(DeploymentResourceStrategy.self, #"{"metadata":{"name":"d","namespace":"default"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x"}]}}}}"#)
        #expect(noSel.contains("spec.selector: Required value"))
    }

    @Test func deploymentGenerationAndImmutableSelector() throws {
        var old = try JSONValue(json: Fixtures.deployment).decode(Deployment.self)
        DeploymentResourceStrategy.setDefaults(&old)
        var same = old
        DeploymentResourceStrategy.prepareForUpdate(&same, old: old)
        #expect(same.metadata.generation == 2)
        var scaled = old
        scaled.spec.replicas = 5
        DeploymentResourceStrategy.prepareForUpdate(&scaled, old: old)
        #expect(scaled.metadata.generation == 3)
        var sel = old
        sel.spec.selector = LabelSelector(matchLabels: ["app": "web", "x": "y"])
        sel.spec.template.metadata.labels = ["app": "web", "x": "y"]
        #expect(DeploymentResourceStrategy.validateUpdate(sel, old: old).contains { $0.field == "spec.selector" && $0.detail == "field is immutable" })
    }

    @Test func rcNeedsSelectorAndTemplate() throws {
        let errs = try errors(ReplicationControllerStrategy.self, #"{"metadata":{"name":"r","namespace":"default"},"spec":{}}"#)
        #expect(errs == ["spec.selector: Required value", "spec.template: Required value"])
    }

    @Test func namespaceNodeConfigMapSecretEvent() throws {
        #expect(try errors(NamespaceStrategy.self, #"{"metadata":{"name":"a.b"}}"#).first?.hasPrefix(#"metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label"#) == true)
        #expect(try errors(NamespaceStrategy.self, #"{"metadata":{"name":"a","namespace":"x"}}"#) == ["metadata.namespace: Forbidden: not allowed on this type"])
        #expect(try errors(ConfigMapStrategy.self, #"{"metadata":{"name":"c"},"data":{"a b":"x"}}"#).contains("metadata.namespace: Required value"))
        #expect(try errors(ConfigMapStrategy.self, #"{"metadata":{"name":"c","namespace":"d"},"data":{"a b":"x"}}"#).first?.hasPrefix(#"data[a b]: Invalid value: "a b": a valid config key"#) == true)
        #expect(try errors(SecretStrategy.self, #"{"metadata":{"name":"s","namespace":"d"},"data":{"k":"!!!"}}"#).first?.hasPrefix("data[k]: Invalid value") == true)
        #expect(try errors(SecretStrategy.self, #"{"metadata":{"name":"s","namespace":"d"},"type":"kubernetes.io/tls","data":{"tls.crt":"YQ=="}}"#) == ["data[tls.key]: Required value"])
        #expect(try errors(EventStrategy.self, #"{"metadata":{"name":"e","namespace":"d"},"involvedObject":{"kind":"Pod","name":"p","namespace":"other"}}"#) == [#"involvedObject.namespace: Invalid value: "other": does not match event.namespace"#])
        #expect(try errors(NodeStrategy.self, #"{"metadata":{"name":"n1"},"spec":{"podCIDR":"10.0.0.0/33"}}"#) == [#"spec.podCIDR: Invalid value: "10.0.0.0/33": must be a valid CIDR"#])
    }

    @Test func configMapImmutable() throws {
        let old = ConfigMap(metadata: ObjectMeta(name: "c", namespace: "d"), immutable: true, data: ["a": "1"])
        var new = old
        new.data = ["a": "2"]
        #expect(ConfigMapStrategy.validateUpdate(new, old: old).map(\.message) == ["data: Forbidden: field is immutable when `immutable` is set"])
    }

    @Test func bindingOnlyOnce() throws {
        var pod = Pod(metadata: ObjectMeta(name: "p", namespace: "d"))
        let b = Binding(metadata: ObjectMeta(name: "p", namespace: "d"), target: ObjectReference(kind: "Node", name: "n1"))
        #expect(BindingStrategy.validateCreate(b).isEmpty)
        try BindingStrategy.bind(&pod, to: b)
        #expect(pod.spec.nodeName == "n1")
        #expect(pod.status.conditions?.first?.type == "PodScheduled")
        #expect(throws: Status.self) { try BindingStrategy.bind(&pod, to: b) }
    }

    @Test func fieldValues() throws {
        var pod = try JSONValue(json: Fixtures.pod).decode(Pod.self)
        PodStrategy.setDefaults(&pod)
        #expect(PodStrategy.fieldValue(pod, path: "spec.nodeName") == "node-1")
        #expect(PodStrategy.fieldValue(pod, path: "status.phase") == "Running")
        #expect(PodStrategy.fieldValue(pod, path: "metadata.namespace") == "default")
        #expect(PodStrategy.fieldValue(pod, path: "spec.bogus") == nil)
        let sel = try FieldSelector.parse("spec.nodeName=node-1,status.phase!=Failed")
        #expect(sel.matches { PodStrategy.fieldValue(pod, path: $0) })
        let e = try JSONValue(json: Fixtures.event).decode(Event.self)
        #expect(EventStrategy.fieldValue(e, path: "involvedObject.name") == "web")
        for s in APIResources.all {
            func check<S: ResourceStrategy>(_ s: S.Type) { #expect(S.selectableFields.contains("metadata.name")) }
            check(s)
        }
    }
}

@Suite struct SelectorTests {
    @Test func parsesAllForms() throws {
        let s = try Selector.parse("a=b, c!=d,e in (x, y),f notin (z),!g,h,i==j,k>5,l<3")
        #expect(s.requirements.map(\.op) == [.equals, .notEquals, .in, .notIn, .doesNotExist, .exists, .equals, .greaterThan, .lessThan])
        #expect(s.requirements[2].values == ["x", "y"])
        #expect(s.matches(["a": "b", "c": "q", "e": "y", "h": "", "i": "j", "k": "6", "l": "2"]))
        #expect(!s.matches(["a": "b", "c": "d", "e": "y", "h": "", "i": "j", "k": "6", "l": "2"]))
        #expect(!s.matches(["a": "b", "e": "y", "g": "1", "h": "", "i": "j", "k": "6", "l": "2"]))
        #expect(!s.matches(["a": "b", "e": "y", "h": "", "i": "j", "k": "5", "l": "2"]))
        #expect(try Selector.parse("").isEmpty)
        #expect(try Selector.parse("").matches(["x": "y"]))
        #expect(try Selector.parse("a=").matches(["a": ""]))
        #expect(try Selector.parse("example.com/tier=front").matches(["example.com/tier": "front"]))
    }

    @Test(arguments: ["a=b=c", "a in x", "a in (x", "!", "a,", "=b", "a b", "bad key=x", "a=-bad", "k>x", "a notin", "(a)"])
    func rejects(text: String) {
        #expect(throws: Selector.ParseError.self, "\(text)") { try Selector.parse(text) }
    }

    @Test func labelSelectorConversion() throws {
        let ls = LabelSelector(matchLabels: ["app": "web"], matchExpressions: [LabelSelectorRequirement(key: "tier", operator: "In", values: ["a", "b"]), LabelSelectorRequirement(key: "x", operator: "DoesNotExist")])
        #expect(ls.matches(["app": "web", "tier": "a"]))
        #expect(!ls.matches(["app": "web", "tier": "c"]))
        #expect(!ls.matches(["app": "web", "tier": "a", "x": "1"]))
        #expect(try ls.toSelector().description == "app=web,tier in (a,b),!x")
        let bad = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "t", operator: "In")])
        #expect(bad.validate(path: FieldPath("spec.selector")).map(\.message) == ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"])
        #expect(throws: Selector.ParseError.self) { try LabelSelector(matchExpressions: [.init(key: "a", operator: "Maybe")]).toSelector() }
    }

    @Test func fieldSelectors() throws {
        let f = try FieldSelector.parse("metadata.name=a\\,b,status.phase!=Running,spec.nodeName==n1")
        #expect(f.requirements == [.init(field: "metadata.name", value: "a,b"), .init(field: "status.phase", negated: true, value: "Running"), .init(field: "spec.nodeName", value: "n1")])
        #expect(f.requiredValue(for: "spec.nodeName") == "n1")
        let values = ["metadata.name": "a,b", "status.phase": "Pending", "spec.nodeName": "n1"]
        #expect(f.matches { values[$0] })
        #expect(!f.matches { $0 == "spec.nodeName" ? "n2" : values[$0] })
        #expect(!f.matches { _ in nil })
        #expect(throws: FieldSelector.ParseError.self) { try FieldSelector.parse("justaword") }
        #expect(try FieldSelector.parse("").isEmpty)
        #expect(f.description == "metadata.name=a\\,b,status.phase!=Running,spec.nodeName=n1")
    }
}

@Suite struct DiscoveryTests {
    @Test func coreAndApps() throws {
        let v1 = try #require(APIResources.resourceList(groupVersion: "v1"))
        let names = v1.resources.map(\.name)
        for n in ["pods", "pods/status", "pods/binding", "pods/log", "pods/exec", "services", "services/status", "endpoints", "nodes", "nodes/status",
                  "replicationcontrollers", "replicationcontrollers/scale", "events", "configmaps", "secrets", "namespaces", "bindings"] {
            #expect(names.contains(n), "\(n)")
        }
        let pods = try #require(v1.resources.first { $0.name == "pods" })
        #expect(pods.shortNames == ["po"])
        #expect(pods.categories == ["all"])
        #expect(pods.verbs.contains("watch"))
        let apps = try #require(APIResources.resourceList(groupVersion: "apps/v1"))
        #expect(apps.resources.first { $0.name == "deployments/scale" }?.group == "autoscaling")
        #expect(APIResources.groupList().groups.map(\.name) == ["apps", "coordination.k8s.io"])
        #expect(APIResources.strategy(group: "apps", version: "v1", plural: "deployments") != nil)
        #expect(APIResources.strategy(group: "", version: "v1", plural: "deployments") == nil)
        #expect(APIResources.strategy(apiVersion: "v1", kind: "Pod")?.resourceInfo.plural == "pods")
        #expect(APIResources.resourceList(groupVersion: "nope/v9") == nil)
    }
}

@Suite struct DeletionTests {
    @Test func deleteOptions() {
        #expect(DeleteOptionsValidation.validate(DeleteOptions(gracePeriodSeconds: 0, propagationPolicy: "Background")).isEmpty)
        #expect(DeleteOptionsValidation.validate(DeleteOptions(propagationPolicy: "Sideways")).map(\.message)
            == [#"propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil""#])
        #expect(DeleteOptionsValidation.validate(DeleteOptions(orphanDependents: true, propagationPolicy: "Orphan")).count == 1)
        #expect(DeleteOptionsValidation.validate(DeleteOptions(dryRun: ["Some"])).map(\.field) == ["dryRun[0]"])
    }

    @Test func podGracePeriods() {
        var pod = Pod(metadata: ObjectMeta(name: "p", namespace: "d"))
        pod.spec.terminationGracePeriodSeconds = 45
        #expect(PodStrategy.deletionGracePeriod(pod, options: nil) == 0, "unscheduled pods go at once")
        pod.spec.nodeName = "n1"
        #expect(PodStrategy.deletionGracePeriod(pod, options: nil) == 45)
        #expect(PodStrategy.deletionGracePeriod(pod, options: DeleteOptions(gracePeriodSeconds: 5)) == 5)
        let now = Time(secondsSinceEpoch: 1000)
        #expect(PodStrategy.markForDeletion(&pod, options: nil, now: now))
        #expect(pod.metadata.deletionTimestamp == Time(secondsSinceEpoch: 1045))
        #expect(pod.metadata.deletionGracePeriodSeconds == 45)
        // A second delete may shorten, never lengthen.
        #expect(PodStrategy.markForDeletion(&pod, options: DeleteOptions(gracePeriodSeconds: 100), now: Time(secondsSinceEpoch: 1001)))
        #expect(pod.metadata.deletionGracePeriodSeconds == 45)
        #expect(pod.metadata.deletionTimestamp == Time(secondsSinceEpoch: 1045))
        #expect(PodStrategy.markForDeletion(&pod, options: DeleteOptions(gracePeriodSeconds: 2), now: Time(secondsSinceEpoch: 1010)))
        #expect(pod.metadata.deletionTimestamp == Time(secondsSinceEpoch: 1012))
        pod.status.phase = "Succeeded"
        #expect(!PodStrategy.markForDeletion(&pod, options: nil, now: now))
    }
}

@Suite struct HelperTests {
    @Test func podConditions() {
        var pod = Pod(metadata: ObjectMeta(name: "p", namespace: "d"))
        #expect(pod.metadata.key == "d/p")
        #expect(!pod.isReady)
        let first = pod.setCondition(PodCondition(type: "Ready", status: "False"), now: Time(secondsSinceEpoch: 10))
        #expect(first)
        let again = pod.setCondition(PodCondition(type: "Ready", status: "False"), now: Time(secondsSinceEpoch: 20))
        #expect(!again)
        #expect(pod.condition("Ready")?.lastTransitionTime == Time(secondsSinceEpoch: 10))
        let flipped = pod.setCondition(PodCondition(type: "Ready", status: "True"), now: Time(secondsSinceEpoch: 30))
        #expect(flipped)
        #expect(pod.isReady)
        #expect(pod.condition("Ready")?.lastTransitionTime == Time(secondsSinceEpoch: 30))
        #expect(pod.isActive)
        pod.status.phase = "Failed"
        #expect(pod.isTerminal && !pod.isActive)
        pod.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "ReplicationController", name: "rc", uid: "u", controller: true)]
        #expect(pod.metadata.controllerRef?.name == "rc")
    }

    @Test func tolerations() {
        let taint = Taint(key: "k", value: "v", effect: "NoSchedule")
        #expect(Toleration(key: "k", operator: "Equal", value: "v", effect: "NoSchedule").tolerates(taint))
        #expect(Toleration(key: "k", operator: "Exists").tolerates(taint))
        #expect(Toleration(operator: "Exists").tolerates(taint))
        #expect(!Toleration(key: "k", operator: "Equal", value: "w").tolerates(taint))
        #expect(!Toleration(key: "k", operator: "Exists", effect: "NoExecute").tolerates(taint))
        #expect(Toleration(key: "k", value: "v").tolerates(taint))
    }

    @Test func nodeHelpers() throws {
        let node = try JSONValue(json: Fixtures.node).decode(Node.self)
        #expect(node.isReady)
        #expect(node.address("InternalIP") == "10.0.0.5")
        #expect(node.address("ExternalIP") == nil)
    }
}
