import SkiffAPI

/// The options of one `/containerLogs` request, parsed from its query. Pure.
public struct LogRequest: Sendable, Equatable {
    public var options = LogOptions()
    public var follow = false
    public var previous = false

    public init() {}

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var field: String
        public var message: String
        public var description: String { "\(field): \(message)" }
    }

    /// `now` (seconds since the epoch) anchors sinceSeconds.
    public static func parse(_ q: [String: [String]], now: Double) throws -> LogRequest {
        var r = LogRequest()
        func bool(_ k: String) throws -> Bool {
            guard let v = q[k]?.last else { return false }
            switch v.lowercased() {
            case "", "true", "1": return true
            case "false", "0": return false
            default: throw Invalid(field: k, message: "expected true or false, got \"\(v)\"")
            }
        }
        func int(_ k: String, min: Int) throws -> Int? {
            guard let v = q[k]?.last else { return nil }
            guard let i = Int(v), i >= min else { throw Invalid(field: k, message: "expected an integer ≥ \(min), got \"\(v)\"") }
            return i
        }
        r.follow = try bool("follow")
        r.previous = try bool("previous")
        r.options.timestamps = try bool("timestamps")
        r.options.tailLines = try int("tailLines", min: 0)
        r.options.limitBytes = try int("limitBytes", min: 1)
        if let s = try int("sinceSeconds", min: 1) { r.options.since = now - Double(s) }
        if let t = q["sinceTime"]?.last {
            guard let v = CRILogLine.parseTime(Substring(t)) else { throw Invalid(field: "sinceTime", message: "expected an RFC 3339 time, got \"\(t)\"") }
            if q["sinceSeconds"] != nil { throw Invalid(field: "sinceTime", message: "at most one of sinceTime or sinceSeconds may be specified") }
            r.options.since = v
        }
        return r
    }
}

extension CRILogRenderer {
    /// Renders lines that arrive while following (no tail: they are all new), keeping track of
    /// whether the next line starts a new output line (for timestamps after partial lines).
    public static func renderFollowed(_ raw: [Substring], options: LogOptions, atLineStart: inout Bool) -> String {
        var out = ""
        for r in raw {
            guard let l = CRILogLine(r) else { continue }
            if let since = options.since, l.time < since { continue }
            if options.timestamps && atLineStart { out += l.timestamp + " " }
            out += l.content
            if !l.partial { out += "\n" }
            atLineStart = !l.partial
        }
        return out
    }
}
