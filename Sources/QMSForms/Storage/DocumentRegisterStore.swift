import Foundation

/// Where the register of controlled documents (受控文件清单) lives: for each document, its
/// released revisions in order, each with the frozen bytes it was released with.
///
/// Each write is one atomic operation: ``create(_:)`` registers a new set of documents,
/// ``release(_:bytes:for:)`` freezes a revision's bytes and records it in one step. Frozen bytes
/// are never changed; ``frozen(_:of:)`` checks them against the SHA-256 recorded at release.
///
/// Implementations: ``FileRegisterStore`` (`.qms/register.json` and `.qms/revisions/`, the
/// default), ``MemoryRegisterStore`` (tests).
///
/// ```swift
/// let state = try await register.load()
/// let bytes = try await register.frozen(state.documents[0].released[0], of: state.documents[0].number)
/// ```
public protocol DocumentRegisterStore: Sendable {
    /// The register as it stands.
    func load() async throws -> RegisterState

    /// Registers `documents` (each with the bytes of its first released revision) into an empty register.
    func create(_ documents: [RegisterState.Registration]) async throws

    /// Freezes `bytes` as `revision` of the document `number` and appends it to its released revisions.
    func release(_ revision: RegisterState.Release, bytes: Data, for number: String) async throws -> RegisterState.Released

    /// The frozen bytes of a released revision, checked against its SHA-256.
    func frozen(_ released: RegisterState.Released, of number: String) async throws -> Data

    /// Frozen files the register does not account for (document, place), for verification.
    func unregisteredFiles() async throws -> [(document: String, path: String)]
}
