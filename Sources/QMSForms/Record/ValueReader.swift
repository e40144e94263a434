import Foundation

/// Converts one data node to the typed ``Value`` a field expects, reporting what is wrong.
struct ValueReader {
    var problems: [Problem] = []

    private mutating func add(_ path: String, _ node: DataNode, _ rule: Problem.Rule, _ message: String, hint: String? = nil) {
        problems.append(Problem(path: path, line: node.line, rule: rule, value: node.scalarText, message: message, hint: hint))
    }

    /// `nil` when the node is empty or wrong (a problem is then recorded for wrong ones).
    mutating func read(_ node: DataNode, as field: Field, path: String) -> Value? {
        if node.isEmpty { return nil }
        switch field.kind {
        case let .text(rules): return text(node, rules, multiline: false, path: path)
        case let .multiline(rules, _): return text(node, rules, multiline: true, path: path)
        case let .integer(rules):
            guard let s = scalar(node, path, expect: "a whole number"), let n = Int(s) else {
                if node.scalarText != nil { add(path, node, .type, "expected a whole number", hint: "write digits only, e.g. 12") }
                return nil
            }
            checkRange(Decimal(n), rules, node, path)
            return .integer(n)
        case let .decimal(rules):
            guard let s = scalar(node, path, expect: "a number"), Self.isDecimal(s),
                  let d = Decimal(string: s, locale: Self.posix) else {
                if node.scalarText != nil { add(path, node, .type, "expected a number", hint: "e.g. 12.5") }
                return nil
            }
            checkRange(d, rules, node, path)
            return .decimal(d)
        case .date:
            guard let s = scalar(node, path, expect: "a date"), CalendarDate.parseDate(s) != nil else {
                if node.scalarText != nil { add(path, node, .type, "expected a date", hint: "write yyyy-mm-dd, e.g. 2026-03-15") }
                return nil
            }
            return .date(s)
        case .datetime:
            guard let s = scalar(node, path, expect: "a date and time"), let n = CalendarDate.normaliseDateTime(s) else {
                if node.scalarText != nil { add(path, node, .type, "expected a date and time", hint: "write yyyy-mm-dd hh:mm, e.g. 2026-03-15 14:30") }
                return nil
            }
            return .datetime(n)
        case .boolean:
            switch node.value {
            case let .bool(b): return .boolean(b)
            // CSV cells are text: accept the words a spreadsheet holds.
            case let .string(s) where ["true", "是", "TRUE", "True"].contains(s): return .boolean(true)
            case let .string(s) where ["false", "否", "FALSE", "False"].contains(s): return .boolean(false)
            default:
                add(path, node, .type, "expected true or false, found \(node.kindName)", hint: "write true or false (是/否)")
                return nil
            }
        case let .choice(options):
            guard let s = scalar(node, path, expect: "one option") else { return nil }
            guard let option = options.option(matching: s) else {
                add(path, node, .option, "'\(s)' is not one of the options", hint: Self.list(options))
                return nil
            }
            return .choice(option.code)
        case let .multi(options):
            let items: [DataNode]
            switch node.value {
            case let .list(l): items = l
            // One cell of a CSV: options separated by ; or 、
            case let .string(s): items = s.split(whereSeparator: { ";；、".contains($0) })
                .map { DataNode(.string(String($0).trimmedSpaces), line: node.line) }
            default: items = [node]
            }
            var codes: Set<String> = []
            for (i, item) in items.enumerated() {
                let itemPath = "\(path)[\(i + 1)]"
                guard let s = scalar(item, itemPath, expect: "an option") else { continue }
                guard let option = options.option(matching: s) else {
                    add(itemPath, item, .option, "'\(s)' is not one of the options", hint: Self.list(options))
                    continue
                }
                if !codes.insert(option.code).inserted { add(itemPath, item, .duplicate, "'\(s)' is ticked twice") }
            }
            return .multi(options.options.map(\.code).filter(codes.contains))
        case let .reference(prefixes):
            guard let s = scalar(node, path, expect: "a record number") else { return nil }
            guard Self.isReference(s, prefixes: prefixes) else {
                add(path, node, .reference, "'\(s)' is not a record number of the allowed kinds",
                    hint: "write e.g. \(prefixes[0])-2026-004; allowed prefixes: \(prefixes.joined(separator: ", "))")
                return nil
            }
            return .reference(s)
        case .signature:
            return signature(node, path: path)
        case .table, .computed:
            return nil // handled by RecordValidator
        }
    }

    private mutating func scalar(_ node: DataNode, _ path: String, expect: String) -> String? {
        switch node.value {
        case let .string(s), let .number(s): return s.trimmedSpaces
        default:
            add(path, node, .type, "expected \(expect), found \(node.kindName)")
            return nil
        }
    }

    private mutating func text(_ node: DataNode, _ rules: TextRules, multiline: Bool, path: String) -> Value? {
        guard let s = scalar(node, path, expect: "text") else { return nil }
        let value = s
        if let bad = value.unicodeScalars.first(where: { Self.isForbidden($0, multiline: multiline) }) {
            add(path, node, .type, bad == "\n" ? "a single-line field cannot hold a line break"
                : String(format: "contains the control character U+%04X", bad.value),
                hint: bad == "\n" ? "use one line, or ask for a multiline field" : "remove it")
        }
        if let max = rules.maxLength, value.unicodeScalars.count > max {
            add(path, node, .maxLength, "is \(value.unicodeScalars.count) characters long; at most \(max) fit", hint: "shorten it")
        }
        if let regex = rules.regex,
           regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) == nil {
            add(path, node, .pattern, "does not have the required form", hint: "must match \(rules.pattern ?? "")")
        }
        return .text(value)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    static func isForbidden(_ c: Unicode.Scalar, multiline: Bool) -> Bool {
        if c == "\t" { return false }
        if c == "\n" || c == "\r" { return !multiline }
        return c.value < 0x20 || c.value == 0x7F || c.value == 0xFFFE || c.value == 0xFFFF
    }

    private mutating func signature(_ node: DataNode, path: String) -> Value? {
        switch node.value {
        case let .string(s):
            return .signature(name: s.trimmedSpaces, date: nil)
        case let .map(entries):
            var name: String?, date: String?
            for (key, value) in entries {
                switch key {
                case "name": name = value.scalarText
                case "date":
                    guard let d = value.scalarText, CalendarDate.parseDate(d) != nil else {
                        if !value.isEmpty { add("\(path).date", value, .type, "expected a date", hint: "yyyy-mm-dd") }
                        continue
                    }
                    date = d
                default:
                    add("\(path).\(key)", value, .unknownKey, "a signature has only name and date",
                        hint: Suggestion.closest(to: key, in: ["name", "date"]).map { "did you mean '\($0)'?" })
                }
            }
            if date != nil && (name ?? "").isEmpty {
                add(path, node, .required, "a signature date needs the signer's printed name")
            }
            return name == nil && date == nil ? nil : .signature(name: name, date: date)
        default:
            add(path, node, .type, "expected a name, or name and date, found \(node.kindName)")
            return nil
        }
    }

    private mutating func checkRange(_ n: Decimal, _ rules: NumberRules, _ node: DataNode, _ path: String) {
        if let min = rules.min, n < min { add(path, node, .min, "is below the minimum \(Value.format(min))") }
        if let max = rules.max, n > max { add(path, node, .max, "is above the maximum \(Value.format(max))") }
    }

    static func isDecimal(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.contains(where: { !$0.isEmpty }), parts.joined().count <= 30 else { return false }
        return true
    }

    /// `PREFIX-…`: upper-case letters, digits and dashes after an allowed prefix.
    static func isReference(_ s: String, prefixes: [String]) -> Bool {
        guard s.count <= 40, let dash = s.firstIndex(of: "-"), prefixes.contains(String(s[..<dash])) else { return false }
        let tail = s[s.index(after: dash)...]
        return !tail.isEmpty && !tail.hasSuffix("-") && !tail.contains("--")
            && tail.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }
    }

    static func list(_ options: Options) -> String {
        "choose one of: " + options.options.map { "\($0.code) (\($0.label.zh))" }.joined(separator: ", ")
    }
}
