import Foundation
import SkiffAPI
import Testing
@testable import SkiffKubeletServer

struct RemoteCommandTests {
    @Test func negotiation() {
        #expect(RemoteCommand.negotiate("v5.channel.k8s.io, v4.channel.k8s.io, channel.k8s.io") == "v5.channel.k8s.io")
        #expect(RemoteCommand.negotiate("v4.channel.k8s.io") == "v4.channel.k8s.io")
        #expect(RemoteCommand.negotiate("channel.k8s.io") == nil)
        #expect(RemoteCommand.negotiate(nil) == nil)
    }

    @Test func options() throws {
        let o = try RemoteCommand.options(NodeRoute.query("command=sh&command=-c&command=exit%207&stdin=true&stdout=true&stderr=true&tty=false"))
        #expect(o.command == ["sh", "-c", "exit 7"])
        #expect(o.stdin && o.stdout && o.stderr && !o.tty)
        let t = try RemoteCommand.options(["command": ["sh"], "tty": ["true"]])
        #expect(t.tty && !t.stderr)
        #expect(throws: RemoteCommand.ExecError.self) { try RemoteCommand.options(["stdin": ["true"]]) }
        #expect(NodeRoute.parse("/exec/default/web/app") == .exec(namespace: "default", pod: "web", container: "app"))
        #expect(!NodeRoute.exec(namespace: "a", pod: "b", container: "c").readOnly)
    }

    @Test func inboundMessages() {
        #expect(RemoteCommand.parse([0, 97, 98]) == .stdin([97, 98]))
        #expect(RemoteCommand.parse([255, 0]) == .close(stream: 0))
        #expect(RemoteCommand.parse([4] + Array(#"{"Width":120,"Height":40}"#.utf8)) == .resize(width: 120, height: 40))
        #expect(RemoteCommand.parse([4, 123]) == .ignored)
        #expect(RemoteCommand.parse([]) == .ignored)
        #expect(RemoteCommand.frame(1, [65]) == [1, 65])
    }

    @Test func exitStatus() throws {
        let ok = try JSONValue(from: Data(RemoteCommand.status(exitCode: 0, command: ["true"])))
        #expect(ok["status"]?.stringValue == "Success")
        let bad = try JSONValue(from: Data(RemoteCommand.status(exitCode: 7, command: ["sh", "-c", "exit 7"])))
        #expect(bad["status"]?.stringValue == "Failure")
        #expect(bad["reason"]?.stringValue == "NonZeroExitCode")
        #expect(bad["details"]?["causes"]?[0]?["reason"]?.stringValue == "ExitCode")
        #expect(bad["details"]?["causes"]?[0]?["message"]?.stringValue == "7")
    }
}
