import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Keeps every selector Service's Endpoints equal to its matching pods: event-driven over the
/// service, pod and endpoints informers (a pod's readiness change re-syncs its services at
/// once), the content decided by `EndpointsDecisions`.
public final class EndpointsController: Sendable {
    let client: SkiffClient
    let services: Informer<Service>
    let pods: Informer<Pod>
    let endpoints: Informer<Endpoints>
    let queue = WorkQueue()
    let events: EventRecorder
    let workers: Int
    let logger = Logger(label: "skiff.controllers.endpoint-controller")

    public init(client: SkiffClient, informers: SharedInformers, workers: Int = 5) {
        self.client = client
        self.services = informers.informer(Service.self)
        self.pods = informers.informer(Pod.self)
        self.endpoints = informers.informer(Endpoints.self)
        self.events = EventRecorder(sink: APIEventSink(client: client), component: "endpoint-controller")
        self.workers = workers
    }

    public func register() async {
        await services.addHandler(InformerHandler(
            onAdd: { [queue] s in await queue.add(objectKey(s.metadata)) },
            onUpdate: { [queue] _, s in await queue.add(objectKey(s.metadata)) },
            onDelete: { [queue] s in await queue.add(objectKey(s.metadata)) }))
        await pods.addHandler(InformerHandler(
            onAdd: { [self] p in await self.podChanged(nil, p) },
            onUpdate: { [self] old, p in await self.podChanged(old, p) },
            onDelete: { [self] p in await self.podChanged(nil, p) }))
        await endpoints.addHandler(InformerHandler(
            onUpdate: { [queue] _, e in await queue.add(objectKey(e.metadata)) },
            onDelete: { [queue] e in await queue.add(objectKey(e.metadata)) }))
    }

    /// Only what endpoints show counts: IP, readiness, labels, node, hostname, deletion.
    static func relevant(_ a: Pod, _ b: Pod) -> Bool {
        a.status.podIP != b.status.podIP || PodFacts.isReady(a) != PodFacts.isReady(b) || a.metadata.labels != b.metadata.labels
            || a.spec.nodeName != b.spec.nodeName || a.spec.hostname != b.spec.hostname || a.spec.subdomain != b.spec.subdomain
            || (a.metadata.deletionTimestamp == nil) != (b.metadata.deletionTimestamp == nil) || a.status.phase != b.status.phase
    }

    func podChanged(_ old: Pod?, _ pod: Pod) async {
        if let old, !Self.relevant(old, pod) { return }
        let ns = pod.metadata.namespace ?? ""
        for svc in await services.list(namespace: ns) {
            guard let sel = EndpointsDecisions.selector(svc) else { continue }
            if sel.matches(pod.metadata.labels ?? [:]) || (old.map { sel.matches($0.metadata.labels ?? [:]) } ?? false) {
                await queue.add(objectKey(svc.metadata))
            }
        }
    }

    public func run() async {
        await runWorkers(queue: queue, count: workers, sync: { [self] key in try await self.sync(key) },
                         onError: { [logger] key, error in logger.warning("syncing Endpoints \(key): \(error)") })
    }

    func sync(_ key: String) async throws {
        let (ns, name) = splitKey(key)
        guard let svc = await services.get(namespace: ns, name: name) else {
            // The service is gone: so are its endpoints.
            if await endpoints.get(namespace: ns, name: name) != nil {
                do { try await client.delete(Endpoints.self, namespace: ns, name: name) } catch let e as ClientError where e.isNotFound {}
            }
            return
        }
        guard EndpointsDecisions.selector(svc) != nil else { return }
        let existing = await endpoints.get(namespace: ns, name: name)
        let desired = EndpointsDecisions.endpoints(service: svc, pods: await pods.list(namespace: ns ?? ""), existing: existing)
        do {
            if let existing {
                guard EndpointsDecisions.differs(existing, desired) else { return }
                _ = try await client.update(desired)
            } else {
                var fresh = desired
                fresh.metadata.resourceVersion = nil
                _ = try await client.create(fresh, namespace: ns)
            }
        } catch let e as ClientError where e.isConflict || e.isAlreadyExists {
            // Our cache is behind; the informer's event brings us back.
            throw e
        } catch {
            events.event(svc, type: "Warning", reason: "FailedToUpdateEndpoint", message: "Failed to update endpoint \(key): \(error)")
            throw error
        }
    }
}
