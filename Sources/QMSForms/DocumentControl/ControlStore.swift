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
        guard FileManager.default.fileExists(atPath: registerURL.path) else { throw .notAWorkspace(directory.deletingLastPathComponent().path) }
        let data: Data
        do { data = try FileError.attempt(.read, registerURL) { try Data(contentsOf: registerURL) } } catch { throw .file(error) }
        do { return try JSONDecoder().decode(State.self, from: data) } catch {
            throw .damagedRegister(registerURL.path)
        }
    }

    func save(_ state: State) throws(ChangeControlError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(state) } catch { preconditionFailure("the register always encodes") }
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
        guard let data = try? Data(contentsOf: url) else { throw .frozenMissing(document: number, revision: r.revision, path: url.path) }
        guard Digest.sha256(data) == r.sha256 else {
            throw .tampered(document: number, revision: Revision(r.revision) ?? Revision(edition: "A", number: 0), path: url.path)
        }
        return data
    }

    /// Temporary file, fsync, rename, fsync of the folder; `replacing: false` never overwrites.
    func write(_ data: Data, to relative: String, replacing: Bool) throws(ChangeControlError) {
        do { try DurableFile.store(data, at: directory.appendingPathComponent(relative), replacing: replacing) } catch {
            throw .file(error)
        }
    }
}
