import Foundation

/// Runs a real program (sox, espeak-ng, the `attendant` executable) for the tests and
/// captures what it printed. Tests use real tools, never fakes of them; `make test`
/// installs them, so a missing one is a failure, not a skip.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String

    /// Standard output as text.
    public var output: String { String(decoding: stdout, as: UTF8.self) }

    /// Full path of `tool` on PATH (or `tool` itself when it is a path).
    public static func locate(_ tool: String) -> String? {
        if tool.contains("/") { return FileManager.default.isExecutableFile(atPath: tool) ? tool : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool` with `arguments` and waits for it.
    public static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], input: Data? = nil) throws -> ToolRun {
        guard let executable = locate(tool) else { throw ToolError("\(tool) is not installed (make test installs it)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Like ``run(_:_:in:)`` but a non-zero exit is an error carrying stderr.
    @discardableResult
    public static func succeed(_ tool: String, _ arguments: [String], in directory: URL? = nil) throws -> Data {
        let result = try run(tool, arguments, in: directory)
        guard result.status == 0 else {
            throw ToolError("\(tool) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}

/// A tool that is missing or failed.
public struct ToolError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
