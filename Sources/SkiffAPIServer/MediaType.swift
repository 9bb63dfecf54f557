/// Media types of request headers.
enum MediaType {
    /// The type without parameters, trimmed and lowercased: "Application/JSON; charset=utf-8"
    /// is "application/json". Pure; byte-level, since it runs on every request with a body.
    static func base(_ contentType: String) -> String {
        var utf8 = Substring(contentType).utf8
        if let semicolon = utf8.firstIndex(of: UInt8(ascii: ";")) { utf8 = utf8[..<semicolon] }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        while let c = utf8.first, isSpace(c) { utf8 = utf8.dropFirst() }
        while let c = utf8.last, isSpace(c) { utf8 = utf8.dropLast() }
        if !utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) { return String(Substring(utf8)) }
        return String(Substring(utf8)).lowercased()
    }
}
