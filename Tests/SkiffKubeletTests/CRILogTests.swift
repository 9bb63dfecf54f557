import Foundation
import Testing
@testable import SkiffKubelet

private let sample = """
2026-11-23T07:00:00.000000001Z stdout F one
2026-11-23T07:00:01.5Z stderr F two
2026-11-23T07:00:02Z stdout P thr
2026-11-23T07:00:02.1Z stdout F ee
2026-11-23T07:00:03+01:00 stdout F four
2026-11-23T07:00:04Z stdout F 

"""

@Test func parsesCRILines() throws {
    let l = try #require(CRILogLine("2016-10-06T00:17:09.669794202Z stdout F hello world"))
    #expect(l.stream == .stdout && !l.partial && l.content == "hello world")
    #expect(abs(l.time - 1475713029.669794202) < 1e-6)
    #expect(CRILogLine("garbage") == nil)
    #expect(CRILogLine.parseTime("1970-01-01T01:00:00+01:00") == 0)
}

@Test func rendersWithTailSinceTimestampsAndLimit() {
    #expect(CRILogRenderer.render(sample, options: .init()) == "one\ntwo\nthree\nfour\n\n")
    #expect(CRILogRenderer.render(sample, options: .init(tailLines: 2)) == "four\n\n")
    #expect(CRILogRenderer.render(sample, options: .init(tailLines: 3)) == "three\nfour\n\n")
    #expect(CRILogRenderer.render(sample, options: .init(tailLines: 0)) == "")
    let since = CRILogLine.parseTime("2026-11-23T07:00:01Z")
    #expect(CRILogRenderer.render(sample, options: .init(since: since)).hasPrefix("two\nthree\n"))
    #expect(CRILogRenderer.render(sample, options: .init(tailLines: 1, timestamps: true)) == "2026-11-23T07:00:04Z \n")
    #expect(CRILogRenderer.render(sample, options: .init(limitBytes: 6)) == "one\ntw")
}
