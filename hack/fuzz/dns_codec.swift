// libFuzzer entry point for the DNS codec (built by hack/fuzz/dns.sh together with the codec's
// sources): every input either fails to parse with an error, or parses and re-encodes to bytes
// that parse back to the same message. A trap or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDNSCodec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? DNSDecoder.decode(bytes) else { return 0 }
    guard let again = try? DNSEncoder.encode(message) else { return 0 }
    guard let back = try? DNSDecoder.decode(again), back == message else {
        fatalError("re-encoded message does not parse back equal")
    }
    _ = try? DNSEncoder.encode(message, limit: 512)
    _ = message.questions.first?.name.key
    _ = message.questions.first?.name.description
    return 0
}
