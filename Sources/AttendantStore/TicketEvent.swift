import Foundation

/// One entry in a ticket's audit trail. Every change to a ticket writes one in the same
/// transaction, so the trail and the ticket never disagree.
public struct TicketEvent: Codable, Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The ticket was created (detail: queue and priority).
        case created
        /// Its status changed (detail: `from → to`, then the note if any).
        case statusChanged = "status_changed"
        /// It was given to an agent (detail: the agent).
        case assigned
        /// Someone wrote a note (detail: the note).
        case note
    }

    /// Assigned by the store, increasing.
    public var id: Int64
    /// The ticket.
    public var ticketID: Int64
    /// When.
    public var at: Date
    /// What happened.
    public var kind: Kind
    /// Who did it: "bot", "system" or an agent id.
    public var actor: String
    /// Human-readable detail.
    public var detail: String

    /// An event with every field given (the store builds these).
    public init(id: Int64, ticketID: Int64, at: Date, kind: Kind, actor: String, detail: String) {
        self.id = id
        self.ticketID = ticketID
        self.at = at
        self.kind = kind
        self.actor = actor
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, at, kind, actor, detail
        case ticketID = "ticket_id"
    }
}
