import Foundation

/// A request handed to people: created when the bot hands a conversation off, worked
/// by agents through ``TicketStatus``, every change recorded as a ``TicketEvent``.
///
/// The full transcript is the conversation's turns
/// (``ConversationStore/transcript(ticketID:)``).
public struct Ticket: Codable, Sendable, Equatable, Identifiable {
    /// What the bot learned before handing off, so the agent does not ask again.
    public struct Summary: Codable, Sendable, Equatable {
        /// The caller's last recognized intent.
        public var intent: String?
        /// Slot values collected so far.
        public var slots: [String: String]
        /// Sentiment label at handoff.
        public var sentimentLabel: String?
        /// Sentiment score at handoff.
        public var sentimentScore: Double?
        /// Why the bot handed off (e.g. "caller asked for an agent", "low confidence").
        public var handoffReason: String?
        /// What the bot already told the caller.
        public var botAnswers: [String]

        /// A summary with the given fields.
        public init(intent: String? = nil, slots: [String: String] = [:], sentimentLabel: String? = nil,
                    sentimentScore: Double? = nil, handoffReason: String? = nil, botAnswers: [String] = []) {
            self.intent = intent
            self.slots = slots
            self.sentimentLabel = sentimentLabel
            self.sentimentScore = sentimentScore
            self.handoffReason = handoffReason
            self.botAnswers = botAnswers
        }

        enum CodingKeys: String, CodingKey {
            case intent, slots
            case sentimentLabel = "sentiment_label", sentimentScore = "sentiment_score"
            case handoffReason = "handoff_reason", botAnswers = "bot_answers"
        }
    }

    /// Assigned by the store, from 1; show it as ``displayID``.
    public var id: Int64
    /// The conversation that raised it.
    public var conversationID: String
    /// Lifecycle status.
    public var status: TicketStatus
    /// Higher is more urgent.
    public var priority: Int
    /// The queue it waits in (e.g. "billing").
    public var queue: String
    /// Skills an agent needs for it (e.g. ["spanish", "refunds"]).
    public var requiredSkills: [String]
    /// The customer's number or id.
    public var customer: String?
    /// The agent who has it, once assigned.
    public var assignee: String?
    /// What the bot learned.
    public var summary: Summary
    /// When it was created.
    public var createdAt: Date
    /// When it last changed (status, assignment or note).
    public var updatedAt: Date

    /// The id as people see it: `T-000042`.
    public var displayID: String { Ticket.displayID(id) }

    /// Formats a ticket id as people see it: 42 → `T-000042`.
    public static func displayID(_ id: Int64) -> String {
        let digits = String(id)
        return "T-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Reads an id as people type it: `T-000042`, `t-42` or `42` → 42; `nil` otherwise.
    public static func id(fromDisplay text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.lowercased().hasPrefix("t-") { rest = rest.dropFirst(2) }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(rest), id > 0 else { return nil }
        return id
    }

    /// A ticket with every field given (the store builds these; see ``NewTicket``).
    public init(id: Int64, conversationID: String, status: TicketStatus, priority: Int, queue: String,
                requiredSkills: [String], customer: String?, assignee: String?, summary: Summary,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.conversationID = conversationID
        self.status = status
        self.priority = priority
        self.queue = queue
        self.requiredSkills = requiredSkills
        self.customer = customer
        self.assignee = assignee
        self.summary = summary
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, priority, queue, customer, assignee, summary
        case conversationID = "conversation_id", requiredSkills = "required_skills"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}
