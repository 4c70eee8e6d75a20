import Foundation
import Yams

/// A scripted conversation for `attendant test`: caller turns (typed text, a WAV file,
/// keys, silence) each with what the engine must do. Files are YAML:
///
/// ```yaml
/// name: Order status for a shipped order
/// caller: "+15550100"
/// turns:
///   - say: where is my order
///     expect: {intent: order_status, reply: order number}
///   - wav: audio/four-eight-two-one-three.wav     # relative to this file
///     expect: {slots: {order_id: "48213"}, reply: [shipped, Friday]}
///   - keys: "0"
///     expect: {action: handoff, ticket: true}
/// ```
public struct Scenario: Sendable {
    public struct Turn: Sendable {
        public enum Input: Sendable, Hashable {
            case text(String)
            /// A WAV file (absolute path) recognized as the caller's speech.
            case wav(String)
            case keys(String)
            case silence
        }
        public var input: Input
        public var expect: Expectation
        public var location: SourceLocation
    }

    /// What a turn must produce; unset fields are not checked.
    public struct Expectation: Sendable {
        /// The intent, or `oos` for out of scope.
        public var intent: String?
        /// Substrings the reply must contain (case-insensitive).
        public var reply: [String] = []
        /// Substrings the reply must not contain.
        public var replyNot: [String] = []
        /// Slot values the conversation must hold after the turn.
        public var slots: [String: String] = [:]
        public var action: DialogueAction?
        /// The state after the turn (`flow.state`).
        public var state: String?
        public var sentiment: Sentiment.Label?
        /// Whether the turn created a ticket.
        public var ticket: Bool?
        /// A knowledge article answered in the turn.
        public var article: String?

        /// What does not match `result` (empty: the turn passed).
        public func failures(_ result: TurnResult, variables: [String: String], ticketCreated: Bool) -> [String] {
            var problems: [String] = []
            if let intent {
                let got = result.intent?.intent ?? IntentPrediction.outOfScope
                if got != intent { problems.append("intent: expected \(intent), got \(got) (\(String(format: "%.2f", result.intent?.confidence ?? 0)))") }
            }
            let reply = result.replyText.lowercased()
            for part in self.reply where !reply.contains(part.lowercased()) {
                problems.append("reply: expected to contain \"\(part)\", got \"\(result.replyText)\"")
            }
            for part in replyNot where reply.contains(part.lowercased()) {
                problems.append("reply: expected not to contain \"\(part)\", got \"\(result.replyText)\"")
            }
            for (slot, value) in slots.sorted(by: { $0.key < $1.key }) where variables[slot] != value {
                problems.append("slot \(slot): expected \(value), got \(variables[slot] ?? "nothing")")
            }
            if let action, result.action != action { problems.append("action: expected \(action.rawValue), got \(result.action.rawValue)") }
            if let state, result.state?.description != state { problems.append("state: expected \(state), got \(result.state?.description ?? "none")") }
            if let sentiment, result.sentiment?.label != sentiment {
                problems.append("sentiment: expected \(sentiment.rawValue), got \(result.sentiment?.label.rawValue ?? "none")")
            }
            if let ticket, ticket != ticketCreated { problems.append(ticket ? "ticket: expected one, none was created" : "ticket: none expected, one was created") }
            if let article, !result.articles.contains(article) {
                problems.append("article: expected \(article), answered \(result.articles.isEmpty ? "none" : result.articles.joined(separator: ", "))")
            }
            return problems
        }
    }

    public var name: String
    public var file: String
    public var caller: String?
    public var turns: [Turn]

    /// Loads one scenario file; problems come back as diagnostics (and no scenario).
    public static func load(file: URL) -> (Scenario?, [PromptDiagnostic]) {
        let reader = YAMLReader(file: file.path)
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            return (nil, [PromptDiagnostic(file: file.path, message: "cannot be read as UTF-8 text")])
        }
        guard let root = reader.parse(text) else { return (nil, reader.diagnostics) }
        reader.checkKeys(root, ["name", "caller", "turns"], "scenario")
        let base = file.deletingLastPathComponent()
        var turns: [Turn] = []
        for node in reader.items(root.field("turns")) {
            reader.checkKeys(node, ["say", "wav", "keys", "silence", "expect"], "turn")
            let location = reader.location(node)
            var input: Turn.Input?
            if let text = reader.string(node.field("say"), "turn.say") { input = .text(text) }
            if let wav = reader.string(node.field("wav"), "turn.wav") {
                let url = wav.hasPrefix("/") ? URL(fileURLWithPath: wav) : base.appendingPathComponent(wav)
                if !FileManager.default.fileExists(atPath: url.path) { reader.error(node.field("wav"), "turn.wav: no file \(url.path)") }
                input = .wav(url.path)
            }
            if let keys = node.field("keys") { input = .keys(keys.string ?? "") }
            if reader.bool(node.field("silence"), "turn.silence") == true { input = .silence }
            guard let input else {
                reader.error(node, "turn: needs one of say:, wav:, keys:, silence: true")
                continue
            }
            turns.append(Turn(input: input, expect: expectation(reader, node.field("expect")), location: location))
        }
        if turns.isEmpty { reader.error(root, "scenario: needs `turns:` with at least one turn") }
        let name = reader.string(root.field("name"), "name") ?? file.deletingPathExtension().lastPathComponent
        let scenario = Scenario(name: name, file: file.path, caller: reader.string(root.field("caller"), "caller"), turns: turns)
        return (reader.diagnostics.contains { $0.severity == .error } ? nil : scenario, reader.diagnostics)
    }

    static func expectation(_ reader: YAMLReader, _ node: Node?) -> Expectation {
        var expect = Expectation()
        guard let node else { return expect }
        reader.checkKeys(node, ["intent", "reply", "reply_not", "slots", "action", "state", "sentiment", "ticket", "article"], "expect")
        expect.intent = reader.string(node.field("intent"), "expect.intent")
        expect.reply = reader.strings(node.field("reply"), "expect.reply")
        expect.replyNot = reader.strings(node.field("reply_not"), "expect.reply_not")
        for entry in reader.mapping(node.field("slots"), "expect.slots") {
            expect.slots[entry.key] = reader.string(entry.value, "expect.slots.\(entry.key)")
        }
        if let action = reader.string(node.field("action"), "expect.action") {
            expect.action = DialogueAction(rawValue: action)
            if expect.action == nil { reader.error(node.field("action"), "expect.action: expected continue, confirm, handoff or end") }
        }
        expect.state = reader.string(node.field("state"), "expect.state")
        if let label = reader.string(node.field("sentiment"), "expect.sentiment") {
            expect.sentiment = Sentiment.Label(rawValue: label)
            if expect.sentiment == nil { reader.error(node.field("sentiment"), "expect.sentiment: expected negative, neutral or positive") }
        }
        expect.ticket = reader.bool(node.field("ticket"), "expect.ticket")
        expect.article = reader.string(node.field("article"), "expect.article")
        return expect
    }
}
