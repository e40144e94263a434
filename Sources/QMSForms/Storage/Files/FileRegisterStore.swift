import Foundation

/// The register kept in files: `.qms/register.json` and the frozen bytes of every released
/// revision in `.qms/revisions/NUMBER/A-1.xml` (written once, read-only).
public struct FileRegisterStore: DocumentRegisterStore {
    /// The `.qms/` folder.
    public let directory: URL

    /// The register in `directory` (`.qms/`).
    public init(directory: URL) { self.directory = directory }

    var registerURL: URL { directory.appendingPathComponent("register.json") }

    /// Whether a register exists here.
    public var exists: Bool { FileManager.default.fileExists(atPath: registerURL.path) }

    public func load() async throws -> RegisterState { try read() }

    public func create(_ documents: [RegisterState.Registration]) async throws { try write(documents) }

    public func release(_ revision: RegisterState.Release, bytes: Data, for number: String) async throws -> RegisterState.Released {
        var state = try read()
        guard let i = state.documents.firstIndex(where: { $0.number == number }) else { throw ChangeControlError.unknownDocument(number) }
        let released = RegisterState.Released(revision: revision.revision.description, sha256: revision.sha256,
                                              file: try freeze(bytes, number: number, revision: revision.revision),
                                              effective: revision.effective, releasedAt: revision.releasedAt)
        state.documents[i].released.append(released)
        try save(state)
        return released
    }

    public func frozen(_ r: RegisterState.Released, of number: String) async throws -> Data {
        let url = directory.appendingPathComponent(r.file)
        guard let data = try? Data(contentsOf: url) else { throw ChangeControlError.frozenMissing(document: number, revision: r.revision, path: url.path) }
        guard Digest.sha256(data) == r.sha256 else {
            throw ChangeControlError.tampered(document: number, revision: Revision(r.revision) ?? Revision(edition: "A", number: 0), path: url.path)
        }
        return data
    }

    public func unregisteredFiles() async throws -> [(document: String, path: String)] {
        let known = Set(try read().documents.flatMap { $0.released.map(\.file) })
        let revisions = directory.appendingPathComponent("revisions")
        var found: [(document: String, path: String)] = []
        for number in ((try? FileManager.default.contentsOfDirectory(atPath: revisions.path)) ?? []).sorted() {
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: revisions.appendingPathComponent(number).path)) ?? []).sorted()
            where !known.contains("revisions/\(number)/\(file)") {
                found.append((number, "revisions/\(number)/\(file)"))
            }
        }
        return found
    }

    // MARK: - The files

    func read() throws(ChangeControlError) -> RegisterState {
        guard exists else { throw .notAWorkspace(directory.deletingLastPathComponent().path) }
        let data: Data
        do { data = try FileError.attempt(.read, registerURL) { try Data(contentsOf: registerURL) } } catch { throw .file(error) }
        do { return try JSONDecoder().decode(RegisterState.self, from: data) } catch {
            throw .damagedRegister(registerURL.path)
        }
    }

    /// Freezes every registration's bytes, then writes the register (its commit point).
    func write(_ documents: [RegisterState.Registration]) throws(ChangeControlError) {
        var state = RegisterState()
        for d in documents {
            let file = try freeze(d.bytes, number: d.number, revision: d.release.revision)
            state.documents.append(.init(number: d.number, alias: d.alias, file: d.file, released: [
                .init(revision: d.release.revision.description, sha256: d.release.sha256, file: file,
                      effective: d.release.effective, releasedAt: d.release.releasedAt),
            ]))
        }
        try save(state)
    }

    func save(_ state: RegisterState) throws(ChangeControlError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(state) } catch { preconditionFailure("the register always encodes") }
        try store(data, at: "register.json", replacing: true)
    }

    /// Writes a released revision's bytes once, read-only; returns its path below `.qms/`.
    func freeze(_ data: Data, number: String, revision: Revision) throws(ChangeControlError) -> String {
        let relative = "revisions/\(number)/\(revision.edition)-\(revision.number).xml"
        try store(data, at: relative, replacing: false)
        chmod(directory.appendingPathComponent(relative).path, 0o444)
        return relative
    }

    /// Temporary file, fsync, rename, fsync of the folder; `replacing: false` never overwrites.
    func store(_ data: Data, at relative: String, replacing: Bool) throws(ChangeControlError) {
        do { try DurableFile.store(data, at: directory.appendingPathComponent(relative), replacing: replacing) } catch {
            throw .file(error)
        }
    }
}
