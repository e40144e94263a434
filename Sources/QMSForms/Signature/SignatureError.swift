/// Why a signature could not be made, or why one does not verify.
public enum SignatureError: QMSError, Equatable {
    /// The password given at the signing ceremony is not the signer's.
    case wrongPassword(account: String)
    /// Too many wrong passwords: signing is locked until then.
    case locked(account: String, until: String)
    /// The account is disabled: its key no longer signs.
    case disabled(account: String)
    /// The workspace has no signing CA yet.
    case noAuthority(directory: String)
    /// `qmsforms ca init` on a workspace that has one.
    case authorityExists(directory: String)
    /// The account has no signing key (and none can be issued now).
    case noSigningKey(account: String)
    /// The meaning is not one the form's signature roles declare.
    case unknownMeaning(form: String, meaning: String, known: [String])
    /// The record already carries a signature with this meaning.
    case alreadySigned(number: String, meaning: String, by: String)
    /// Segregation of duties: the signer already signed the record with another meaning.
    case sameSigner(number: String, signer: String, earlier: String, meaning: String)
    /// The CA's files could not be read or made.
    case authorityFile(path: String, reason: String)
    /// A sealed key could not be made or read.
    case keySealing(String)
    /// A signature that does not verify, and why.
    case invalid(source: String, signature: Int, reason: String)

    public var category: ErrorCategory {
        switch self {
        case .unknownMeaning, .noAuthority, .authorityExists: .usage
        case .authorityFile, .keySealing: .io
        default: .refused
        }
    }

    public var description: String {
        switch self {
        case let .wrongPassword(account): "the password given is not \(account)'s: nothing was signed (the attempt is logged; "
            + "\(Account.lockAfter) in a row lock signing for \(Int(Account.lockFor / 60)) minutes)"
        case let .locked(account, until): "too many wrong passwords: signing as \(account) is locked until \(until)"
        case let .disabled(account): "the account \(account) is disabled: its signing key no longer signs"
        case let .noAuthority(directory): "this workspace has no signing CA (\(directory)): run qmsforms ca init first"
        case let .authorityExists(directory): "this workspace already has a signing CA (\(directory)); it is never replaced, since every signature chains to it"
        case let .noSigningKey(account): "\(account) has no signing key: an administrator issues one with qmsforms user add, or it is issued at the next signing once the workspace has a CA"
        case let .unknownMeaning(form, meaning, known): "\(form) has no signature role '\(meaning)'; its roles are: \(known.joined(separator: ", "))"
        case let .alreadySigned(number, meaning, by): "\(number) is already signed as \(meaning) by \(by)"
        case let .sameSigner(number, signer, earlier, meaning): "\(signer) signed \(number) as \(earlier) and may not also sign it as \(meaning): "
            + "each signature role of a record is a different person"
        case let .authorityFile(path, reason): "\(path): \(reason)"
        case let .keySealing(reason): "the signing key could not be sealed or opened: \(reason)"
        case let .invalid(source, signature, reason): "\(source): signature \(signature) does not verify: \(reason)"
        }
    }
}
