import Foundation
import QMSForms
import QMSFormsPostgres
import Synchronization

extension WorkspaceOptions {
    /// The shared archive's URL: `--archive`, else `QMS_ARCHIVE`, else `archive:` in `qms.yaml`;
    /// `nil` for the workspace's own files.
    func sharedArchive() throws -> String? {
        if let url = archiveURL ?? ProcessInfo.processInfo.environment["QMS_ARCHIVE"].flatMap({ $0.isEmpty ? nil : $0 }) { return url }
        return try settings().archive
    }

    /// The stores of this workspace's archive: its files, or the shared database (one connection
    /// pool per process and location).
    func stores() async throws -> ArchiveStores {
        let ws = workspace
        do {
            guard let shared = try sharedArchive() else {
                guard ws.isControlled else { throw ChangeControlError.notAWorkspace(ws.root.path) }
                return try ArchiveStores.files(of: ws)
            }
            let key = ws.root.standardizedFileURL.path + "\n" + shared
            if let open = OpenStores.all.withLock({ $0[key] }) { return open }
            let stores = try await PostgresArchive.open(try PostgresLocation(shared), workspace: ws)
            return OpenStores.all.withLock { open in
                if let first = open[key] { stores.close(); return first }
                open[key] = stores
                return stores
            }
        } catch let f as Failure { throw f } catch { throw Failure(error) }
    }
}

/// The shared archives this process has opened, by workspace and location: one connection pool each.
private enum OpenStores {
    static let all = Mutex<[String: ArchiveStores]>([:])
}
