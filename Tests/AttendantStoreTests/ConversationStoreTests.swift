import Foundation
import Testing
@testable import AttendantStore

@Suite("Store: conversations, turns and search")
struct ConversationStoreTests {
    @Test("a conversation starts, gets turns and ends; everything reads back")
    func conversationRoundTrip() async throws {
        try await withStore { store, _ in
            let started = Date(timeIntervalSince1970: 1_750_000_000.25)
            let conversation = Conversation(channel: .sip, caller: "+15551234567", startedAt: started)
            try await store.startConversation(conversation)
            #expect(try await store.conversation(conversation.id) == conversation)

            let turns = [
                sampleTurn(conversation.id, 0, "Hello, thanks for calling. How can I help?", speaker: .bot),
                sampleTurn(conversation.id, 1, "I'd like a refund for my order"),
                Turn(conversationID: conversation.id, index: 2, speaker: .agent, text: "Let me check that."),
            ]
            for turn in turns.reversed() { try await store.appendTurn(turn) }  // stored order is by index
            let stored = try await store.turns(conversationID: conversation.id)
            #expect(stored.map(\.index) == [0, 1, 2])
            #expect(stored.map(\.text) == turns.map(\.text))
            #expect(stored[1].slots == ["order_id": "A-1234", "amount": "19.99"])
            #expect(stored[1].timings == Turn.Timings(speechMs: 1800, asrMs: 120, nluMs: 0.4))
            #expect(stored[1].intent == "refund_request" && stored[1].sentimentLabel == "negative")
            #expect(stored[2].slots.isEmpty && stored[2].intent == nil && stored[2].asrConfidence == nil)
            #expect(abs(stored[1].createdAt.timeIntervalSince(turns[1].createdAt)) < 0.001)

            let ended = try await store.endConversation(conversation.id, outcome: .handedOff, finalState: "handoff",
                                                        recordingPath: "recordings/\(conversation.id).wav")
            #expect(ended.outcome == .handedOff && ended.finalState == "handoff" && ended.endedAt != nil)
            #expect(try await store.conversation(conversation.id) == ended)
            #expect(try await store.conversation("no-such-id") == nil)
            #expect(try await store.turns(conversationID: "no-such-id").isEmpty)
        }
    }

    @Test("wrong ids, duplicates and ending twice are typed errors")
    func conversationErrors() async throws {
        try await withStore { store, _ in
            let conversation = Conversation(channel: .chat)
            try await store.startConversation(conversation)
            let duplicate = await #expect(throws: StoreError.self) { try await store.startConversation(conversation) }
            #expect(duplicate?.code == .duplicateConversation(conversation.id))

            try await store.appendTurn(sampleTurn(conversation.id, 0, "first"))
            let twice = await #expect(throws: StoreError.self) {
                try await store.appendTurn(sampleTurn(conversation.id, 0, "first again"))
            }
            #expect(twice?.code == .duplicateTurn(conversationID: conversation.id, index: 0))

            let orphan = await #expect(throws: StoreError.self) { try await store.appendTurn(sampleTurn("missing", 0, "hi")) }
            #expect(orphan?.code == .unknownConversation("missing"))
            #expect(orphan?.message.contains("missing") == true)

            let negative = await #expect(throws: StoreError.self) { try await store.appendTurn(sampleTurn(conversation.id, -1, "x")) }
            #expect(negative?.code == .invalidArgument("index"))

            _ = try await store.endConversation(conversation.id, outcome: .completed)
            let again = await #expect(throws: StoreError.self) {
                try await store.endConversation(conversation.id, outcome: .abandoned)
            }
            #expect(again?.code == .conversationEnded(conversation.id))
            let unknown = await #expect(throws: StoreError.self) { try await store.endConversation("nope", outcome: .failed) }
            #expect(unknown?.code == .unknownConversation("nope"))
            // A late turn after the end is still kept.
            try await store.appendTurn(sampleTurn(conversation.id, 1, "late result"))
            #expect(try await store.turns(conversationID: conversation.id).count == 2)
        }
    }

    @Test("a turn is committed when appendTurn returns: a second, independent store on the file sees it")
    func appendedTurnIsVisibleFromSecondStore() async throws {
        try await withStore { writer, folder in
            let conversation = Conversation(channel: .pipe)
            try await writer.startConversation(conversation)
            let reader = try SQLiteStore(path: folder + "/attendant.sqlite")
            defer { try? reader.close() }
            for index in 0..<5 {
                try await writer.appendTurn(sampleTurn(conversation.id, index, "turn number \(index)"))
                // No close, no checkpoint: the writer could die right here.
                let seen = try await reader.turns(conversationID: conversation.id)
                #expect(seen.count == index + 1)
                #expect(seen.last?.text == "turn number \(index)")
            }
            #expect(try await reader.searchTurns("number").count == 5)
        }
    }

    @Test("concurrent appends from several tasks lose no turn")
    func concurrentAppends() async throws {
        try await withStore { store, _ in
            let shared = Conversation(channel: .test)
            try await store.startConversation(shared)
            let tasks = 8, perTask = 40
            let own = (0..<tasks).map { _ in Conversation(channel: .sip) }
            for conversation in own { try await store.startConversation(conversation) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        for i in 0..<perTask {
                            try await store.appendTurn(sampleTurn(own[task].id, i, "own \(task) \(i)"))
                            try await store.appendTurn(sampleTurn(shared.id, task * perTask + i, "shared \(task) \(i)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let sharedTurns = try await store.turns(conversationID: shared.id)
            #expect(sharedTurns.map(\.index) == Array(0..<tasks * perTask))
            for (task, conversation) in own.enumerated() {
                let turns = try await store.turns(conversationID: conversation.id)
                #expect(turns.map(\.text) == (0..<perTask).map { "own \(task) \($0)" })
            }
            #expect(try await store.searchTurns("shared", limit: 10_000).count == tasks * perTask)
        }
    }

    @Test("Unicode text round-trips exactly and is searchable")
    func unicodeText() async throws {
        try await withStore { store, _ in
            let conversation = Conversation(channel: .chat, caller: "José Ñúñez")
            try await store.startConversation(conversation)
            let texts = [
                "Je voudrais être remboursé, s'il vous plaît — Jérôme",
                "Мне нужен возврат денег",
                "返金をお願いします 🙏",
                "Ünïcödé with combining: e\u{301} and emoji 👩‍👩‍👧 and a NUL-free 'quote' \"double\"",
            ]
            for (i, text) in texts.enumerated() {
                try await store.appendTurn(Turn(conversationID: conversation.id, index: i, speaker: .caller, text: text,
                                                slots: ["név": "Ádám", "emoji": "✅"]))
            }
            let stored = try await store.turns(conversationID: conversation.id)
            #expect(stored.map(\.text) == texts)
            #expect(stored[0].slots == ["név": "Ádám", "emoji": "✅"])
            #expect(try await store.conversation(conversation.id)?.caller == "José Ñúñez")
            // Accents and case folded: "JEROME" finds "Jérôme".
            #expect(try await store.searchTurns("JEROME").map(\.turn.index) == [0])
            #expect(try await store.searchTurns("возврат").map(\.turn.index) == [1])
        }
    }

    @Test("full-text search finds words across conversations, stems endings, ranks, and ignores punctuation-only queries")
    func fullTextSearch() async throws {
        try await withStore { store, _ in
            let a = Conversation(channel: .sip), b = Conversation(channel: .chat)
            try await store.startConversation(a)
            try await store.startConversation(b)
            try await store.appendTurn(sampleTurn(a.id, 0, "I want a refund for the broken kettle"))
            try await store.appendTurn(sampleTurn(a.id, 1, "What is your order number?", speaker: .bot))
            try await store.appendTurn(sampleTurn(b.id, 0, "Refunds take five days. Refund policy: thirty days."))
            try await store.appendTurn(sampleTurn(b.id, 1, "Where is my parcel?"))

            let refund = try await store.searchTurns("refund")
            #expect(Set(refund.map(\.conversationID)) == [a.id, b.id])
            #expect(refund.count == 2)
            #expect(refund.allSatisfy { $0.conversationID == $0.turn.conversationID })
            #expect(refund.first?.conversationID == b.id)  // more occurrences rank first
            #expect(refund.first?.snippet.contains("[Refund") == true)
            #expect(try await store.searchTurns("refunding").count == 2)  // porter stemming
            #expect(try await store.searchTurns("refund kettle").map(\.conversationID) == [a.id])  // all words
            #expect(try await store.searchTurns("refund", limit: 1).count == 1)
            #expect(try await store.searchTurns("helicopter").isEmpty)
            #expect(try await store.searchTurns("  ?! ").isEmpty)
            // FTS5 syntax in what a person types is taken as plain words, never an error.
            #expect(try await store.searchTurns("\"unbalanced AND OR (").isEmpty)
            #expect(try await store.searchTurns("PARCEL? \"where").map(\.turn.text) == ["Where is my parcel?"])
        }
    }
}
