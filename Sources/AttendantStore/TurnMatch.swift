/// A turn found by ``ConversationStore/searchTurns(_:limit:)``.
public struct TurnMatch: Codable, Sendable, Equatable {
    /// The conversation the turn belongs to (also ``Turn/conversationID``).
    public var conversationID: String
    /// The whole turn.
    public var turn: Turn
    /// The matching part of the text, matched words in `[` `]`, cut parts as `…`.
    public var snippet: String

    /// A match.
    public init(conversationID: String, turn: Turn, snippet: String) {
        self.conversationID = conversationID
        self.turn = turn
        self.snippet = snippet
    }

    enum CodingKeys: String, CodingKey {
        case turn, snippet
        case conversationID = "conversation_id"
    }
}
