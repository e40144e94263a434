import Foundation
import Testing

/// What poppler sees in a PDF: `pdfinfo` page sizes, `pdftotext` text and word boxes per page,
/// `pdftoppm` pixels. Lengths are in PDF points (1/72 inch) unless named otherwise.
struct PDFInspection {
    struct Word {
        var text: String
        var x: Double, y: Double, xMax: Double, yMax: Double
    }

    struct Page {
        var width: Double, height: Double
        var text: String
        var words: [Word]
        /// Gray pixels (0 black … 255 white), row by row, at ``PDFInspection/dpi``.
        var pixels: [UInt8]
        var pixelWidth: Int, pixelHeight: Int

        var isA4Portrait: Bool { abs(width - 595.28) < 2 && abs(height - 841.89) < 2 }
        var isA4Landscape: Bool { abs(width - 841.89) < 2 && abs(height - 595.28) < 2 }

        /// Dark pixels within `mm` millimetres of the top, bottom, left or right edge.
        func inkNearEdges(topAndBottom: Double, sides: Double) -> [String] {
            let perMM = Double(PDFInspection.dpi) / 25.4
            let tb = Int(topAndBottom * perMM), lr = Int(sides * perMM)
            var found: Set<String> = []
            for row in 0..<pixelHeight {
                for column in 0..<pixelWidth where pixels[row * pixelWidth + column] < 200 {
                    if row < tb { found.insert("top") }
                    if row >= pixelHeight - tb { found.insert("bottom") }
                    if column < lr { found.insert("left") }
                    if column >= pixelWidth - lr { found.insert("right") }
                }
            }
            return found.sorted()
        }
    }

    static let dpi = 50
    let pages: [Page]

    init(_ pdf: URL, tools: PopplerTools) throws {
        let info = try CLI.run(tools.pdfinfo, ["-f", "1", "-l", "9999", pdf.path])
        guard info.status == 0 else { throw Failure("pdfinfo: \(info.stderr)") }
        // "Page    1 size: 594.96 x 841.92 pts (A4)"
        let sizes: [(Double, Double)] = info.stdout.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Page "), line.contains(" size: ") else { return nil }
            let parts = line.split(separator: " ")
            guard let i = parts.firstIndex(of: "size:"), let w = Double(parts[i + 1]), let h = Double(parts[i + 3]) else { return nil }
            return (w, h)
        }
        let text = try CLI.run(tools.pdftotext, ["-layout", pdf.path, "-"])
        let boxes = try CLI.run(tools.pdftotext, ["-bbox", pdf.path, "-"])
        guard text.status == 0, boxes.status == 0 else { throw Failure("pdftotext: \(text.stderr)\(boxes.stderr)") }
        let texts = text.stdout.components(separatedBy: "\u{0C}")
        let words = PDFInspection.words(boxes.stdout)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdfpages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ppm = try CLI.run(tools.pdftoppm, ["-gray", "-r", "\(PDFInspection.dpi)", pdf.path, folder.appendingPathComponent("p").path])
        guard ppm.status == 0 else { throw Failure("pdftoppm: \(ppm.stderr)") }
        let images = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            try PDFInspection.pgm(Data(contentsOf: folder.appendingPathComponent($0)))
        }
        guard sizes.count == words.count, images.count == sizes.count, texts.count >= sizes.count else {
            throw Failure("poppler disagrees on the page count: \(sizes.count) sizes, \(words.count) pages of words, \(images.count) images")
        }
        pages = sizes.indices.map { i in
            Page(width: sizes[i].0, height: sizes[i].1, text: texts[i], words: words[i],
                 pixels: images[i].pixels, pixelWidth: images[i].width, pixelHeight: images[i].height)
        }
    }

    /// Words per page from `pdftotext -bbox` (XHTML: `<page …>` then `<word xMin= yMin= xMax= yMax=>text</word>`).
    static func words(_ xhtml: String) -> [[Word]] {
        var pages: [[Word]] = []
        for line in xhtml.split(separator: "\n") {
            let line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("<page ") { pages.append([]); continue }
            guard line.hasPrefix("<word "), let close = line.firstIndex(of: ">"), let end = line.range(of: "</word>") else { continue }
            func attribute(_ name: String) -> Double {
                guard let r = line.range(of: name + "=\"") else { return .nan }
                return Double(line[r.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            let text = String(line[line.index(after: close)..<end.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            pages[pages.count - 1].append(Word(text: text, x: attribute("xMin"), y: attribute("yMin"),
                                               xMax: attribute("xMax"), yMax: attribute("yMax")))
        }
        return pages
    }

    /// A binary PGM (`P5 width height 255`, then one byte per pixel).
    static func pgm(_ data: Data) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let bytes = [UInt8](data)
        var fields: [String] = [], i = 0, current = ""
        while fields.count < 4 && i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                if !current.isEmpty { fields.append(current); current = "" }
            } else { current.append(Character(UnicodeScalar(c))) }
        }
        guard fields.count == 4, fields[0] == "P5", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255",
              bytes.count - i == w * h else { throw Failure("not an 8-bit binary PGM") }
        return (w, h, Array(bytes[i...]))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// poppler-utils, found on PATH.
struct PopplerTools {
    var pdfinfo: URL, pdftotext: URL, pdftoppm: URL

    static var found: PopplerTools? {
        guard let i = CLI.which("pdfinfo"), let t = CLI.which("pdftotext"), let p = CLI.which("pdftoppm") else { return nil }
        return PopplerTools(pdfinfo: i, pdftotext: t, pdftoppm: p)
    }
}
