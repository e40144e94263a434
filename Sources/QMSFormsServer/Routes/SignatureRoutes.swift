import Foundation
import Hummingbird
import QMSForms

/// Signing an archived record in the browser (21 CFR 11.200): the signer picks a meaning and gives
/// their password again; the record page lists every signature with name, meaning and time (11.50).
struct SignatureRoutes {
    let site: Site

    func add(to router: RouterGroup<WebContext>) {
        router.post("records/:number/sign") { request, context in
            let who = try context.signedIn()
            let n = try RecordRoutes.number(context)
            var request = request
            let form = try await PostedForm.read(&request, context: context)
            guard let meaning = form["meaning"], !meaning.isEmpty else { throw WebError.badRequest("choose what the signature means") }
            let key = try await site.signing.unlock(who.id, password: form["password"] ?? "", for: "\(n) as \(meaning)")
            _ = try await site.archive.sign(n, meaning: meaning, with: key)
            return Page.redirect(site.link("/records/\(n)"))
        }
    }

    /// The record page's signatures, and the form to sign with the meanings still open to `who`.
    func section(_ n: String, who: Principal, context: WebContext) async throws -> HTML {
        let l = context.language
        let signed = try XMLSignature.statements(in: try await site.archive.archivedXML(n), source: n)
        var h: HTML = "<h2>\(Words.signatures.in(l))</h2>"
        if signed.isEmpty {
            h += "<p>—</p>"
        } else {
            h += grid([Words.meaning, Words.signer, Words.time, Words.certificate], signed.map { s -> [HTML] in
                ["\(s.meaningLabel.in(l))", "\(s.signer) (\(s.account))", "\(s.printedTime)", "\(String(s.certificateSerial.prefix(16)))"]
            }, language: l, id: "signatures")
        }
        guard SigningAuthority.exists(in: site.workspace.signingAuthorityDirectory), !signed.contains(where: { $0.account == who.id }) else { return h }
        let open = try await site.archive.signatureMeanings(of: n).filter { m in
            !signed.contains { $0.meaning == m.id } && who.roles.contains(AuthorizationPolicy.Action.signingRole(m.id))
        }
        guard !open.isEmpty else { return h }
        let options = open.map { m -> HTML in "<option value=\"\(m.id)\">\(m.label.in(l))</option>" }.joined()
        return h + """
            <details class="sign"><summary>\(Words.sign.in(l))</summary>
            <form method="post" action="\(site.link("/records/\(n)/sign"))" class="sign">\(csrfField(context))
            <p>\(Words.signingStatement.in(l))</p>
            <label for="sign-meaning">\(Words.meaning.in(l))</label> <select id="sign-meaning" name="meaning">\(options)</select>
            <label for="sign-password">\(Words.passwordAgain.in(l))</label> <input id="sign-password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" id="sign">\(Words.signNow.in(l)) \(n)</button></form></details>
            """
    }
}
