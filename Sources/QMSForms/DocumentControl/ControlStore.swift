import Crypto
import Foundation

/// The tool's own part of a workspace, `.qms/`: the register of released revisions
/// (`register.json`) and their frozen bytes (`revisions/NUMBER/A-1.xml`, written once, read-only).
struct ControlStore {
    let directory: URL

    var registerURL: URL { directory.appendingPathComponent("register.json") }

    /// The persisted register: for each document, its released revisions in order.
    struct State: Codable, Equatable {
        var format = 1
        var documents: [Document] = []

        struct Document: Codable, Equatable {
            var number: String
            var alias: String
            /// The working copy's file name in `forms/`.
            var file: String
            var released: [Released]
        }

        struct Released: Codable, Equatable {
            var revision: String
            var sha256: String
            /// Path below `.qms/`.
            var file: String
            var effective: String
            var releasedAt: String
        }
    }

    func load() throws(ChangeControlError) -> State {
        guard let data = try? Data(contentsOf: registerURL) else { throw .notAWorkspace(directory.deletingLastPathComponent().path) }
        do { return try JSONDecoder().decode(State.self, from: data) } catch {
            throw .io("\(registerURL.path) is damaged: \(error)")
        }
    }

    func save(_ state: State) throws(ChangeControlError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(state) } catch { throw .io("cannot encode the register: \(error)") }
        try write(data, to: "register.json", replacing: true)
    }

    /// Writes a released revision's bytes once; returns its path below `.qms/`.
    func freeze(_ data: Data, number: String, revision: Revision) throws(ChangeControlError) -> String {
        let relative = "revisions/\(number)/\(revision.edition)-\(revision.number).xml"
        try write(data, to: relative, replacing: false)
        chmod(directory.appendingPathComponent(relative).path, 0o444)
        return relative
    }

    /// The frozen bytes, checked against the SHA-256 the register holds.
    func frozen(_ r: State.Released, number: String) throws(ChangeControlError) -> Data {
        let url = directory.appendingPathComponent(r.file)
        guard let data = try? Data(contentsOf: url) else { throw .io("\(url.path): frozen revision missing") }
        guard Self.sha256(data) == r.sha256 else {
            throw .tampered(document: number, revision: Revision(r.revision) ?? Revision(edition: "A", number: 0), path: url.path)
        }
        return data
    }

    static func sha256(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Temporary file, fsync, rename, fsync of the folder; `replacing: false` never overwrites.
    func write(_ data: Data, to relative: String, replacing: Bool) throws(ChangeControlError) {
        let target = directory.appendingPathComponent(relative)
        let folder = target.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .io("cannot create \(folder.path): \(error.localizedDescription)")
        }
        if !replacing && FileManager.default.fileExists(atPath: target.path) {
            throw .io("\(target.path) exists already; frozen files are never overwritten")
        }
        let temp = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        unlink(temp.path)
        do {
            try DurableFile.writeSynced(data, to: temp)
            try DurableFile.place(temp, at: target, replacing: replacing)
        } catch {
            unlink(temp.path)
            throw .io("cannot write \(target.path): \(error.message)")
        }
        DurableFile.syncFolder(folder)
    }
}
