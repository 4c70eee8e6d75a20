import Foundation
import Testing
@testable import AttendantStore

@Suite("Store: tickets and their audit trail")
struct TicketStoreTests {
    /// A conversation with two turns and a ticket raised from it.
    func raise(_ store: SQLiteStore, queue: String = "billing", priority: Int = 1,
               customer: String = "+15550001111") async throws -> Ticket {
        let conversation = Conversation(channel: .sip, caller: customer)
        try await store.startConversation(conversation)
        try await store.appendTurn(sampleTurn(conversation.id, 0, "I was charged twice"))
        try await store.appendTurn(sampleTurn(conversation.id, 1, "Let me get someone to help.", speaker: .bot))
        return try await store.createTicket(NewTicket(
            conversationID: conversation.id, priority: priority, queue: queue, requiredSkills: ["refunds", "spanish"],
            customer: customer,
            summary: Ticket.Summary(intent: "refund_request", slots: ["order_id": "A-1234"], sentimentLabel: "negative",
                                    sentimentScore: -0.6, handoffReason: "caller asked for an agent",
                                    botAnswers: ["Refunds take five days."])))
    }

    @Test("creating a ticket assigns an id, opens it, stores the summary and writes a created event")
    func createTicket() async throws {
        try await withStore { store, _ in
            let ticket = try await raise(store)
            #expect(ticket.id == 1 && ticket.displayID == "T-000001")
            #expect(ticket.status == .open && ticket.assignee == nil)
            #expect(try await store.ticket(ticket.id) == ticket)
            let second = try await raise(store)
            #expect(second.id == 2)

            let events = try await store.events(ticketID: ticket.id)
            #expect(events.map(\.kind) == [.created])
            #expect(events[0].actor == "bot" && events[0].detail == "queue billing, priority 1")
            #expect(events[0].ticketID == ticket.id)

            let transcript = try await store.transcript(ticketID: ticket.id)
            #expect(transcript.map(\.text) == ["I was charged twice", "Let me get someone to help."])
            #expect(try await store.ticket(999) == nil)

            let orphan = await #expect(throws: StoreError.self) {
                try await store.createTicket(NewTicket(conversationID: "missing", queue: "billing"))
            }
            #expect(orphan?.code == .unknownConversation("missing"))
            #expect(try await store.tickets().count == 2)  // the failed create left nothing behind
        }
    }

    @Test("the lifecycle open → assigned → pending → resolved → open → closed, each change with its event")
    func allowedLifecycle() async throws {
        try await withStore { store, _ in
            let ticket = try await raise(store)
            let assigned = try await store.assignTicket(ticket.id, to: "agent-7", actor: "router")
            #expect(assigned.status == .assigned && assigned.assignee == "agent-7")
            let pending = try await store.updateTicketStatus(ticket.id, to: .pending, actor: "agent-7", note: "waiting for bank statement")
            #expect(pending.status == .pending && pending.assignee == "agent-7")
            _ = try await store.updateTicketStatus(ticket.id, to: .resolved, actor: "agent-7")
            let reopened = try await store.updateTicketStatus(ticket.id, to: .open, actor: "+15550001111", note: "still charged twice")
            #expect(reopened.status == .open && reopened.assignee == nil)  // back in the queue
            let note = try await store.addNote(ticket.id, actor: "agent-3", text: "Customer called again")
            #expect(note.kind == .note)
            let closed = try await store.updateTicketStatus(ticket.id, to: .closed, actor: "agent-3")
            #expect(try await store.ticket(ticket.id) == closed)
            #expect(closed.updatedAt >= closed.createdAt)

            let events = try await store.events(ticketID: ticket.id)
            #expect(events.map(\.kind) == [.created, .statusChanged, .assigned, .statusChanged, .statusChanged,
                                           .statusChanged, .note, .statusChanged])
            #expect(events.map(\.detail) == [
                "queue billing, priority 1", "open → assigned", "agent-7", "assigned → pending: waiting for bank statement",
                "pending → resolved", "resolved → open: still charged twice", "Customer called again", "open → closed",
            ])
            #expect(events.map(\.actor) == ["bot", "router", "router", "agent-7", "agent-7", "+15550001111", "agent-3", "agent-3"])
            #expect(events.map(\.id) == events.map(\.id).sorted())
        }
    }

    @Test("forbidden transitions are rejected with from/to, change nothing and write no event")
    func rejectedTransitions() async throws {
        try await withStore { store, _ in
            let ticket = try await raise(store)
            let same = await #expect(throws: StoreError.self) { try await store.updateTicketStatus(ticket.id, to: .open, actor: "agent-1") }
            #expect(same?.code == .invalidTransition(ticket: ticket.id, from: .open, to: .open))

            _ = try await store.updateTicketStatus(ticket.id, to: .resolved, actor: "agent-1")
            let backToPending = await #expect(throws: StoreError.self) {
                try await store.updateTicketStatus(ticket.id, to: .pending, actor: "agent-1")
            }
            #expect(backToPending?.code == .invalidTransition(ticket: ticket.id, from: .resolved, to: .pending))
            #expect(backToPending?.message == "ticket T-000001 cannot go from resolved to pending")

            _ = try await store.updateTicketStatus(ticket.id, to: .closed, actor: "agent-1")
            for next in TicketStatus.allCases {
                let error = await #expect(throws: StoreError.self) { try await store.updateTicketStatus(ticket.id, to: next, actor: "agent-1") }
                #expect(error?.code == .invalidTransition(ticket: ticket.id, from: .closed, to: next))
            }
            let assignClosed = await #expect(throws: StoreError.self) { try await store.assignTicket(ticket.id, to: "agent-2", actor: "router") }
            #expect(assignClosed?.code == .invalidTransition(ticket: ticket.id, from: .closed, to: .assigned))

            #expect(try await store.ticket(ticket.id)?.status == .closed)
            #expect(try await store.events(ticketID: ticket.id).map(\.kind) == [.created, .statusChanged, .statusChanged])
        }
    }

    @Test("the transition table matches the documented lifecycle")
    func transitionTable() {
        #expect(TicketStatus.open.allowedNext == [.assigned, .pending, .resolved, .closed])
        #expect(TicketStatus.resolved.allowedNext == [.open, .closed])
        #expect(TicketStatus.closed.allowedNext.isEmpty)
        for status in TicketStatus.allCases { #expect(!status.canChange(to: status)) }
    }

    @Test("reassigning an assigned ticket records who had it, without a status change")
    func reassign() async throws {
        try await withStore { store, _ in
            let ticket = try await raise(store)
            _ = try await store.assignTicket(ticket.id, to: "agent-1", actor: "router")
            let moved = try await store.assignTicket(ticket.id, to: "agent-2", actor: "supervisor")
            #expect(moved.assignee == "agent-2" && moved.status == .assigned)
            let events = try await store.events(ticketID: ticket.id)
            #expect(events.map(\.kind) == [.created, .statusChanged, .assigned, .assigned])
            #expect(events.last?.detail == "agent-2 (was agent-1)")
        }
    }

    @Test("unknown tickets and empty actors or notes are typed errors")
    func ticketErrors() async throws {
        try await withStore { store, _ in
            let ticket = try await raise(store)
            let missing: Int64 = 42
            for call in [
                { try await store.updateTicketStatus(missing, to: .closed, actor: "a") } as @Sendable () async throws -> Any,
                { try await store.assignTicket(missing, to: "a", actor: "a") },
                { try await store.addNote(missing, actor: "a", text: "x") },
                { try await store.events(ticketID: missing) },
                { try await store.transcript(ticketID: missing) },
            ] {
                let error = await #expect(throws: StoreError.self) { _ = try await call() }
                #expect(error?.code == .unknownTicket(missing))
                #expect(error?.message.contains("T-000042") == true)
            }
            await #expect(throws: StoreError.self) { try await store.addNote(ticket.id, actor: "", text: "x") }
            await #expect(throws: StoreError.self) { try await store.addNote(ticket.id, actor: "a", text: "") }
            await #expect(throws: StoreError.self) { try await store.tickets(filter: TicketFilter(limit: -1)) }
        }
    }

    @Test("filters by status, queue, customer and assignee; priority first, then oldest; limit")
    func filters() async throws {
        try await withStore { store, _ in
            let low = try await raise(store, queue: "billing", priority: 1, customer: "c1")
            let high = try await raise(store, queue: "billing", priority: 5, customer: "c2")
            let tech = try await raise(store, queue: "tech", priority: 3, customer: "c1")
            let lowToo = try await raise(store, queue: "billing", priority: 1, customer: "c3")
            _ = try await store.assignTicket(tech.id, to: "agent-9", actor: "router")
            _ = try await store.updateTicketStatus(lowToo.id, to: .resolved, actor: "agent-1")

            #expect(try await store.tickets().map(\.id) == [high.id, tech.id, low.id, lowToo.id])
            #expect(try await store.tickets(filter: TicketFilter(status: .open)).map(\.id) == [high.id, low.id])
            #expect(try await store.tickets(filter: TicketFilter(status: .open, queue: "billing", limit: 1)).map(\.id) == [high.id])
            #expect(try await store.tickets(filter: TicketFilter(queue: "billing")).map(\.id) == [high.id, low.id, lowToo.id])
            #expect(try await store.tickets(filter: TicketFilter(customer: "c1")).map(\.id) == [tech.id, low.id])
            #expect(try await store.tickets(filter: TicketFilter(assignee: "agent-9")).map(\.id) == [tech.id])
            #expect(try await store.tickets(filter: TicketFilter(statuses: [.assigned, .resolved])).map(\.id) == [tech.id, lowToo.id])
            #expect(try await store.tickets(filter: TicketFilter(queue: "nobody")).isEmpty)
            #expect(try await store.tickets(filter: TicketFilter(limit: 0)).isEmpty)
        }
    }

    @Test("ticket ids display as T-000042 and read back from what people type")
    func displayIDs() {
        #expect(Ticket.displayID(42) == "T-000042")
        #expect(Ticket.displayID(1_234_567) == "T-1234567")
        #expect(Ticket.id(fromDisplay: "T-000042") == 42)
        #expect(Ticket.id(fromDisplay: " t-42 ") == 42)
        #expect(Ticket.id(fromDisplay: "42") == 42)
        for bad in ["", "T-", "T-0", "T-x1", "T--1", "T-+5", "ticket 4", "T-٤٢"] { #expect(Ticket.id(fromDisplay: bad) == nil) }
    }

    @Test("records encode to JSON with snake_case keys")
    func jsonShape() throws {
        let summary = Ticket.Summary(intent: "refund_request", handoffReason: "asked for agent", botAnswers: ["five days"])
        let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(json.contains("\"handoff_reason\"") && json.contains("\"bot_answers\""))
        let turn = sampleTurn("c", 0, "hi")
        let decoded = try JSONDecoder().decode(Turn.self, from: JSONEncoder().encode(turn))
        #expect(decoded == turn)
    }
}
