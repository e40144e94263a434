import Foundation

/// Site settings from `qms.yaml` at the root of the folder the tool works in.
///
/// ```yaml
/// company:
///   zh: 示例机械有限公司
///   en: Example Machinery Co., Ltd.
/// logo: logo.png        # optional; PNG, JPEG or SVG, embedded into every page
/// archive: postgresql://qms_app@db.example.com/qms   # optional; the shared archive (default: the files here)
/// ```
public struct Settings: Sendable, Equatable {
    /// The company's name as printed.
    public var company: Bilingual
    /// The logo as a `data:` URI, ready to embed.
    public var logoDataURI: String?
    /// Where the archive is shared, when not in this folder's files: a `postgresql://` URL.
    public var archive: String?

    /// Used when there is no `qms.yaml`.
    public static let neutral = Settings(company: Bilingual(zh: "（公司名称）", en: "(Company name)"), logoDataURI: nil)

    /// Settings printing `company`, with the logo given as a `data:` URI.
    public init(company: Bilingual, logoDataURI: String? = nil) {
        self.company = company
        self.logoDataURI = logoDataURI
    }

    /// Reads `qms.yaml` in `folder`, or returns ``neutral`` when there is none.
    public static func load(folder: URL) throws -> Settings {
        let url = folder.appendingPathComponent("qms.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return .neutral }
        func fail(_ message: String) -> SettingsError { SettingsError(path: url.path, message: message) }
        let text: Data
        do { text = try PlainFile.read(url, below: folder, limit: 1 << 20) } catch { throw fail(error.description) }
        let node = try DataSource.parse(Array(text), source: url.path, formatHint: "yaml")
        guard let entries = node.entries else { throw fail("expected a mapping with company: and logo:") }
        var settings = Settings.neutral
        for (key, value) in entries {
            switch key {
            case "company":
                guard let zh = value["zh"]?.scalarText, let en = value["en"]?.scalarText, !zh.isEmpty, !en.isEmpty else {
                    throw fail("company needs zh: and en: names")
                }
                settings.company = Bilingual(zh: zh, en: en)
            case "logo":
                guard let name = value.scalarText, FileName.isSafe(name) else {
                    throw fail("logo must be the name of a file in this folder (letters, digits, - _ .)")
                }
                let logo = folder.appendingPathComponent(name)
                let types = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml"]
                guard let type = types[logo.pathExtension.lowercased()] else { throw fail("logo must be .png, .jpg or .svg") }
                let data: Data
                do { data = try PlainFile.read(logo, below: folder, limit: 1 << 20) } catch {
                    throw fail("the logo: \(error.description)")
                }
                settings.logoDataURI = "data:\(type);base64," + data.base64EncodedString()
            case "archive":
                guard let url = value.scalarText, url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
                    throw fail("archive must be a postgresql:// URL (leave it out for the archive in this folder)")
                }
                settings.archive = url
            default:
                throw fail("unknown setting '\(key)'; known: company, logo, archive")
            }
        }
        return settings
    }
}

/// A `qms.yaml` that cannot be used.
public struct SettingsError: QMSError {
    public var category: ErrorCategory { .badTemplate }
    /// The settings file.
    public var path: String
    /// What is wrong with it.
    public var message: String
    public var description: String { "\(path): bad settings: \(message)" }
}
