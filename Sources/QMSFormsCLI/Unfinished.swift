import Foundation

/// After a commit, a step that failed (the index) is a warning, not a failure: the action
/// happened, and retrying it would make a duplicate. The next archive command finishes it.
func warnIfUnfinished(_ subject: String, _ unfinished: String?) {
    guard let unfinished else { return }
    writeDiagnostic("qmsforms: warning: \(subject) is done and in the audit log, but afterwards: \(unfinished); "
        + "the next archive command brings the index up to date (do not repeat the action)\n")
}
