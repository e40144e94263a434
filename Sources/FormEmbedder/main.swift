import Foundation

// FormEmbedder OUTPUT ROOT FILE...: writes a Swift source holding each FILE (relative to ROOT)
// as base64, byte for byte (CSV line endings and BOMs included). Run by the EmbedForms plugin.
let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: FormEmbedder OUTPUT ROOT FILE...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[2])
var source = "// Generated at build time by the EmbedForms plugin from forms/. Do not edit.\n\n"
source += "extension ShippedForms {\n    static let encoded: [(path: String, base64: String)] = [\n"
for relative in arguments.dropFirst(3) {
    let data: Data
    do { data = try Data(contentsOf: root.appendingPathComponent(relative)) } catch {
        FileHandle.standardError.write(Data("FormEmbedder: cannot read \(root.path)/\(relative)\n".utf8))
        exit(1)
    }
    let path = relative.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(path)\", \"\(data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"
do { try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[1]), options: .atomic) } catch {
    FileHandle.standardError.write(Data("FormEmbedder: cannot write \(arguments[1])\n".utf8))
    exit(1)
}
