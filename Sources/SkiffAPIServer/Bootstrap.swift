import Foundation
import Logging
import SkiffAPI

/// Objects every cluster has from the start: the system namespaces and the `kubernetes`
/// service (first IP of the service range, port 443) with Endpoints pointing at this server.
enum Bootstrap {
    static let namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    static func run(_ registry: Registry, serviceIP: String, advertiseIP: String, port: Int, logger: Logger) async throws {
        let catalog = registry.catalog
        if let nsH = catalog.handler(group: "", version: "v1", plural: "namespaces") {
            for ns in namespaces {
                do {
                    _ = try await registry.create(nsH, namespace: nil, body: .object(["metadata": .object(["name": .string(ns)])]))
                    logger.info("created namespace \(ns)")
                } catch let e as APIError where e.code == 409 {}
            }
        }
        if let svcH = catalog.handler(group: "", version: "v1", plural: "services") {
            let svc: JSONValue = .object([
                "metadata": .object(["name": "kubernetes", "labels": .object(["component": "apiserver", "provider": "kubernetes"])]),
                "spec": .object([
                    "type": "ClusterIP", "clusterIP": .string(serviceIP), "sessionAffinity": "None",
                    "ports": [.object(["name": "https", "port": 443, "protocol": "TCP", "targetPort": .int(Int64(port))])],
                ]),
            ])
            do {
                _ = try await registry.create(svcH, namespace: "default", body: svc)
                logger.info("created service default/kubernetes at \(serviceIP)")
            } catch let e as APIError where e.code == 409 {
            } catch let e as APIError where e.code == 422 {
                logger.warning("service default/kubernetes: \(e)")
            }
        }
        // With port 0 the endpoints wait until the listener has its port.
        if port != 0, let epH = catalog.handler(group: "", version: "v1", plural: "endpoints") {
            let ep: JSONValue = .object([
                "metadata": .object(["name": "kubernetes", "labels": .object(["endpointslice.kubernetes.io/skip-mirror": "true"])]),
                "subsets": [.object([
                    "addresses": [.object(["ip": .string(advertiseIP)])],
                    "ports": [.object(["name": "https", "port": .int(Int64(port)), "protocol": "TCP"])],
                ])],
            ])
            do {
                _ = try await registry.create(epH, namespace: "default", body: ep)
            } catch let e as APIError where e.code == 409 {
                // The port may differ from the last run: keep the endpoints pointing here.
                _ = try? await registry.update(epH, namespace: "default", name: "kubernetes", body: ep)
            }
        }
    }
}
