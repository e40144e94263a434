/// The clauses of ISO 9001:2015 7.5.2–7.5.3 and 21 CFR Part 11 (11.10, 11.50, 11.70, 11.100, 11.200,
/// 11.300) with what qmsforms does for each, and — from ``ComplianceEvidence`` — the tests that
/// prove it. A clause is ✔ only with tests behind it; what only the company can do says so.
///
/// ```swift
/// for c in ComplianceChecklist.clauses where c.status == .met { print(c.clause, c.tests.count) }
/// ```
public enum ComplianceChecklist {
    /// Every clause, in the order of the standards.
    public static var clauses: [ComplianceClause] {
        entries.map { e in
            ComplianceClause(clause: e.clause, tag: e.tag, requirement: e.requirement, status: e.status, feature: e.feature,
                             tests: ComplianceEvidence.tests[e.tag] ?? [])
        }
    }

    private typealias Entry = (clause: String, tag: String, requirement: String, status: ComplianceClause.Status, feature: String)

    private static let entries: [Entry] = [
        ("ISO 9001:2015 7.5.2", "iso7_5_2", "Creating and updating documented information: identification, format, review and approval",
         .met, "Each form is a controlled document with number, edition/revision and change record; a revision is prepared, reviewed "
            + "and approved by three different people (each an authenticated account, an audited act) before it is released"),
        ("ISO 9001:2015 7.5.3", "iso7_5_3", "Control of documented information: available where needed, protected; distribution, retrieval, "
            + "storage, preservation, change control, retention and disposition",
         .met, "Only the revision in force fills records; obsolete and not-yet-effective prints are marked; records are write-once, "
            + "searchable, kept for the form's retention and disposed of only when due, the fact kept"),
        ("21 CFR 11.10(a)", "cfr11_10a", "Validation of systems for accuracy, reliability, consistent intended performance, and the "
            + "ability to discern invalid or altered records",
         .partly, "Altered records are discerned: every file is hashed in a hash-chained audit trail with a signed head, and "
            + "archive verify names each change; signatures are checked by xmlsec1. Validating the system for its intended use "
            + "(IQ/OQ/PQ) is the company's, with this test suite as evidence"),
        ("21 CFR 11.10(b)", "cfr11_10b", "Accurate and complete copies of records in human readable and electronic form for inspection",
         .met, "The frozen HTML print and PDF of every revision, the archival XML valid against its form's XSD, and BagIt exports "
            + "an auditor checks with bagit.py, openssl and xmlsec1 alone"),
        ("21 CFR 11.10(c)", "cfr11_10c", "Protection of records to enable their accurate and ready retrieval throughout the retention period",
         .met, "Write-once files made durable before they are logged; crashes and a full disk leave a consistent archive; "
            + "retention comes from the record and its form, never from the index"),
        ("21 CFR 11.10(d)", "cfr11_10d", "Limiting system access to authorized individuals",
         .met, "Accounts with bcrypt passwords, locking after 5 failed sign-ins, sessions that end when idle, disabled or re-keyed; "
            + "only administrators manage accounts"),
        ("21 CFR 11.10(e)", "cfr11_10e", "Secure, computer-generated, time-stamped audit trails of operator entries and actions that "
            + "create, modify or delete records; changes do not obscure earlier information",
         .met, "One hash-chained audit trail of every issue, correction, signature, refused signing, void, disposal, export, account "
            + "and document-control action, with who and when; corrections add revisions, earlier ones stay readable"),
        ("21 CFR 11.10(f)", "cfr11_10f", "Operational system checks to enforce permitted sequencing of steps and events",
         .met, "Prepared, reviewed, approved in that order before release; only the approved text is released; a void record is "
            + "never corrected; a signature is made on the latest revision only"),
        ("21 CFR 11.10(g)", "cfr11_10g", "Authority checks: only authorized individuals use the system, sign, alter a record or perform the operation",
         .met, "Each action needs its role (record, review, approve, release, dispose, export, administer); each signature meaning "
            + "needs the role it stands for"),
        ("21 CFR 11.10(h)", "cfr11_10h", "Device checks to determine the validity of the source of data input or operational instruction",
         .company, "Terminals and instruments are the company's. The web application only accepts state changes from its own origin "
            + "with the session's token; that protects the server, it is not a device check"),
        ("21 CFR 11.10(i)", "cfr11_10i", "People who develop, maintain or use the system have the education, training and experience for their tasks",
         .company, "Training records of the people are the company's (its training procedure), not the tool's"),
        ("21 CFR 11.10(j)", "cfr11_10j", "Written policies that hold individuals accountable for actions initiated under their electronic signatures",
         .company, "The company's written policy; the tool names the signer, meaning and time on every signature and in the trail"),
        ("21 CFR 11.10(k)", "cfr11_10k", "Controls over systems documentation: distribution, access and use; revision and change control with an audit trail",
         .partly, "The controlled forms and procedures are revised, approved, released and obsoleted with a change record and an "
            + "audit trail; the tool's own manuals (README, docs) are controlled by the company's procedure"),
        ("21 CFR 11.50", "cfr11_50", "Signature manifestation: printed name of the signer, date and time, and meaning, on every human-readable form",
         .met, "The printed and web page of a signed record show, in the signature block, the signer's name and account, the "
            + "meaning, the date and time with zone and the certificate"),
        ("21 CFR 11.70", "cfr11_70", "Signature/record linking: signatures cannot be excised, copied or transferred to falsify a record",
         .met, "An enveloped XML-DSig signature per signer over the record's exclusive C14N (ECDSA P-256, SHA-256, X.509 from the "
            + "workspace CA); one changed byte fails xmlsec1 and archive verify"),
        ("21 CFR 11.100", "cfr11_100", "Each electronic signature unique to one individual, never reused or reassigned; identity "
            + "verified before it is assigned; certification to the agency",
         .partly, "One account and one certificate per person; a reset or a disabled account revokes the certificate, names are never "
            + "reused. Verifying a person's identity and the letter to the FDA (11.100(b), (c)) are the company's"),
        ("21 CFR 11.200", "cfr11_200", "Signatures not based on biometrics use two distinct components (identification code and password), "
            + "given again at signing; used only by their genuine owners",
         .met, "Each signature is a ceremony: account name and password given again at the moment of signing, which unseal the "
            + "signer's own key; nobody else's password opens it"),
        ("21 CFR 11.300", "cfr11_300", "Controls for identification codes and passwords: uniqueness, periodic revision, loss management, "
            + "safeguards against unauthorized use, detection and reporting of attempts",
         .partly, "Unique account names; minimum length; disabling revokes; wrong passwords at signing are logged and lock signing "
            + "after 5 for 15 minutes. Password ageing (periodic revision) is not enforced by the tool yet"),
    ]
}
