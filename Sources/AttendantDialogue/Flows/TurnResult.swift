/// Everything one turn produced: what was understood, what the engine replies and does.
public struct TurnResult: Sendable {
    /// nil for the greeting (the engine speaks first).
    public var input: CallerInput?
    public var intent: IntentPrediction?
    /// Entities found in this turn.
    public var entities: [Entity] = []
    public var sentiment: Sentiment?
    public var reply: [ReplySegment] = []
    public var action: DialogueAction = .continue
    public var handoff: HandoffRequest?
    /// The state the conversation is in after the turn.
    public var state: StateID?
    /// Knowledge articles answered in this turn.
    public var articles: [String] = []
    /// Webhook calls made and whether each succeeded.
    public var webhooks: [(url: String, succeeded: Bool)] = []

    public init(input: CallerInput?) { self.input = input }

    /// The reply as one text.
    public var replyText: String { reply.map(\.text).joined(separator: " ") }
    /// The reply as one text to synthesize.
    public var replySpoken: String { reply.map(\.spoken).joined(separator: " ") }
    /// Whether the caller may interrupt the whole reply.
    public var bargeIn: Bool { reply.allSatisfy(\.bargeIn) }
}
