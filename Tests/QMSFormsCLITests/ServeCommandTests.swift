import Foundation
import Testing

/// `qmsforms serve` as a newcomer starts it: loopback by default, the address printed, how to
/// make the first account when there is none, and a plain folder refused with one clear message.
@Suite struct ServeCommandTests {
    @Test func theFirstStartSaysHowToMakeAnAccount() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let ws = root.appendingPathComponent("ws")
        #expect(try CLI.qmsforms("init", ws.path).status == 0)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["serve", "--workspace", ws.path, "--port", "0"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        var said = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !String(decoding: said, as: UTF8.self).contains("\n") { said += out.fileHandleForReading.availableData }
        #expect(String(decoding: said, as: UTF8.self).hasPrefix("qmsforms serve: http://127.0.0.1:"), "on loopback unless told otherwise")
        p.terminate()
        p.waitUntilExit()
        let hint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(hint.contains("no account can sign in yet") && hint.contains("qmsforms user add NAME"), "\(hint)")
    }

    @Test func aFolderThatIsNoWorkspaceIsRefused() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try CLI.qmsforms("serve", "--workspace", root.path, "--port", "0")
        #expect(r.status != 0 && r.stderr.contains("qmsforms init"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count <= 2, "one clear message")
    }
}
