import Logging
import PostgresNIO

/// One connection pool to the archive's database, running for as long as its owner keeps it,
/// with the server's refusals turned into ``PostgresArchiveError`` values.
final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    let location: PostgresLocation
    private let runner: Task<Void, Never>

    init(_ location: PostgresLocation) {
        var logger = Logger(label: "qmsforms.postgres")
        logger.logLevel = .critical
        let configuration: PostgresClient.Configuration
        if let socket = location.socketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password, database: location.database)
        } else {
            configuration = .init(host: location.host ?? "localhost", port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: .disable)
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.location = location
        runner = Task { await client.run() }
    }

    /// Stops the pool.
    func close() { runner.cancel() }

    /// Runs `query` on a connection of the pool.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do { return try await client.query(query, logger: logger) } catch { throw Self.translated(error) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result>(_ body: (PostgresConnection) async throws -> sending Result) async throws -> sending Result {
        do { return try await client.withTransaction(logger: logger, body) } catch let error as PostgresTransactionError {
            throw Self.translated(error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch { throw Self.translated(error) }
    }

    /// The server's own words for `error`, when it said something; the error itself otherwise (ours pass through).
    static func translated(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError else { return error }
        if let message = psql.serverInfo?[.message] { return PostgresArchiveError.server(message) }
        return PostgresArchiveError.server("\(psql.code)")
    }
}
