import Foundation
import Testing
@testable import QMSForms

/// The forms built into the library are the files of `forms/`, byte for byte, and load.
@Suite struct ShippedFormsTests {
    @Test func everyFileOfTheFormsFolderIsBuiltInByteForByte() throws {
        let root = Fixtures.forms
        var onDisk: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            onDisk[String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        #expect(Set(onDisk.keys) == Set(ShippedForms.files.map(\.path)))
        for file in ShippedForms.files { #expect(onDisk[file.path] == file.data, "\(file.path) differs from forms/") }
        #expect(onDisk["schema/template.xsd"] == ShippedForms.templateSchema)
    }

    @Test func theBuiltInCatalogHasTheThirteenDocuments() throws {
        let catalog = try ShippedForms.catalog()
        #expect(catalog.templates.count == 13)
        #expect(try catalog.template(named: "8d").number == "SG-QR-22-02")
        #expect(catalog.templates.allSatisfy { $0.path.hasPrefix(ShippedForms.origin) })
    }

    @Test func aNewWorkspaceFromTheBuiltInForms() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qms-shipped-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try await Workspace.create(at: dir)
        #expect(ws.isControlled)
        #expect(try await ChangeControl(workspace: ws).register().count == 13)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("forms/examples/call-log.csv").path))
    }
}

/// One I/O error type: which file, what failed, why in plain words, what to do.
@Suite struct FileErrorTests {
    @Test func foundationErrorsBecomePlainWords() {
        let missing = URL(fileURLWithPath: "/no/such/file.yaml")
        #expect(throws: FileError.self) { _ = try FileError.attempt(.read, missing) { try Data(contentsOf: missing) } }
        do { _ = try FileError.attempt(.read, missing) { try Data(contentsOf: missing) } } catch {
            #expect(error.description == "cannot read /no/such/file.yaml: no such file or folder; check the path")
            #expect(error.category == .io)
        }
        #expect(FileError.fromErrno(.write, path: "/x", errno: ENOSPC).description.contains("no space left on the device; free some space"))
        #expect(FileError.fromErrno(.write, path: "/x", errno: EFBIG).description.contains("ulimit -f"))
    }
}
