import AttendantDialogue
import AttendantEngine
import Foundation
import Testing

/// Hot reload: a change is picked up, a broken change is refused and the last good
/// version keeps serving.
@Suite("Reloading prompts/ while running")
struct PromptsLibraryTests {
    func copy() throws -> URL {
        let target = try EngineTestSupport.temporaryDirectory("reload").appendingPathComponent("prompts")
        try FileManager.default.copyItem(at: EngineTestSupport.prompts, to: target)
        return target
    }

    func edit(_ folder: URL, _ file: String, _ old: String, _ new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aGoodChangeIsReloadedAndABadOneKeepsTheLastGoodVersion() async throws {
        let folder = try copy()
        let library = try PromptsLibrary(directory: folder)
        guard case .unchanged = library.reloadIfChanged() else { Issue.record("nothing changed yet"); return }

        try edit(folder, "flows/main.yaml", "How can I help you today?", "What can I do for you today?")
        guard case .reloaded(let model) = library.reloadIfChanged() else { Issue.record("the change is picked up"); return }
        var session = DialogueSession(model: model)
        #expect(await session.start().replyText.contains("What can I do for you today?"))

        try edit(folder, "flows/main.yaml", "    next: anything_else\n\n  refunds:", "    next: anythin_else\n\n  refunds:")
        guard case .rejected(let problems) = library.reloadIfChanged() else { Issue.record("a broken change is refused"); return }
        #expect(problems.contains { $0.message.contains("unknown state `main.anythin_else`") })
        var still = DialogueSession(model: library.model)
        #expect(await still.start().replyText.contains("What can I do for you today?"), "the last good version keeps serving")
        guard case .unchanged = library.reloadIfChanged() else { Issue.record("a broken version is reported once"); return }

        // New intents are learned on reload.
        try edit(folder, "flows/main.yaml", "    next: anythin_else\n\n  refunds:", "    next: anything_else\n\n  refunds:")
        try edit(folder, "intents/general.yaml", "intents:\n", "intents:\n  store_location:\n    examples: [where is your shop, do you have a physical store, can I visit your store, where are you located]\n")
        try edit(folder, "attendant.yaml", "  order_status: orders\n", "  order_status: orders\n  store_location: main.hours\n")
        guard case .reloaded(let retrained) = library.reloadIfChanged() else { Issue.record("the fix is picked up"); return }
        #expect(retrained.classifier.classify("do you have a physical store I can visit").intent == "store_location")
    }

    @Test func watchingReportsReloads() async throws {
        let folder = try copy()
        let library = try PromptsLibrary(directory: folder)
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let watcher = Task { await library.watch(every: .milliseconds(50)) { outcome in
            if case .reloaded = outcome { continuation.yield("reloaded") }
        } }
        defer { watcher.cancel() }
        try await Task.sleep(for: .milliseconds(100))
        try edit(folder, "flows/main.yaml", "How can I help you today?", "Hello there!")
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == "reloaded")
    }
}
