import ArgumentParser
import AttendantDialogue
import AttendantEngine
import Foundation

/// `attendant chat`: the conversation typed at a prompt, for designers. Each line is a
/// caller turn; `/keys 123` presses keys, an empty line (or `/silence`) is a no-input
/// turn, `/quit` or end of input stops. Files under `prompts/` are reloaded when they
/// change (a note says so; errors are printed and the last good version kept), and the
/// next conversation (`/restart`) uses them.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk to the flows in prompts/ by typing (/keys 1 presses keys, empty line = silence, /restart, /quit).")

    @Option(name: .long, help: "The prompts folder.")
    var prompts: String = "prompts"

    @OptionGroup var dialogue: DialogueOptions

    @Option(name: .long, help: "The caller's number or id (for tickets).")
    var caller: String?

    @Flag(name: .long, help: "Show what was understood (intent, slots, sentiment, state) after each reply.")
    var verbose = false

    func run() async throws {
        // Prints every problem and fails on errors; the library then watches the folder.
        let library = PromptsLibrary(model: try dialogue.loadModel(prompts: prompts), backendURL: dialogue.backendURL)
        let store = try dialogue.openStore()
        let webhooks = dialogue.webhooks()
        let interactive = isatty(0) != 0

        // Watch prompts/ while the designer edits it.
        let watcher = Task {
            await library.watch(every: .seconds(1)) { outcome in
                switch outcome {
                case .reloaded: Console.error("prompts reloaded; /restart to start a conversation with them")
                case .rejected(let problems):
                    problems.filter { $0.severity == .error }.forEach { Console.error($0.description) }
                    Console.error("prompts/ has errors; still using the last good version")
                case .unchanged: break
                }
            }
        }
        defer { watcher.cancel() }
        var runner = ConversationRunner(model: library.model, store: store, channel: .chat, caller: caller, webhooks: webhooks)
        show(await runner.start())
        while true {
            if interactive { FileHandle.standardOutput.write(Data("you> ".utf8)) }
            guard let line = readLine() else { break }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text == "/quit" { break }
            if text == "/restart" || runner.isEnded {
                if !runner.isEnded { await runner.end(outcome: .abandoned) }
                runner = ConversationRunner(model: library.model, store: store, channel: .chat, caller: caller, webhooks: webhooks)
                print("--- new conversation ---")
                show(await runner.start())
                if text == "/restart" { continue }
            }
            let input: CallerInput
            if text.hasPrefix("/keys") {
                input = .dtmf(String(text.dropFirst(5)).filter { !$0.isWhitespace })
            } else if text.isEmpty || text == "/silence" {
                input = .noInput
            } else {
                input = .text(text)
            }
            show(await runner.handle(input))
        }
        if !runner.isEnded { await runner.end(outcome: .abandoned) }
    }

    func show(_ outcome: ConversationRunner.Outcome) {
        let result = outcome.result
        if let problem = outcome.storeError { Console.error("store: \(problem)") }
        if verbose, result.input != nil {
            print(TurnPrinter.describe(result, asrConfidence: nil, ticket: outcome.ticket?.displayID)
                .split(separator: "\n").dropFirst().joined(separator: "\n"))
        } else {
            print("bot> \(result.replyText)")
            if let handoff = result.handoff {
                print("     [handed off to \(handoff.queue): \(handoff.reason)\(outcome.ticket.map { ", ticket \($0.displayID)" } ?? "")]")
            } else if result.action == .end {
                print("     [call ended]")
            }
        }
    }
}
