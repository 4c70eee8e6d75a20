import Foundation

/// The repository's sample `prompts/` folder and helpers to make broken copies of it.
enum SamplePrompts {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repository.appendingPathComponent("prompts")
    /// Wednesday 2026-11-25, noon UTC: what "today" is in the tests.
    static let reference = Date(timeIntervalSince1970: 1_795_608_000)

    /// A fresh copy of the sample folder in a temporary directory.
    static func copy() throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("prompts-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: directory, to: target)
        return target
    }

    /// Replaces `old` with `new` in `file` of a copied folder (the text must be there).
    static func edit(_ folder: URL, _ file: String, replacing old: String, with new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(file) has no \(old)"]) }
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// The 1-based line of the first line containing `text` in `file`.
    static func line(of text: String, in folder: URL, _ file: String) throws -> Int {
        let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }
}
