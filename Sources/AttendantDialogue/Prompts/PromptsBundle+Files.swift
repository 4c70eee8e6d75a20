import Foundation
import Yams

extension PromptsBundle.Loader {
    /// A reader for the file with its parsed root; a file that does not parse is
    /// reported and gives nil. The caller adds `reader.diagnostics` when it is done.
    mutating func reader(for relative: String, required: Bool) -> (YAMLReader, Node)? {
        guard let text = read(relative, required: required) else { return nil }
        let reader = YAMLReader(file: path(relative))
        guard let node = reader.parse(text) else {
            diagnostics += reader.diagnostics
            return nil
        }
        return (reader, node)
    }

    // MARK: attendant.yaml

    mutating func loadSettings() -> DialogueSettings {
        let fallbackStart = StateReference(flow: "main", state: nil, location: SourceLocation(file: path("attendant.yaml"), line: 0, column: 0))
        guard let (reader, root) = reader(for: "attendant.yaml", required: true) else { return DialogueSettings(start: fallbackStart) }
        let flows = flowNames
        defer { diagnostics += reader.diagnostics }
        do {
            reader.checkKeys(root, ["name", "start", "understanding", "backend", "handoff", "routes", "global", "messages"], "attendant.yaml")
            var settings = DialogueSettings(start: fallbackStart)
            if let name = reader.string(root.field("name"), "name") { settings.name = name }
            if let start = reader.string(root.field("start"), "start") {
                settings.start = StateReference(start, in: nil, flows: flows, location: reader.location(root.field("start")))
            } else {
                reader.error(root, "start: expected the flow (or flow.state) conversations start in")
            }
            if let understanding = root.field("understanding") {
                reader.checkKeys(understanding, ["confirm_below", "reject_below", "knowledge_threshold"], "understanding")
                if let value = reader.double(understanding.field("confirm_below"), "understanding.confirm_below", in: 0...1) { settings.confirmBelow = value }
                if let value = reader.double(understanding.field("reject_below"), "understanding.reject_below", in: 0...1) { settings.rejectBelow = value }
                if let value = reader.double(understanding.field("knowledge_threshold"), "understanding.knowledge_threshold", in: 0...1) { settings.knowledgeThreshold = value }
                if settings.rejectBelow > settings.confirmBelow {
                    reader.error(understanding.field("reject_below"), "understanding.reject_below (\(settings.rejectBelow)) must not be above confirm_below (\(settings.confirmBelow))")
                }
            }
            if let backend = root.field("backend") {
                reader.checkKeys(backend, ["url", "timeout_ms"], "backend")
                settings.backendURL = reader.string(backend.field("url"), "backend.url")
                if let timeout = reader.int(backend.field("timeout_ms"), "backend.timeout_ms", in: 1...60_000) { settings.webhookTimeoutMilliseconds = timeout }
            }
            if let handoff = root.field("handoff") {
                reader.checkKeys(handoff, ["queue", "skills", "priority", "message", "dtmf", "after_failed_turns", "strong_negative", "sustained_negative"], "handoff")
                settings.handoff.spec = handoffSpec(reader, handoff, "handoff", defaultQueue: "general")
                settings.handoff.message = reader.prompts(handoff.field("message"), "handoff.message")
                if let node = handoff.field("dtmf") {
                    let key = reader.string(node, "handoff.dtmf")
                    if let key, !key.isEmpty, !Self.isDTMF(key) { reader.error(node, "handoff.dtmf: expected one key of 0-9, *, #") }
                    settings.handoff.dtmf = key?.isEmpty == false ? key : nil
                }
                if let value = reader.int(handoff.field("after_failed_turns"), "handoff.after_failed_turns", in: 1...20) { settings.handoff.afterFailedTurns = value }
                if let value = reader.double(handoff.field("strong_negative"), "handoff.strong_negative", in: -1...0) { settings.handoff.strongNegative = value }
                if let value = reader.int(handoff.field("sustained_negative"), "handoff.sustained_negative", in: 0...20) { settings.handoff.sustainedNegative = value }
            }
            for entry in reader.mapping(root.field("routes"), "routes") {
                guard let target = reader.string(entry.value, "routes.\(entry.key)") else { continue }
                settings.routes[entry.key] = StateReference(target, in: nil, flows: flows, location: reader.location(entry.value))
            }
            for entry in reader.mapping(root.field("global"), "global") {
                if let action = globalAction(reader, entry.value, "global.\(entry.key)", flows: flows) { settings.globals[entry.key] = action }
            }
            if let messages = root.field("messages") {
                let keys = ["no_input", "no_match", "confirm_intent", "confirm_denied", "clarify", "backend_failed", "flow_error"]
                reader.checkKeys(messages, Set(keys), "messages")
                settings.messages.noInput = reader.prompts(messages.field("no_input"), "messages.no_input")
                settings.messages.noMatch = reader.prompts(messages.field("no_match"), "messages.no_match")
                settings.messages.confirmIntent = reader.prompts(messages.field("confirm_intent"), "messages.confirm_intent")
                settings.messages.confirmDenied = reader.prompts(messages.field("confirm_denied"), "messages.confirm_denied")
                settings.messages.clarify = reader.prompts(messages.field("clarify"), "messages.clarify")
                settings.messages.backendFailed = reader.prompts(messages.field("backend_failed"), "messages.backend_failed")
                settings.messages.flowError = reader.prompts(messages.field("flow_error"), "messages.flow_error")
            }
            for (key, list) in [("no_input", settings.messages.noInput), ("no_match", settings.messages.noMatch),
                                ("confirm_intent", settings.messages.confirmIntent), ("clarify", settings.messages.clarify)] where list.isEmpty {
                reader.error(root.field("messages") ?? root, "messages.\(key): required (what the engine says then)")
            }
            return settings
        }
    }

    static func isDTMF(_ key: String) -> Bool { key.count == 1 && "0123456789*#ABCD".contains(key) }

    func handoffSpec(_ reader: YAMLReader, _ node: Node, _ what: String, defaultQueue: String? = nil) -> HandoffSpec {
        if case .scalar = node { return HandoffSpec(queue: defaultQueue) }
        return HandoffSpec(queue: reader.string(node.field("queue"), "\(what).queue") ?? defaultQueue,
                           skills: reader.strings(node.field("skills"), "\(what).skills"),
                           priority: reader.int(node.field("priority"), "\(what).priority", in: 0...9),
                           reason: reader.string(node.field("reason"), "\(what).reason"),
                           message: reader.prompts(node.field("message"), "\(what).message"))
    }

    func globalAction(_ reader: YAMLReader, _ node: Node, _ what: String, flows: Set<String>) -> DialogueSettings.GlobalAction? {
        if let word = node.scalar?.string {
            switch word {
            case "handoff": return .handoff(HandoffSpec())
            case "repeat": return .repeatLast
            default:
                reader.error(node, "\(what): expected handoff, repeat, or a mapping with one of handoff:, say:, goto:")
                return nil
            }
        }
        reader.checkKeys(node, ["handoff", "say", "goto"], what)
        if let handoff = node.field("handoff") { return .handoff(handoffSpec(reader, handoff, "\(what).handoff")) }
        if let say = node.field("say") { return .say(reader.prompts(say, "\(what).say")) }
        if let target = node.field("goto"), let text = reader.string(target, "\(what).goto") {
            return .go(StateReference(text, in: nil, flows: flows, location: reader.location(target)))
        }
        reader.error(node, "\(what): expected one of handoff:, say:, goto:")
        return nil
    }

    // MARK: intents/*.yaml

    mutating func loadIntents() -> [String: IntentDefinition] {
        var intents: [String: IntentDefinition] = [:]
        let files = files(in: "intents", extension: "yaml") + files(in: "intents", extension: "yml")
        if files.isEmpty {
            diagnostics.append(PromptDiagnostic(file: path("intents"), message: "no intents: add intents/*.yaml with example phrases"))
        }
        for file in files {
            guard let (reader, root) = reader(for: file, required: true) else { continue }
            let parsed: [IntentDefinition] = { () -> [IntentDefinition] in
                reader.checkKeys(root, ["intents"], file)
                guard let list = root.field("intents") else {
                    reader.error(root, "expected `intents:` with a mapping of intent names to their examples")
                    return []
                }
                return reader.mapping(list, "intents").compactMap { entry in
                    let what = "intent \(entry.key)"
                    if !Self.isName(entry.key) { reader.error(entry.keyNode, "\(what): a name is lower_snake_case letters, digits and _") }
                    if case .sequence = entry.value {
                        let examples = reader.strings(entry.value, "\(what).examples")
                        return IntentDefinition(name: entry.key, description: nil, confirm: nil, slots: [], examples: examples,
                                                exampleLocations: reader.items(entry.value).map { reader.location($0) },
                                                location: reader.location(entry.keyNode))
                    }
                    reader.checkKeys(entry.value, ["description", "confirm", "slots", "examples"], what)
                    let exampleNodes = reader.items(entry.value.field("examples")).filter { $0.scalar != nil }
                    let examples = reader.strings(entry.value.field("examples"), "\(what).examples")
                    if examples.isEmpty { reader.error(entry.keyNode, "\(what): needs at least one example phrase under `examples:`") }
                    return IntentDefinition(name: entry.key, description: reader.string(entry.value.field("description"), "\(what).description"),
                                            confirm: reader.string(entry.value.field("confirm"), "\(what).confirm"),
                                            slots: reader.strings(entry.value.field("slots"), "\(what).slots"),
                                            examples: examples, exampleLocations: exampleNodes.map { reader.location($0) },
                                            location: reader.location(entry.keyNode))
                }
            }()
            diagnostics += reader.diagnostics
            for intent in parsed {
                if let other = intents[intent.name] {
                    diagnostics.append(intent.location.diagnostic("intent `\(intent.name)` is also defined at \(other.location.file):\(other.location.line)"))
                } else {
                    intents[intent.name] = intent
                }
            }
        }
        return intents
    }

    static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    // MARK: slots.yaml

    mutating func loadSlots() -> ([String: SlotType], [String: [PromptSpec]]) {
        var types = Dictionary(uniqueKeysWithValues: SlotType.builtIn.map { ($0.name, $0) })
        var prompts: [String: [PromptSpec]] = [:]
        guard let (reader, root) = reader(for: "slots.yaml", required: false) else { return (types, prompts) }
        let builtIn = types
        defer { diagnostics += reader.diagnostics }
        do {
            reader.checkKeys(root, ["slots"], "slots.yaml")
            for entry in reader.mapping(root.field("slots"), "slots") {
                let what = "slot \(entry.key)"
                if builtIn[entry.key] != nil {
                    reader.error(entry.keyNode, "\(what): `\(entry.key)` is a built-in slot type; choose another name")
                    continue
                }
                reader.checkKeys(entry.value, ["type", "pattern", "values", "prompt"], what)
                prompts[entry.key] = reader.prompts(entry.value.field("prompt"), "\(what).prompt")
                guard let kind = reader.string(entry.value.field("type"), "\(what).type") else {
                    reader.error(entry.keyNode, "\(what): needs `type:` (pattern, list, or one of \(SlotType.builtIn.map(\.name).joined(separator: ", ")))")
                    continue
                }
                switch kind {
                case "pattern":
                    guard let pattern = reader.string(entry.value.field("pattern"), "\(what).pattern") else {
                        reader.error(entry.value, "\(what): a pattern slot needs `pattern:` (a regular expression)")
                        continue
                    }
                    if (try? NSRegularExpression(pattern: pattern)) == nil {
                        reader.error(entry.value.field("pattern"), "\(what).pattern: not a valid regular expression: \(pattern)")
                        continue
                    }
                    types[entry.key] = SlotType(name: entry.key, kind: .pattern(pattern))
                case "list":
                    let values = reader.mapping(entry.value.field("values"), "\(what).values").map { value in
                        SlotType.ListValue(value: value.key, synonyms: [value.key] + reader.strings(value.value, "\(what).values.\(value.key)"))
                    }
                    if values.isEmpty { reader.error(entry.value, "\(what): a list slot needs `values:` (value: [synonyms])") }
                    types[entry.key] = SlotType(name: entry.key, kind: .list(values))
                default:
                    if let base = builtIn[kind] {
                        types[entry.key] = SlotType(name: entry.key, kind: base.kind)
                    } else {
                        let suggestion = YAMLReader.closest(kind, in: ["pattern", "list"] + builtIn.keys.sorted()).map { " (did you mean `\($0)`?)" } ?? ""
                        reader.error(entry.value.field("type"), "\(what): unknown slot type `\(kind)`\(suggestion); expected pattern, list, \(builtIn.keys.sorted().joined(separator: ", "))")
                    }
                }
            }
        }
        return (types, prompts)
    }
}
