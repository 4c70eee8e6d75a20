import ArgumentParser
import AttendantDialogue
import AttendantEngine
import AttendantStore
import Foundation

/// Options shared by the commands that hold conversations (pipe, chat, test).
struct DialogueOptions: ParsableArguments {
    @Option(name: .long, help: "The data folder: the store (attendant.sqlite) lives here.")
    var data: String = "data"

    @Option(name: .long, help: "Base URL of the business backend for webhooks (default: backend.url in attendant.yaml; ATTENDANT_BACKEND_URL overrides).")
    var backend: String?

    @Flag(name: .long, help: "Do not store conversations and tickets.")
    var noStore = false

    var backendURL: String? { backend ?? ProcessInfo.processInfo.environment["ATTENDANT_BACKEND_URL"] }

    /// Loads and trains `prompts`; prints warnings, and every error before failing.
    func loadModel(prompts: String) throws -> DialogueModel {
        let bundle = PromptsBundle.load(directory: URL(fileURLWithPath: prompts))
        for diagnostic in bundle.diagnostics where diagnostic.severity == .warning {
            Console.error(diagnostic.description)
        }
        do {
            return try DialogueModel(bundle: bundle, backendURL: backendURL)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }

    /// The store under `--data`, unless `--no-store`.
    func openStore() throws -> (any ConversationStore)? {
        if noStore { return nil }
        return try SQLiteStore(path: URL(fileURLWithPath: data).appendingPathComponent("attendant.sqlite").path)
    }

    func webhooks() -> any WebhookClient { HTTPWebhookClient() }
}

/// Printing for commands: standard error for problems, flushing for interactive use.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("attendant: \(message)\n".utf8))
    }
}
