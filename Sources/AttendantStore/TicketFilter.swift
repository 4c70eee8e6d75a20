/// Which tickets ``ConversationStore/tickets(filter:)`` returns; `nil` fields match
/// everything. Results come highest priority first, then oldest first (the order an
/// agent works a queue).
public struct TicketFilter: Codable, Sendable, Equatable {
    /// Only tickets in one of these statuses (empty: any status).
    public var statuses: Set<TicketStatus>
    /// Only this queue.
    public var queue: String?
    /// Only this customer.
    public var customer: String?
    /// Only tickets assigned to this agent.
    public var assignee: String?
    /// At most this many.
    public var limit: Int

    /// A filter; the default matches the first 100 tickets of any kind.
    public init(statuses: Set<TicketStatus> = [], queue: String? = nil, customer: String? = nil,
                assignee: String? = nil, limit: Int = 100) {
        self.statuses = statuses
        self.queue = queue
        self.customer = customer
        self.assignee = assignee
        self.limit = limit
    }

    /// A filter on one status.
    public init(status: TicketStatus, queue: String? = nil, customer: String? = nil, limit: Int = 100) {
        self.init(statuses: [status], queue: queue, customer: customer, limit: limit)
    }
}
