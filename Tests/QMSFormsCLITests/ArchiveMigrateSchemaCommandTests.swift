import Foundation
import QMSFormsPostgres
import QMSFormsPostgresTesting
import Testing

/// `qmsforms archive migrate-schema` against a real PostgreSQL server: the schema made once, then
/// up to date; a location that is not one is a usage error that says what is wrong.
@Suite struct ArchiveMigrateSchemaCommandTests {
    @Test func theSchemaIsMadeOnceAndThenUpToDate() throws {
        let owner = try PostgresCluster.emptyDatabase()
        let url = "postgresql://qms_owner@/\(owner.database)?host=\(owner.socketFolder!)&port=\(owner.port)"
        let first = try CLI.run(CLI.binary, ["archive", "migrate-schema", "--archive", url, "--app-role", "qms_app"])
        #expect(first.status == 0 && first.stdout.contains("schema version \(PostgresSchema.current) (applied 1"), "\(first.stderr)")
        let again = try CLI.run(CLI.binary, ["archive", "migrate-schema", "--archive", url, "--app-role", "qms_app"])
        #expect(again.status == 0 && again.stdout.contains("up to date"), "\(again.stderr)")
        let bad = try CLI.run(CLI.binary, ["archive", "migrate-schema", "--archive", "mysql://x/y", "--app-role", "qms_app"])
        #expect(bad.status == 2 && bad.stderr.contains("does not start with postgresql://"), "\(bad.stderr)")
        let role = try CLI.run(CLI.binary, ["archive", "migrate-schema", "--archive", url, "--app-role", "app; DROP TABLE x"])
        #expect(role.status == 2 && role.stderr.contains("not a plain role name"), "\(role.stderr)")
    }
}
