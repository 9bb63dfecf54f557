import Foundation

/// One line of a container log in the CRI format the runtime writes:
/// `2016-10-06T00:17:09.669794202Z stdout F text` (`P` marks a partial line whose rest follows).
public struct CRILogLine: Sendable, Equatable {
    public enum Stream: String, Sendable { case stdout, stderr }
    /// The timestamp as written (RFC 3339 with nanoseconds).
    public var timestamp: String
    /// Seconds since the epoch, for `sinceSeconds`/`sinceTime` filtering.
    public var time: Double
    public var stream: Stream
    public var partial: Bool
    public var content: Substring

    /// Parses one line (without its newline); nil for a malformed line.
    public init?(_ line: Substring) {
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, let stream = Stream(rawValue: String(parts[1])),
              let t = Self.parseTime(parts[0]) else { return nil }
        timestamp = String(parts[0])
        time = t
        self.stream = stream
        let tag = parts[2]
        partial = tag.hasPrefix("P")
        content = parts.count == 4 ? parts[3] : ""
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` without Foundation's date formatters
    /// (they are slow and this runs per log line).
    public static func parseTime(_ s: Substring) -> Double? {
        let b = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<from + len {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              let sec = num(17, 2) else { return nil }
        var i = 19
        var frac = 0.0
        if i < b.count && b[i] == 46 {
            i += 1
            var scale = 0.1
            while i < b.count, b[i] >= 48 && b[i] <= 57 {
                frac += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offset = 0
        if i < b.count, b[i] == 43 || b[i] == 45 {
            guard let oh = num(i + 1, 2), let om = num(i + 4, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
        } else if !(i < b.count && (b[i] == 90 || b[i] == 122)) {
            return nil
        }
        // Days from civil (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (mo + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return Double(days * 86400 + h * 3600 + mi * 60 + sec - offset) + frac
    }
}

/// `kubectl logs` options as the kubelet's /containerLogs endpoint takes them.
public struct LogOptions: Sendable, Equatable {
    public var tailLines: Int?
    public var limitBytes: Int?
    /// Only lines at or after this time (from sinceSeconds or sinceTime).
    public var since: Double?
    public var timestamps = false

    public init(tailLines: Int? = nil, limitBytes: Int? = nil, since: Double? = nil, timestamps: Bool = false) {
        self.tailLines = tailLines; self.limitBytes = limitBytes; self.since = since; self.timestamps = timestamps
    }
}

/// Turns CRI log text into what `kubectl logs` prints. Pure.
public enum CRILogRenderer {
    /// Renders complete log text (possibly several rotated files joined, oldest first).
    public static func render(_ text: String, options: LogOptions) -> String {
        var lines: [CRILogLine] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let l = CRILogLine(raw) else { continue }
            if let since = options.since, l.time < since { continue }
            lines.append(l)
        }
        if let tail = options.tailLines {
            // Count whole lines: a run of partials and its final `F` is one line.
            var kept = 0
            var start = lines.count
            var i = lines.count - 1
            while i >= 0 {
                if !lines[i].partial || i == lines.count - 1 {
                    if kept == tail { break }
                    kept += 1
                }
                start = i
                i -= 1
            }
            while start < lines.count, start > 0, lines[start - 1].partial { start -= 1 }
            lines = Array(lines[min(start, lines.count)...])
            if tail <= 0 { lines = [] }
        }
        var out = ""
        var atLineStart = true
        for l in lines {
            if options.timestamps && atLineStart { out += l.timestamp + " " }
            out += l.content
            if !l.partial { out += "\n" }
            atLineStart = !l.partial
        }
        if let limit = options.limitBytes, out.utf8.count > limit {
            out = String(decoding: out.utf8.prefix(max(limit, 0)), as: UTF8.self)
        }
        return out
    }
}
