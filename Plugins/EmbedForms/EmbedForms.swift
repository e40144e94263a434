import Foundation
import PackagePlugin

/// Builds the shipped forms (`forms/`: templates, schema, examples) into the library, so that a
/// `qmsforms` binary copied anywhere carries them. One source of truth: the files in `forms/`
/// are read at build time and rebuilt into the binary whenever one of them changes.
@main
struct EmbedForms: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "forms")
        var files: [String] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative.hasPrefix(".") || relative.contains("/.") { continue }
            files.append(relative)
        }
        files.sort()
        let output = context.pluginWorkDirectoryURL.appending(path: "ShippedFormsData.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) shipped form files",
            executable: try context.tool(named: "FormEmbedder").url,
            arguments: [output.path, root.path] + files,
            inputFiles: files.map { root.appending(path: $0) },
            outputFiles: [output])]
    }
}
