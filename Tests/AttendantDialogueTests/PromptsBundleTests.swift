import AttendantDialogue
import Foundation
import Testing

/// Loading `prompts/` and `prompts check`'s problems: each at its file, line and column.
@Suite("Prompts folder loading and checks")
struct PromptsBundleTests {
    @Test func theSampleDomainIsCompleteAndClean() {
        let bundle = PromptsBundle.load(directory: SamplePrompts.directory)
        #expect(bundle.errors.isEmpty, "\(bundle.errors.map(\.description).joined(separator: "\n"))")
        #expect(bundle.diagnostics.isEmpty, "warnings: \(bundle.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(bundle.intents.count >= 15)
        for intent in bundle.intents.values { #expect(intent.examples.count >= 20, "\(intent.name) has \(intent.examples.count) examples") }
        #expect(bundle.articles.count >= 30)
        #expect(bundle.flows.keys.sorted() == ["address", "cancel", "delivery", "main", "orders"])
        #expect(bundle.startState == StateID(flow: "main", state: "welcome"))
        // The recognizer hears what the intents and articles say.
        let phrases = Set(bundle.recognizerPhrases)
        #expect(phrases.contains("where is my order"))
        #expect(phrases.contains("How long does a refund take"))
    }

    @Test func aTransitionToAStateThatDoesNotExistIsReportedWhereItIsWritten() throws {
        let folder = try SamplePrompts.copy()
        try SamplePrompts.edit(folder, "flows/orders.yaml", replacing: "      shipped: shipped", with: "      shipped: shiped")
        let bundle = PromptsBundle.load(directory: folder)
        let line = try SamplePrompts.line(of: "shipped: shiped", in: folder, "flows/orders.yaml")
        let problem = try #require(bundle.errors.first { $0.message.contains("unknown state `orders.shiped`") })
        #expect(problem.file == folder.path + "/flows/orders.yaml")
        #expect(problem.line == line)
        #expect(problem.column == 16)
        #expect(problem.message.contains("did you mean `shipped`?"))
        #expect(problem.description.hasPrefix("\(folder.path)/flows/orders.yaml:\(line):16: error: "))
        #expect(bundle.diagnostics.contains { $0.severity == .warning && $0.message.contains("`orders.shipped` is unreachable") })
        #expect(!bundle.isUsable)
    }

    @Test func badYAMLNamesTheLine() throws {
        let folder = try SamplePrompts.copy()
        try SamplePrompts.edit(folder, "flows/cancel.yaml", replacing: "  kept:\n", with: "  kept:\n   bad: [unclosed\n")
        let bundle = PromptsBundle.load(directory: folder)
        let problem = try #require(bundle.errors.first { $0.file.hasSuffix("flows/cancel.yaml") })
        #expect(problem.message.hasPrefix("YAML: "))
        #expect(problem.line > 0)
        // The other files still load.
        #expect(bundle.flows["orders"] != nil)
    }

    @Test func anExampleClaimedByTwoIntents() throws {
        let folder = try SamplePrompts.copy()
        try SamplePrompts.edit(folder, "intents/returns.yaml", replacing: "    examples:\n", with: "    examples:\n      - Where is my order?\n")
        let bundle = PromptsBundle.load(directory: folder)
        let problem = try #require(bundle.errors.first { $0.message.contains("claimed by two intents") })
        #expect(problem.file.hasSuffix("intents/returns.yaml"))
        #expect(problem.message.contains("order_status"))
    }

    @Test func aTemplateVariableNothingFills() throws {
        let folder = try SamplePrompts.copy()
        try SamplePrompts.edit(folder, "flows/orders.yaml", replacing: "should arrive by {{eta}}", with: "should arrive by {{arrival}}")
        let bundle = PromptsBundle.load(directory: folder)
        let problem = try #require(bundle.errors.first { $0.message.contains("{{arrival}}") })
        #expect(problem.line == (try SamplePrompts.line(of: "{{arrival}}", in: folder, "flows/orders.yaml")))
    }

    @Test func aMissingRecordingAndAnUnknownSlotType() throws {
        let folder = try SamplePrompts.copy()
        try SamplePrompts.edit(folder, "flows/main.yaml", replacing: "    say: Thanks for calling Harbor Goods. How can I help you today?",
                               with: "    say:\n      text: Thanks for calling Harbor Goods. How can I help you today?\n      audio: audio/welcome.wav")
        try SamplePrompts.edit(folder, "slots.yaml", replacing: "type: list", with: "type: lst")
        let bundle = PromptsBundle.load(directory: folder)
        #expect(bundle.errors.contains { $0.message.contains("audio file `audio/welcome.wav` not found") && $0.file.hasSuffix("flows/main.yaml") })
        let slot = try #require(bundle.errors.first { $0.message.contains("unknown slot type `lst`") })
        #expect(slot.message.contains("did you mean `list`?"))
        #expect(slot.file.hasSuffix("slots.yaml"))
    }

    @Test func anUnknownIntentInRoutesAndATypoInAFieldName() throws {
        let folder = try SamplePrompts.copy()
        try SamplePrompts.edit(folder, "attendant.yaml", replacing: "  order_status: orders", with: "  order_stats: orders")
        try SamplePrompts.edit(folder, "flows/main.yaml", replacing: "    after_answer: anything_else\n    no_match:", with: "    after_answer: anything_else\n    no_mach:")
        let bundle = PromptsBundle.load(directory: folder)
        #expect(bundle.errors.contains { $0.message.contains("unknown intent `order_stats` (did you mean `order_status`?)") })
        #expect(bundle.diagnostics.contains { $0.severity == .warning && $0.message.contains("unknown field `no_mach` (did you mean `no_match`?)") })
    }

    @Test func anEmptyOrMissingFolder() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let bundle = PromptsBundle.load(directory: empty)
        #expect(bundle.errors.contains { $0.file.hasSuffix("attendant.yaml") && $0.message.contains("missing") })
        #expect(bundle.errors.contains { $0.message.contains("no intents") })
        #expect(bundle.errors.contains { $0.message.contains("no flows") })
        let missing = PromptsBundle.load(directory: empty.appendingPathComponent("nope"))
        #expect(missing.errors.first?.message.contains("no such folder") == true)
        #expect(throws: DialogueModel.Unusable.self) { try DialogueModel(bundle: missing) }
    }
}
