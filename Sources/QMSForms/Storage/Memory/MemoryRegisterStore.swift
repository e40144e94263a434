import Foundation
import Synchronization

/// The register kept in memory, for tests: the same operations and refusals as
/// ``FileRegisterStore``, nothing on disk.
///
/// ```swift
/// let register = MemoryRegisterStore()
/// try await register.create(registrations)
/// ```
public final class MemoryRegisterStore: DocumentRegisterStore {
    private struct Contents {
        var state: RegisterState?
        var frozen: [String: Data] = [:]
    }
    private let contents = Mutex(Contents())

    /// An empty register; ``create(_:)`` registers the first documents.
    public init() {}

    public func load() async throws -> RegisterState {
        guard let state = contents.withLock({ $0.state }) else { throw ChangeControlError.notAWorkspace("(in memory)") }
        return state
    }

    public func create(_ documents: [RegisterState.Registration]) async throws {
        try contents.withLock { c throws(ChangeControlError) in
            guard c.state == nil else { throw .workspaceExists("(in memory)") }
            var state = RegisterState()
            for d in documents {
                let key = Self.key(d.number, d.release.revision)
                c.frozen[key] = d.bytes
                state.documents.append(.init(number: d.number, alias: d.alias, file: d.file, released: [
                    .init(revision: d.release.revision.description, sha256: d.release.sha256, file: key,
                          effective: d.release.effective, releasedAt: d.release.releasedAt),
                ]))
            }
            c.state = state
        }
    }

    public func release(_ revision: RegisterState.Release, bytes: Data, for number: String) async throws -> RegisterState.Released {
        try contents.withLock { c throws(ChangeControlError) in
            guard var state = c.state else { throw .notAWorkspace("(in memory)") }
            guard let i = state.documents.firstIndex(where: { $0.number == number }) else { throw .unknownDocument(number) }
            let key = Self.key(number, revision.revision)
            guard c.frozen[key] == nil else { throw .file(FileError(.write, path: key, reason: "already frozen", remedy: "release the next revision")) }
            let released = RegisterState.Released(revision: revision.revision.description, sha256: revision.sha256, file: key,
                                                  effective: revision.effective, releasedAt: revision.releasedAt)
            c.frozen[key] = bytes
            state.documents[i].released.append(released)
            c.state = state
            return released
        }
    }

    public func frozen(_ r: RegisterState.Released, of number: String) async throws -> Data {
        guard let data = contents.withLock({ $0.frozen[r.file] }) else {
            throw ChangeControlError.frozenMissing(document: number, revision: r.revision, path: r.file)
        }
        guard Digest.sha256(data) == r.sha256 else {
            throw ChangeControlError.tampered(document: number, revision: Revision(r.revision) ?? Revision(edition: "A", number: 0), path: r.file)
        }
        return data
    }

    public func unregisteredFiles() async throws -> [(document: String, path: String)] {
        contents.withLock { c in
            let known = Set(c.state?.documents.flatMap { $0.released.map(\.file) } ?? [])
            return c.frozen.keys.filter { !known.contains($0) }.sorted().map { (String($0.split(separator: "/").first ?? ""), $0) }
        }
    }

    /// Replaces frozen bytes behind the register's back: what a test does to prove tampering is caught.
    public func tamper(_ file: String, with data: Data) { contents.withLock { $0.frozen[file] = data } }

    static func key(_ number: String, _ revision: Revision) -> String { "\(number)/\(revision.edition)-\(revision.number)" }
}
