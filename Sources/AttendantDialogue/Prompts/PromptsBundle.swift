import Foundation

/// Everything in a `prompts/` folder, parsed and cross-checked: settings, intents, slot
/// types, flows and knowledge articles, plus every problem found (see `prompts/README.md`
/// for the formats).
///
/// Loading never throws: each broken file or entry is reported as a ``PromptDiagnostic``
/// and left out, so `prompts check` lists every problem at once and a running engine can
/// decide to keep its last good bundle (``isUsable``).
public struct PromptsBundle: Sendable {
    public var directory: URL
    public var settings: DialogueSettings
    public var intents: [String: IntentDefinition]
    /// Designer slot types and the built-ins, by name.
    public var slotTypes: [String: SlotType]
    /// What the engine asks to fill a slot when a state does not say (from `slots.yaml`).
    public var slotPrompts: [String: [PromptSpec]]
    public var flows: [String: Flow]
    public var articles: [KnowledgeArticle]
    /// Extra recognizer phrases from `phrases.txt`.
    public var phrases: [String]
    public var diagnostics: [PromptDiagnostic]

    /// No errors (warnings allowed).
    public var isUsable: Bool { !diagnostics.contains { $0.severity == .error } }
    public var errors: [PromptDiagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The state a conversation starts in.
    public var startState: StateID? { resolve(settings.start) }

    public func state(_ id: StateID) -> FlowState? { flows[id.flow]?.states[id.state] }

    /// The state a reference names, if it exists.
    public func resolve(_ reference: StateReference) -> StateID? {
        guard let flow = flows[reference.flow] else { return nil }
        let name = reference.state ?? flow.start
        return flow.states[name] != nil ? StateID(flow: flow.name, state: name) : nil
    }

    /// Every example phrase by intent, for training the classifier.
    public var trainingExamples: [IntentExample] {
        intents.keys.sorted().flatMap { name in intents[name]!.examples.map { IntentExample(text: $0, intent: name) } }
    }

    /// Everything a caller is expected to say: example phrases, knowledge questions and
    /// titles, list-slot synonyms and `phrases.txt` — what the recognizer's domain
    /// language model is built from.
    public var recognizerPhrases: [String] {
        var list = trainingExamples.map(\.text)
        for article in articles { list.append(article.title); list += article.questions }
        for type in slotTypes.values.sorted(by: { $0.name < $1.name }) {
            if case .list(let values) = type.kind { list += values.flatMap(\.synonyms) }
        }
        return list + phrases
    }
}
