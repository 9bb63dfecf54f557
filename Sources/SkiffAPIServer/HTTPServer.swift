import Foundation
import Hummingbird
import Logging
import NIOCore
import SkiffAPI

/// The HTTP listener (Hummingbird over SwiftNIO): turns requests into `APIRequest`s, enforces
/// the body size bound, and writes full or streamed (chunked watch) responses.
struct HTTPFrontend: Sendable {
    let handler: APIHandler
    let authenticator: any Authenticator
    let maxBodyBytes: Int
    let logger = Logger(label: "skiff.apiserver.http")

    func respond(_ request: Request) async -> Response {
        var headers: [String: String] = [:]
        for f in request.headers { headers[f.name.canonicalName] = f.value }
        guard authenticator.authenticate(headers: headers) != nil else {
            return Self.make(.error(APIError(.failure(code: 401, reason: "Unauthorized", message: "Unauthorized"))))
        }
        var body = Data()
        if request.method != .get && request.method != .head {
            do {
                let buf = try await request.body.collect(upTo: maxBodyBytes)
                body = Data(buf.readableBytesView)
            } catch is NIOTooManyBytesError {
                return Self.make(.error(APIError(.tooLarge("the request body is larger than the limit of \(maxBodyBytes) bytes"))))
            } catch {
                return Self.make(.error(APIError.badRequest("the request body could not be read: \(error)")))
            }
        }
        let req = APIRequest(method: request.method.rawValue, path: request.uri.path,
                             query: APIRequest.parseQuery(request.uri.query),
                             accept: headers["accept"] ?? "application/json",
                             contentType: headers["content-type"] ?? "application/json",
                             body: body)
        let response = await handler.handle(req)
        if response.status >= 500 {
            logger.warning("\(req.method) \(req.path) -> \(response.status)")
        } else {
            logger.debug("\(req.method) \(req.path) -> \(response.status)")
        }
        return Self.make(response)
    }

    static func make(_ r: APIResponse) -> Response {
        switch r {
        case .full(let status, let ct, let body):
            var h = HTTPFields()
            h[.contentType] = ct
            return Response(status: .init(code: status), headers: h, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        case .stream(let status, let ct, let stream):
            var h = HTTPFields()
            h[.contentType] = ct
            h[.cacheControl] = "no-cache, private"
            return Response(status: .init(code: status), headers: h, body: ResponseBody { writer in
                for await chunk in stream {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            })
        }
    }
}
