import AttendantTesting
import Foundation

enum EngineTestSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let prompts = repository.appendingPathComponent("prompts")
    static let executable = repository.appendingPathComponent(".build/debug/attendant").path

    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func attendant(_ arguments: [String], environment: [String: String] = [:]) throws -> ToolRun {
        try ToolRun.run(executable, arguments, in: repository, environment: environment)
    }
}
