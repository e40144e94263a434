import ArgumentParser
import QMSForms
import QMSFormsPostgres

struct ArchiveMigrateSchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-schema",
        abstract: "Create or bring up to date the PostgreSQL archive's schema (run as the schema's owner role).",
        discussion: """
            Connect as the role that owns the schema; the application's role (--app-role) is granted only \
            what the archive's operations need: it can append audit rows and record files but never change \
            or delete one. Each version is applied once, in order, in one transaction; a database whose \
            schema is newer than this qmsforms is refused.
            """)

    @Option(help: "The database, as the schema's owner: postgresql://OWNER@HOST/DB or postgresql://OWNER@/DB?host=/run/postgresql.")
    var archive: String
    @Option(help: "The role qmsforms serve and the command line connect as.") var appRole: String

    func run() async throws {
        do {
            let location = try PostgresLocation(archive)
            let applied = try await PostgresSchema.migrate(location, appRole: appRole)
            print(applied.isEmpty ? "\(location.database): schema version \(PostgresSchema.current), up to date"
                : "\(location.database): schema version \(PostgresSchema.current) (applied " + applied.map(String.init).joined(separator: ", ") + ")")
        } catch { throw Failure(error) }
    }
}
