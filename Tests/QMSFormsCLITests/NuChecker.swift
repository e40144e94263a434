import Foundation
import Testing

/// Asks the W3C Nu checker about `pages`: a failure names its errors; a missing checker is a
/// failure under CI=true and a printed note elsewhere (never a pass).
func expectValidHTML(_ pages: [URL], sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard let java = CLI.which("java"), let jar = CLI.vnuJar else {
        if CLI.isCI { Issue.record("the Nu checker is missing, and CI=true requires it", sourceLocation: sourceLocation) }
        else { print("note: the Nu checker is missing; not run (this is not a pass)") }
        return
    }
    let vnu = try CLI.run(java, ["-jar", jar.path, "--errors-only"] + pages.map(\.path))
    #expect(vnu.status == 0, "Nu checker: \(vnu.stderr)", sourceLocation: sourceLocation)
}
