/// What ``ConversationStore/createTicket(_:)`` needs; the store adds the id, the
/// `open` status and the timestamps.
public struct NewTicket: Codable, Sendable, Equatable {
    /// The conversation that raised it (must exist).
    public var conversationID: String
    /// Higher is more urgent.
    public var priority: Int
    /// The queue it waits in.
    public var queue: String
    /// Skills an agent needs.
    public var requiredSkills: [String]
    /// The customer's number or id.
    public var customer: String?
    /// What the bot learned.
    public var summary: Ticket.Summary
    /// Who creates it, recorded on the `created` event (usually "bot").
    public var actor: String

    /// A ticket request.
    public init(conversationID: String, priority: Int = 0, queue: String, requiredSkills: [String] = [],
                customer: String? = nil, summary: Ticket.Summary = Ticket.Summary(), actor: String = "bot") {
        self.conversationID = conversationID
        self.priority = priority
        self.queue = queue
        self.requiredSkills = requiredSkills
        self.customer = customer
        self.summary = summary
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey {
        case priority, queue, customer, summary, actor
        case conversationID = "conversation_id", requiredSkills = "required_skills"
    }
}
