/// Where a ticket is in its lifecycle: open → assigned → pending → resolved → closed.
///
/// Allowed changes (anything else is rejected with ``StoreError/Code/invalidTransition(ticket:from:to:)``):
///
/// | from     | to                                   |
/// |----------|--------------------------------------|
/// | open     | assigned, pending, resolved, closed  |
/// | assigned | open (back to the queue), pending, resolved, closed |
/// | pending  | open, assigned, resolved, closed     |
/// | resolved | open (reopen), closed                |
/// | closed   | — (final; a new contact gets a new ticket) |
///
/// A status never "changes" to itself; reassigning an assigned ticket to another agent
/// is ``ConversationStore/assignTicket(_:to:actor:)``.
public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting in its queue for an agent.
    case open
    /// An agent has it.
    case assigned
    /// Waiting on the customer or a third party.
    case pending
    /// The agent considers it solved; the customer may still reopen it.
    case resolved
    /// Done for good.
    case closed

    /// The statuses this one may change to.
    public var allowedNext: Set<TicketStatus> {
        switch self {
        case .open: [.assigned, .pending, .resolved, .closed]
        case .assigned: [.open, .pending, .resolved, .closed]
        case .pending: [.open, .assigned, .resolved, .closed]
        case .resolved: [.open, .closed]
        case .closed: []
        }
    }

    /// Whether a ticket in this status may change to `next`.
    public func canChange(to next: TicketStatus) -> Bool { allowedNext.contains(next) }
}
