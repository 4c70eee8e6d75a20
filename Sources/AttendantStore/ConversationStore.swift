import Foundation

/// Where Attendant keeps conversations, turns, tickets and ticket events.
///
/// Every method is `async throws`: implementations do I/O (a local SQLite file today,
/// a PostgreSQL server later) and must not block the engine's cooperative threads.
/// Every failure is a ``StoreError`` (or `CancellationError` when the calling task is
/// cancelled before the call ran). Each mutating call is one transaction: when it
/// returns, the change is committed; when it throws, nothing changed.
public protocol ConversationStore: Sendable {
    // MARK: Conversations

    /// Records a new conversation (normally with no end yet).
    /// - Throws: ``StoreError/Code/duplicateConversation(_:)`` if the id is taken.
    func startConversation(_ conversation: Conversation) async throws

    /// Appends one turn and commits it before returning, so a crash loses at most the
    /// turn in progress. Turns of a conversation that has ended are still accepted
    /// (late results).
    /// - Throws: ``StoreError/Code/unknownConversation(_:)``,
    ///   ``StoreError/Code/duplicateTurn(conversationID:index:)``.
    func appendTurn(_ turn: Turn) async throws

    /// Appends several turns in one transaction (a caller's turn and the reply to it):
    /// all are committed, or none.
    func appendTurns(_ turns: [Turn]) async throws

    /// Marks a conversation ended and returns it as stored.
    /// - Throws: ``StoreError/Code/unknownConversation(_:)``,
    ///   ``StoreError/Code/conversationEnded(_:)`` if it already ended.
    func endConversation(_ id: String, outcome: Conversation.Outcome, finalState: String?,
                         recordingPath: String?, at: Date) async throws -> Conversation

    /// The conversation with this id, or `nil`.
    func conversation(_ id: String) async throws -> Conversation?

    /// The conversation's turns in index order (empty for an unknown conversation).
    func turns(conversationID: String) async throws -> [Turn]

    /// Turns whose text contains every word of `query` (any case, accents ignored,
    /// English word endings folded: "refunds" finds "refund"), best match first.
    /// A query with no words returns nothing.
    func searchTurns(_ query: String, limit: Int) async throws -> [TurnMatch]

    // MARK: Tickets

    /// Creates an `open` ticket and its `created` event; returns it with its id.
    /// - Throws: ``StoreError/Code/unknownConversation(_:)``.
    func createTicket(_ ticket: NewTicket) async throws -> Ticket

    /// Changes a ticket's status and records a `status_changed` event (with the note).
    /// - Throws: ``StoreError/Code/unknownTicket(_:)``,
    ///   ``StoreError/Code/invalidTransition(ticket:from:to:)``.
    func updateTicketStatus(_ id: Int64, to status: TicketStatus, actor: String, note: String?) async throws -> Ticket

    /// Gives a ticket to an agent: sets the assignee, moves it to `assigned` if it was
    /// not, and records an `assigned` event (and a `status_changed` one when the status moved).
    /// - Throws: ``StoreError/Code/unknownTicket(_:)``,
    ///   ``StoreError/Code/invalidTransition(ticket:from:to:)`` for a resolved or closed ticket.
    func assignTicket(_ id: Int64, to agent: String, actor: String) async throws -> Ticket

    /// Records a `note` event and touches the ticket's `updatedAt`.
    /// - Throws: ``StoreError/Code/unknownTicket(_:)``.
    func addNote(_ id: Int64, actor: String, text: String) async throws -> TicketEvent

    /// The ticket with this id, or `nil`.
    func ticket(_ id: Int64) async throws -> Ticket?

    /// Tickets matching the filter, highest priority first, then oldest first.
    func tickets(filter: TicketFilter) async throws -> [Ticket]

    /// The ticket's audit trail, oldest first.
    /// - Throws: ``StoreError/Code/unknownTicket(_:)``.
    func events(ticketID: Int64) async throws -> [TicketEvent]

    /// The turns of the ticket's conversation: its full transcript.
    /// - Throws: ``StoreError/Code/unknownTicket(_:)``.
    func transcript(ticketID: Int64) async throws -> [Turn]
}

extension ConversationStore {
    /// Ends a conversation now, with no final state or recording.
    public func endConversation(_ id: String, outcome: Conversation.Outcome, finalState: String? = nil,
                                recordingPath: String? = nil) async throws -> Conversation {
        try await endConversation(id, outcome: outcome, finalState: finalState, recordingPath: recordingPath, at: Date())
    }

    /// Changes a ticket's status without a note.
    public func updateTicketStatus(_ id: Int64, to status: TicketStatus, actor: String) async throws -> Ticket {
        try await updateTicketStatus(id, to: status, actor: actor, note: nil)
    }

    /// The best 50 turns matching `query`.
    public func searchTurns(_ query: String) async throws -> [TurnMatch] {
        try await searchTurns(query, limit: 50)
    }

    /// The first 100 tickets of any kind.
    public func tickets() async throws -> [Ticket] {
        try await tickets(filter: TicketFilter())
    }
}
