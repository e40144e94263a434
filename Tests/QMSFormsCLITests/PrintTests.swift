import Foundation
import Testing

/// Printing judged by a real browser and poppler: headless Chromium makes the PDFs through
/// `qmsforms print`, and `pdfinfo`, `pdftotext` and `pdftoppm` say what is on the paper.
@Suite(.serialized) struct PrintTests {
    /// Chromium (as the tool finds it) and poppler; under CI=true both are required.
    func judges() -> PopplerTools? {
        let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(CLI.which).first
        for (tool, name) in [(chromium as Any?, "chromium (apt-get install chromium fonts-noto-cjk)"),
                             (PopplerTools.found, "poppler (apt-get install poppler-utils)")] where tool == nil {
            if CLI.isCI { Issue.record("\(name) is missing, and CI=true requires it") }
            else { print("note: \(name) missing; print judges not run (this is not a pass)") }
            return nil
        }
        return PopplerTools.found
    }

    /// Every example filled, every blank form, the procedure and a 200-entry call log, printed in
    /// one browser session, then every page checked.
    @Test func everyExampleAndBlankFormPrintsCorrectly() throws {
        guard let tools = judges() else { return }
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let bigLog = out.appendingPathComponent("log-200.csv")
        try Data(("record_no," + bigLogCSV.replacingOccurrences(of: "\n2026,", with: "\nLDB-2026-05,2026,")).utf8).write(to: bigLog)
        var pages: [(html: URL, record: String?)] = []
        for (alias, data, number) in examples + [("call-log", bigLog.path, "LDB-2026-05")] {
            let fill = try CLI.qmsforms("fill", alias, data.hasPrefix("/") ? data : "forms/examples/\(data)", "-o", out.path)
            #expect(fill.status == 0, "\(data): \(fill.stderr)")
            pages.append((out.appendingPathComponent("\(number).html"), number))
        }
        for alias in ["service-control"] + forms {
            #expect(try CLI.qmsforms("blank", alias, "-o", out.path).status == 0)
            pages.append((out.appendingPathComponent("\(alias)-blank.html"), nil))
        }
        let pdfs = out.appendingPathComponent("pdf")
        let printed = try CLI.qmsforms(["print"] + pages.map(\.html.path) + ["--pdf", pdfs.path])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stderr.contains("printed \(pages.count) PDFs in"))
        let titles = try formTitles()
        for (html, record) in pages {
            let pdf = pdfs.appendingPathComponent(html.deletingPathExtension().lastPathComponent + ".pdf")
            #expect(printed.stdout.contains(pdf.path))
            let inspection = try PDFInspection(pdf, tools: tools)
            try checkPaper(inspection, of: html, record: record, titles: titles)
            if record == "LDB-2026-05" {
                #expect(inspection.pages.count >= 5, "200 entries on \(inspection.pages.count) pages")
                for (i, page) in inspection.pages.enumerated() where joined(page).contains("LD-") {
                    // The table's header row repeats: its column labels are on every page with entries.
                    #expect(joined(page).contains("来电/来函时间") && joined(page).contains("Received at"), "log page \(i + 1) lacks the header row")
                }
                let words = Set(inspection.pages.flatMap(\.words).map(\.text))
                #expect((1...200).allSatisfy { words.contains(String($0)) }, "a row number is missing from the printed log")
            }
        }
    }

    /// The checks every printed page must pass.
    func checkPaper(_ pdf: PDFInspection, of html: URL, record: String?, titles: [String: (number: String, zh: String)]) throws {
        let name = html.lastPathComponent
        let source = try String(contentsOf: html, encoding: .utf8)
        let title = source.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first ?? ""
        let number = try #require(titles.values.first { title.contains(" " + $0.number) }, "\(name): no form number in its <title>")
        let landscape = source.contains("size: A4 landscape")
        let isProcedure = number.number.hasPrefix("SG-QP-")
        let n = pdf.pages.count
        #expect(n >= 1)
        #expect(joined(pdf.pages[0]).contains(number.zh), "\(name): the Chinese title is not extractable")
        for (i, page) in pdf.pages.enumerated() {
            let text = joined(page)
            let at = "\(name) page \(i + 1)/\(n)"
            #expect(landscape ? page.isA4Landscape : page.isA4Portrait, "\(at): \(page.width) × \(page.height) pt is not A4")
            #expect(text.contains(number.number + " A/0"), "\(at): no form number and revision")
            if !isProcedure { #expect(text.contains("记录编号 " + (record ?? "__________")), "\(at): no record number") }
            #expect(text.contains("第 \(i + 1) 页 共 \(n) 页") && text.contains("Page \(i + 1) of \(n)"), "\(at): no page X of Y")
            // Not blank: something between the running header and the page number.
            #expect(page.words.contains { $0.y > 55 && $0.yMax < page.height - 50 }, "\(at): a blank page")
            // Nothing cut at the edge: the outer 5 mm (top, bottom) and 10 mm (sides) carry no ink.
            #expect(page.inkNearEdges(topAndBottom: 5, sides: 10).isEmpty, "\(at): ink at the \(page.inkNearEdges(topAndBottom: 5, sides: 10)) edge")
        }
        // Nothing runs past the content box's right edge (the 14 mm side margin).
        for (i, page) in pdf.pages.enumerated() {
            let edge = page.width - 14 * 72 / 25.4 + 1.5
            let over = page.words.filter { $0.xMax > edge && $0.y > 55 && $0.yMax < page.height - 50 }
            #expect(over.isEmpty, "\(name) page \(i + 1)/\(n): past the right edge: \(over.prefix(3).map(\.text))")
        }
        // No page ends with a section heading or a table title left behind without its content,
        // and the signatures do not stand alone on the last page.
        let headings = Self.texts(source, between: "<h2>", and: "</h2>") + Self.texts(source, between: "<tr class=\"title\"><th scope=\"colgroup\"", and: "</th>")
        for (i, page) in pdf.pages.enumerated() {
            let lines = Self.contentLines(page)
            if let last = lines.last, i < n - 1 {
                #expect(!headings.contains(last), "\(name) page \(i + 1)/\(n) ends with the heading '\(last)' alone")
            }
            if i == n - 1, n > 1, let signing = Self.texts(source, between: "class=\"signing\" id=", and: "</h2>").first {
                #expect(lines.first != signing, "\(name): the signatures are alone on the last page")
            }
        }
        // Signature blocks (role; name; signature line, where signed by hand; date): every one printed, none split.
        let blocks = source.components(separatedBy: "<div class=\"printed\">姓名").count - 1
        var found = 0
        for (i, page) in pdf.pages.enumerated() {
            let names = anchors(page, "姓名", "Name"), signs = anchors(page, "签名", "Signature"), dates = anchors(page, "日期", "Date")
            found += names.count
            func below(_ a: PDFInspection.Word, within most: Double) -> (PDFInspection.Word) -> Bool {
                { abs($0.x - a.x) < 2 && $0.y > a.y && $0.y - a.y < most }
            }
            for a in names {
                #expect(dates.contains(where: below(a, within: 90)),
                        "\(name) page \(i + 1): the signature block at y=\(Int(a.y)) lost its date to the next page")
                #expect(page.words.contains { abs($0.x - a.x) < 2 && $0.y < a.y && a.y - $0.y < 40 },
                        "\(name) page \(i + 1): the signature block at y=\(Int(a.y)) lost its role to the previous page")
            }
            for line in signs + dates where !names.contains(where: { below($0, within: 90)(line) }) {
                Issue.record("\(name) page \(i + 1): a signature or date line at y=\(Int(line.y)) without its name above it")
            }
        }
        #expect(found == blocks, "\(name): \(blocks) signature blocks in the page, \(found) printed whole")
    }

    /// The first words of the lines labelled `zh en:` (`姓名 Name:`; poppler may make the colon a word of its own).
    func anchors(_ page: PDFInspection.Page, _ zh: String, _ en: String) -> [PDFInspection.Word] {
        let w = page.words.map(\.text)
        return w.indices.filter { i in
            w[i] == zh && i + 1 < w.count && (w[i + 1] == en + ":" || (w[i + 1] == en && i + 2 < w.count && w[i + 2].hasPrefix(":")))
        }.map { page.words[$0] }
    }

    func joined(_ page: PDFInspection.Page) -> String { page.words.map(\.text).joined(separator: " ") }

    /// The texts between `start` (an opening tag, or the start of one whose attributes follow)
    /// and `end` in `html`, tags removed, words joined by one space.
    static func texts(_ html: String, between start: String, and end: String) -> [String] {
        html.components(separatedBy: start).dropFirst().compactMap { $0.components(separatedBy: end).first }.map { chunk in
            plain(start.hasSuffix(">") ? chunk : String(chunk.drop { $0 != ">" }.dropFirst()))
        }
    }

    static func plain(_ fragment: String) -> String {
        fragment.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The page's lines between the running header and the page number, top to bottom.
    static func contentLines(_ page: PDFInspection.Page) -> [String] {
        let words = page.words.filter { $0.y > 55 && $0.yMax < page.height - 50 }.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
        var lines: [[PDFInspection.Word]] = []
        for w in words {
            if let last = lines.last?.last, abs(last.y - w.y) < 3 { lines[lines.count - 1].append(w) } else { lines.append([w]) }
        }
        return lines.map { $0.sorted { $0.x < $1.x }.map(\.text).joined(separator: " ") }
    }

    /// Form number → (number, Chinese title), from `qmsforms forms`.
    func formTitles() throws -> [String: (number: String, zh: String)] {
        let listed = try CLI.qmsforms("forms")
        var titles: [String: (number: String, zh: String)] = [:]
        for line in listed.stdout.split(separator: "\n") {
            let f = line.split(separator: "\t").map(String.init)
            titles[f[0]] = (f[0], f[3])
        }
        return titles
    }
}

/// The commands that print, the marks of document control on paper, and what goes wrong.
@Suite(.serialized) struct PrintCommandTests {
    let paper = PrintTests()

    /// Pages of the single PDF at `path`, under the judges.
    func inspect(_ path: String, _ tools: PopplerTools) throws -> PDFInspection { try PDFInspection(URL(fileURLWithPath: path), tools: tools) }

    @Test func marksOfDocumentControlShowOnEveryPage() throws {
        guard let tools = paper.judges() else { return }
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        func blank(_ folder: String, _ extra: String...) throws -> PDFInspection {
            let r = try f.q(["blank", "8d", "-o", folder, "--pdf"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("\(folder)/8d-blank.pdf"))
            return try inspect(f.ws.appendingPathComponent("\(folder)/8d-blank.pdf").path, tools)
        }
        let marked: [(PDFInspection, String)] = [
            (try blank("copy", "--copy", "03"), "受控文件 CONTROLLED COPY 03"),
            (try blank("ref", "--uncontrolled"), "非受控 UNCONTROLLED"),
        ]
        let template = f.ws.appendingPathComponent("forms/8d.xml")
        let text = try String(contentsOf: template, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "en=\"8D Report\"", with: "en=\"8D Report (8 disciplines)\"").utf8).write(to: template)
        #expect(try f.q("revise", "8d", "--summary", "D3 wording", "--pages", "P2", "--order", "QO-1", "--by", "王芳", "--date", "2026-10-01").status == 0)
        let draft = try blank("draft", "--draft")
        for (role, by, day) in [("prepared", "王芳", "01"), ("reviewed", "李强", "02"), ("approved", "周建国", "03")] {
            #expect(try f.q("approve", "8d", "--role", role, "--by", by, "--date", "2026-10-\(day)").status == 0)
        }
        #expect(try f.q("release", "8d", "--effective", CLI.today, "--by", "周建国").status == 0)
        let obsolete = try blank("old", "--revision", "A/0")
        for (pdf, mark) in marked + [(draft, "草稿 DRAFT"), (obsolete, "作废 OBSOLETE")] {
            #expect(pdf.pages.count > 1)
            for (i, page) in pdf.pages.enumerated() {
                #expect(paper.joined(page).contains(mark), "page \(i + 1) lacks \(mark)")
            }
        }
        // The watermark itself is on the paper: the page centre has grey ink that a plain print lacks.
        let plain = try blank("plain")
        #expect(grey(draft.pages[0]) > grey(plain.pages[0]) + 500, "no DRAFT watermark drawn")
        #expect(grey(obsolete.pages[0]) > grey(plain.pages[0]) + 500, "no OBSOLETE watermark drawn")
    }

    /// Long content breaks where the reader expects: a D2 statement of 2–6 KB never leaves its
    /// heading or the next table's title alone at a page's foot, the signatures keep company,
    /// and the blank 8D's status ticks stay inside their box (checked by checkPaper on each).
    @Test func longContentKeepsHeadingsAndTitlesWithWhatTheyHead() throws {
        guard let tools = paper.judges() else { return }
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/8d.yaml"), encoding: .utf8)
        var pages: [URL] = []
        for n in [40, 60, 100, 130] {
            let data = out.appendingPathComponent("d2-\(n).yaml")
            try Data(text.replacingOccurrences(of: "  statement: HV-200", with: "  statement: " + String(repeating: "HV-200 阀体密封面划伤，", count: n) + "HV-200").utf8).write(to: data)
            let folder = out.appendingPathComponent("d2-\(n)")
            #expect(try CLI.qmsforms("fill", "8d", data.path, "-o", folder.path).status == 0)
            let page = out.appendingPathComponent("d2-\(n).html")
            try FileManager.default.copyItem(at: folder.appendingPathComponent("8D-2026-001.html"), to: page)
            pages.append(page)
        }
        #expect(try CLI.qmsforms("blank", "8d", "-o", out.path).status == 0)
        let printed = try CLI.qmsforms(["print"] + pages.map(\.path) + [out.appendingPathComponent("8d-blank.html").path, "--pdf", out.appendingPathComponent("pdf").path])
        #expect(printed.status == 0, "\(printed.stderr)")
        let titles = try paper.formTitles()
        for html in pages {
            let pdf = out.appendingPathComponent("pdf/" + html.deletingPathExtension().lastPathComponent + ".pdf")
            try paper.checkPaper(try PDFInspection(pdf, tools: tools), of: html, record: "8D-2026-001", titles: titles)
        }
        try paper.checkPaper(try PDFInspection(out.appendingPathComponent("pdf/8d-blank.pdf"), tools: tools), of: out.appendingPathComponent("8d-blank.html"),
                       record: nil, titles: titles)
    }

    /// Light-grey pixels (the watermark's tone) on a page.
    func grey(_ page: PDFInspection.Page) -> Int { page.pixels.filter { $0 > 180 && $0 < 245 }.count }

    @Test func fillIssueAndPrintOfAnArchivedRecordWritePDFs() throws {
        guard let tools = paper.judges() else { return }
        let f = try ArchiveFixture()
        defer { f.cleanUp() }
        let fill = try f.q("fill", "capa", CLI.root.appendingPathComponent("forms/examples/capa.yaml").path, "-o", "out", "--pdf")
        #expect(fill.status == 0, "\(fill.stderr)")
        #expect(fill.stdout.split(separator: "\n") == ["out/CAPA-2026-004.xml", "out/CAPA-2026-004.html", "out/CAPA-2026-004.pdf"])
        #expect(try inspect(f.ws.appendingPathComponent("out/CAPA-2026-004.pdf").path, tools).pages.count >= 2)

        let issue = try f.q("issue", "8d", f.data("8d"), "--by", "李强", "--pdf", "prints")
        #expect(issue.status == 0, "\(issue.stderr)")
        let number = String(issue.stdout.prefix { $0 != "\t" })
        let issued = try inspect(f.ws.appendingPathComponent("prints/\(number).pdf").path, tools)
        #expect(issued.pages.allSatisfy { paper.joined($0).contains("记录编号 \(number)") })

        // Printed again from the archive, by number, into a named file; and from the record XML.
        let again = try f.q("print", number, "--pdf", "again.pdf")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try inspect(f.ws.appendingPathComponent("again.pdf").path, tools).pages.count == issued.pages.count)
        let fromXML = try f.q("print", "out/CAPA-2026-004.xml", "--pdf", "xml", "--lang", "en")
        #expect(fromXML.status == 0, "\(fromXML.stderr)")
        #expect(paper.joined(try inspect(f.ws.appendingPathComponent("xml/CAPA-2026-004.pdf").path, tools).pages[0])
            .contains("Corrective & Preventive Action Form"))

        // A void record is not printed again.
        #expect(try f.q("void", number, "--reason", "entered twice", "--by", "李强").status == 0)
        let void = try f.q("print", number, "--pdf", "void")
        #expect(void.status == 5 && void.stderr.contains("void"), "\(void.stderr)")
        #expect(!FileManager.default.fileExists(atPath: f.ws.appendingPathComponent("void").path))
    }

    @Test func badInputsAndAMissingBrowserAreNamedAndWriteNothing() throws {
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let foreign = out.appendingPathComponent("page.html")
        try Data("<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>".utf8).write(to: foreign)
        let refused = try CLI.qmsforms("print", foreign.path, "--pdf", out.appendingPathComponent("pdf").path)
        #expect(refused.status == 2 && refused.stderr.contains("not a page written by qmsforms"), "\(refused.stderr)")
        let unknown = try CLI.qmsforms("print", "NO-SUCH-1", "--pdf", out.appendingPathComponent("pdf").path)
        #expect(unknown.status == 2, "\(unknown.stderr)")
        let two = try CLI.qmsforms("blank", "8d", "-o", out.path)
        #expect(two.status == 0)
        let oneFile = try CLI.qmsforms("print", out.appendingPathComponent("8d-blank.html").path, out.appendingPathComponent("8d-blank.html").path,
                                       "--pdf", out.appendingPathComponent("x.pdf").path)
        #expect(oneFile.status == 2 && oneFile.stderr.contains("names one file"), "\(oneFile.stderr)")

        // No browser: QMS_CHROMIUM naming nothing, or a PATH without one.
        for environment in [["QMS_CHROMIUM": "/nonexistent/chromium"], ["PATH": "/nonexistent"]] {
            let r = try CLI.run(CLI.binary, ["fill", "8d", "forms/examples/8d.yaml", "-o", out.appendingPathComponent("nobrowser").path, "--pdf"],
                                environment: environment)
            #expect(r.status == 4, "\(r.stderr)")
            #expect(r.stderr.contains(environment["PATH"] != nil ? "apt-get install chromium" : "QMS_CHROMIUM"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("nobrowser").path), "fill wrote files without its PDF")
        }
    }

    /// A 300-letter word in a narrow table cell and a statement of 60 long sentences: the word
    /// wraps inside its cell, the text runs over pages, and every page still passes the checks.
    /// The printer loads nothing but the page: a forged page that claims to be ours cannot pull
    /// a local file (or anything from the network) into the PDF.
    @Test func aForgedPageCannotPrintALocalFile() throws {
        guard let tools = paper.judges() else { return }
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let page = out.appendingPathComponent("forged.html")
        try Data("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="generator" content="qmsforms"><title>f</title></head>
            <body><p>visible-text</p><iframe src="file:///etc/passwd" width="600" height="400"></iframe>
            <object data="file:///etc/passwd" width="600" height="200"></object><img src="http://127.0.0.1:9/x.png"></body></html>
            """.utf8).write(to: page)
        let pdf = out.appendingPathComponent("forged.pdf")
        let r = try CLI.qmsforms("print", page.path, "--pdf", pdf.path)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try CLI.run(tools.pdftotext, [pdf.path, "-"]).stdout
        #expect(text.contains("visible-text"))
        #expect(!text.contains("root:"), "/etc/passwd reached the PDF")
    }

    @Test func longWordsAndLongTextWrapInsideThePage() throws {
        guard let tools = paper.judges() else { return }
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let word = String(repeating: "Ж", count: 300)
        let sentence = "鑫泰供方密封面划伤的复查记录：第三批次抽检全部合格，周转箱隔板已按新工艺评审结果更换完毕。"
        let yaml = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/8d.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "owner: 张敏", with: "owner: \(word)")
            .replacingOccurrences(of: "  statement: HV-200", with: "  statement: \(String(repeating: sentence, count: 60))HV-200")
        let data = out.appendingPathComponent("long.yaml")
        try Data(yaml.utf8).write(to: data)
        let fill = try CLI.qmsforms("fill", "8d", data.path, "-o", out.path, "--pdf")
        #expect(fill.status == 0, "\(fill.stderr)")
        let pdf = try PDFInspection(out.appendingPathComponent("8D-2026-001.pdf"), tools: tools)
        try paper.checkPaper(pdf, of: out.appendingPathComponent("8D-2026-001.html"), record: "8D-2026-001", titles: try paper.formTitles())
        let text = pdf.pages.flatMap(\.words).map(\.text).joined()
        #expect(text.filter { $0 == "Ж" }.count == 300, "the long word was cut: \(text.filter { $0 == "Ж" }.count) of 300 letters printed")
        #expect(text.filter { $0 == "鑫" }.count == 60, "sentences of the long statement are missing")
    }

    /// The checks can fail: a page whose CSS was broken on purpose is caught by them.
    @Test func theChecksCatchBrokenPaper() throws {
        guard let tools = paper.judges() else { return }
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try CLI.qmsforms("fill", "8d", "forms/examples/8d.yaml", "-o", out.path).status == 0)
        let good = try String(contentsOf: out.appendingPathComponent("8D-2026-001.html"), encoding: .utf8)
        let broken = [
            // Content up to the paper's edge.
            "edge": good.replacingOccurrences(of: "margin: 18mm 14mm 16mm 14mm;", with: "margin: 0;"),
            // Signature blocks allowed to split, and tall enough that they must.
            "split": good.replacingOccurrences(of: "break-inside: avoid; page-break-inside: avoid;", with: "")
                .replacingOccurrences(of: ".sig .signline { display: flex;", with: ".sig .signline { min-height: 200mm; display: flex;"),
        ]
        for (name, html) in broken {
            let page = out.appendingPathComponent("\(name).html")
            try Data(html.utf8).write(to: page)
            let r = try CLI.qmsforms("print", page.path, "--pdf", out.appendingPathComponent("\(name).pdf").path)
            #expect(r.status == 0, "\(r.stderr)")
            let pdf = try PDFInspection(out.appendingPathComponent("\(name).pdf"), tools: tools)
            withKnownIssue("the \(name) page must fail the paper checks") {
                try paper.checkPaper(pdf, of: page, record: "8D-2026-001", titles: try paper.formTitles())
            }
        }
    }

    /// A character no installed font has (𪚥, U+2A6A5) is named, with its field, before it prints as
    /// a box; fontconfig itself (fc-list) is the judge of whether a font has it.
    @Test func charactersNoFontPrintsAreNamed() throws {
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let text = try String(contentsOf: CLI.root.appendingPathComponent("forms/examples/8d.yaml"), encoding: .utf8)
        let data = out.appendingPathComponent("rare.yaml")
        try Data(text.replacingOccurrences(of: "statement: HV-200", with: "statement: 𪚥 HV-200").utf8).write(to: data)
        let fonts = try CLI.run(URL(fileURLWithPath: "/usr/bin/fc-list"), [":charset=2a6a5", "family"])
        let filled = try CLI.qmsforms("fill", "8d", data.path, "-o", out.path)
        #expect(filled.status == 0, "\(filled.stderr)")
        if fonts.stdout.isEmpty {
            #expect(filled.stderr.contains("warning: 8D-2026-001 d2.statement: 𪚥 (U+2A6A5) — no installed font has it"), "\(filled.stderr)")
            #expect(filled.stderr.contains("fonts-hanazono"))
        } else {
            #expect(!filled.stderr.contains("U+2A6A5"), "a font has it (\(fonts.stdout)): no warning")
        }
        let plain = try CLI.qmsforms("fill", "8d", "forms/examples/8d.yaml", "-o", out.appendingPathComponent("plain").path)
        #expect(plain.status == 0 && !plain.stderr.contains("warning"), "\(plain.stderr)")
    }
}
