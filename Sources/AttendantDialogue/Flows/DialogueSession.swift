import Foundation

/// One conversation's way through the designer's flows.
///
/// Design: a value-type state machine driven one turn at a time. ``start(reference:)``
/// enters the start state and returns the greeting; ``handle(_:reference:)`` takes one
/// caller turn (speech, text, DTMF or no-input) and returns what was understood, the
/// reply and the action. Entering a state says its prompts and runs states that need no
/// caller (webhooks, knowledge answers, `next:`) until one waits for the caller (listen,
/// collect, confirm) or the conversation hands off or ends. The only I/O is the
/// ``WebhookClient``; the clock is passed in (`reference`), so tests are deterministic.
///
/// Understanding a turn, in order: sentiment policy → a pending question (a confirmation,
/// a variant's slot, a clarification) → global intents → the state's own expectations
/// (routes, DTMF, slots, yes/no) → the knowledge base → not understood. Not understood
/// and silence re-prompt with escalating messages; after the state's `max_attempts`, or
/// the policy's `after_failed_turns` in a row, the caller is handed off.
public struct DialogueSession: Sendable {
    public let model: DialogueModel
    let webhooks: any WebhookClient

    /// The caller's number or id (the `{{caller}}` variable).
    public var caller: String?
    /// Where the conversation is (nil before ``start(reference:)``).
    public internal(set) var current: StateID?
    /// Slot values and webhook results (canonical text), by name.
    public internal(set) var variables: [String: String] = [:]
    /// How to say each variable, where it differs from its value.
    var spokenVariables: [String: String] = [:]
    /// Whether the conversation has ended or been handed off.
    public internal(set) var isFinished = false

    /// The last in-scope intent acted on, the articles answered and the latest sentiment:
    /// what a ticket's summary says.
    public internal(set) var lastIntent: String?
    public internal(set) var answeredArticles: [String] = []
    public internal(set) var sentiments: [Sentiment] = []

    var failuresInRow = 0
    var attemptsInState = 0
    var negativeInRow = 0
    var lastReply: [ReplySegment] = []
    var pending: Pending?
    var knowledgeContext: [KnowledgeArticle] = []
    var lastUtterance: String?

    /// A question the engine asked outside the state's own expectations.
    enum Pending: Sendable {
        /// "You want to …, is that right?": where to go on yes, with the entities heard.
        case intent(name: String, target: StateID, entities: [Entity])
        /// "Is that for an iPhone or an Android phone?" before a knowledge answer.
        case variant(article: KnowledgeArticle, slot: String, next: Transition?)
        /// "Could you tell me a bit more?" after a knowledge search found nothing good.
        case clarify(question: String, next: Transition?)
    }

    public init(model: DialogueModel, webhooks: any WebhookClient = UnreachableBackend(), caller: String? = nil) {
        self.model = model
        self.webhooks = webhooks
        self.caller = caller
        if let caller { variables["caller"] = caller }
    }

    var bundle: PromptsBundle { model.bundle }
    var settings: DialogueSettings { model.bundle.settings }
    var state: FlowState? { current.flatMap(bundle.state) }

    /// Enters the start state: the greeting.
    public mutating func start(reference: Date = Date()) async -> TurnResult {
        var turn = TurnResult(input: nil)
        if let start = bundle.startState {
            await enter(start, &turn)
        } else {
            flowError(&turn, "no start state")
        }
        return finish(turn)
    }

    /// Takes one caller turn.
    public mutating func handle(_ input: CallerInput, reference: Date = Date()) async -> TurnResult {
        var turn = TurnResult(input: input)
        guard !isFinished else {
            turn.action = .end
            turn.state = current
            return turn
        }
        switch input {
        case .noInput:
            await fail(&turn, silence: true)
        case .dtmf(let keys):
            await handleDTMF(keys, &turn)
        case .speech(let text, _, let alternatives):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                await fail(&turn, silence: true)
            } else {
                let (reading, prediction) = model.interpret(trimmed, alternatives: alternatives)
                await handleUtterance(reading, prediction: prediction, reference: reference, &turn)
            }
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                await fail(&turn, silence: true)
            } else {
                await handleUtterance(trimmed, prediction: model.classifier.classify(trimmed), reference: reference, &turn)
            }
        }
        return finish(turn)
    }

    mutating func finish(_ turn: TurnResult) -> TurnResult {
        var turn = turn
        turn.state = current
        if !turn.reply.isEmpty { lastReply = turn.reply }
        if turn.action == .handoff || turn.action == .end { isFinished = true }
        return turn
    }
}
