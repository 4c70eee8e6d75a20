/// What the channel does after saying a turn's reply.
public enum DialogueAction: String, Sendable, Hashable, Codable {
    /// Wait for the caller's next turn.
    case `continue`
    /// Wait for a yes or no: the engine asked to confirm what it understood.
    case confirm
    /// Transfer to a person (``TurnResult/handoff`` says where); the bot is done.
    case handoff
    /// Hang up: the conversation is over.
    case end
}

/// Where a handed-off caller goes and why; the engine turns it into a ticket.
public struct HandoffRequest: Sendable, Hashable, Codable {
    public var queue: String
    public var skills: [String]
    public var priority: Int
    /// Why the bot handed off ("the caller asked for a person", "not understood 3 times").
    public var reason: String
    public init(queue: String, skills: [String], priority: Int, reason: String) {
        self.queue = queue
        self.skills = skills
        self.priority = priority
        self.reason = reason
    }
}

/// One piece of a reply, rendered: synthesized text (or SSML), or a recording to play.
public struct ReplySegment: Sendable, Hashable, Codable {
    /// The words as shown in chat and stored in the transcript.
    public var text: String
    /// The words as synthesized (values read out: "four eight two one three").
    public var spoken: String
    public var ssml: String?
    /// Absolute path of a WAV file to play instead of synthesizing.
    public var audio: String?
    /// Whether caller speech may interrupt it.
    public var bargeIn: Bool
}
