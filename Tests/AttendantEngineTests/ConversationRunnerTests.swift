import AttendantDialogue
import AttendantEngine
import AttendantStore
import AttendantTesting
import Foundation
import Testing

/// Whole conversations through the engine: the sample flows, a real HTTP backend on
/// 127.0.0.1, a real SQLite file.
@Suite("Conversations with the store and a real webhook backend", .serialized)
struct ConversationRunnerTests {
    static let model: DialogueModel = try! DialogueModel(directory: EngineTestSupport.prompts)

    func store() throws -> SQLiteStore {
        try SQLiteStore(path: try EngineTestSupport.temporaryDirectory("store").appendingPathComponent("attendant.sqlite").path)
    }

    @Test func anOrderLookupOverHTTPIsStoredTurnByTurn() async throws {
        let backend = try await FakeBackend()
        defer { backend.stop() }
        let model = try DialogueModel(directory: EngineTestSupport.prompts, backendURL: backend.url)
        let store = try store()
        let runner = ConversationRunner(model: model, store: store, channel: .chat, caller: "+15550100", webhooks: HTTPWebhookClient())
        let greeting = await runner.start()
        #expect(greeting.storeError == nil)
        _ = await runner.handle(.text("where is my order"))
        let answer = await runner.handle(.text("4 8 2 1 3"))
        #expect(answer.result.replyText.contains("shipped on Monday, November 23"), "\(answer.result.replyText)")
        #expect(answer.result.webhooks.first?.url == "\(backend.url)/orders/48213")

        let turns = try await store.turns(conversationID: runner.conversationID)
        #expect(turns.map(\.speaker) == [.bot, .caller, .bot, .caller, .bot])
        #expect(turns[1].intent == "order_status")
        #expect(turns[3].slots["order_id"] == "48213")
        #expect(turns[3].timings.nluMs != nil)
        // Committed at once: a second, independent store on the same file sees every turn.
        let other = try SQLiteStore(path: store.path)
        #expect(try await other.turns(conversationID: runner.conversationID).count == 5)
    }

    @Test func aHandoffCreatesATicketWithTheSummaryAndTranscript() async throws {
        let store = try store()
        let runner = ConversationRunner(model: Self.model, store: store, channel: .chat, caller: "+15550123")
        _ = await runner.start()
        let answer = await runner.handle(.text("how much does shipping cost"))
        #expect(answer.result.articles == ["shipping-costs"])
        let handoff = await runner.handle(.text("can I speak to someone please, a real person"))
        #expect(handoff.result.action == .handoff)
        let ticket = try #require(handoff.ticket)
        #expect(ticket.status == .open)
        #expect(ticket.customer == "+15550123")
        #expect(ticket.summary.handoffReason != nil)
        #expect(ticket.summary.botAnswers.count == 1, "what the bot already answered is on the ticket")
        let transcript = try await store.transcript(ticketID: ticket.id)
        #expect(transcript.contains { $0.speaker == .caller && $0.text.contains("shipping cost") })
        #expect(transcript.contains { $0.speaker == .bot && $0.text.contains("someone who can help") })
        let conversation = try #require(try await store.conversation(runner.conversationID))
        #expect(conversation.outcome == .handedOff)
        #expect(runner.isEnded)
    }

    @Test func theAddressFlowHandsOffWithTheOrderOnTheTicket() async throws {
        let store = try store()
        let runner = ConversationRunner(model: Self.model, store: store, channel: .chat)
        _ = await runner.start()
        _ = await runner.handle(.text("I need to change my shipping address"))
        let done = await runner.handle(.text("seven oh two one five"))
        #expect(done.result.action == .handoff)
        #expect(done.ticket?.queue == "orders")
        #expect(done.ticket?.requiredSkills == ["address_change"])
        #expect(done.ticket?.summary.slots["order_id"] == "70215")
        #expect(done.ticket?.summary.intent == "change_address")
    }

    @Test func aSlowBackendTimesOutToTheSpokenFallback() async throws {
        let backend = try await FakeBackend(slowSeconds: 10)
        defer { backend.stop() }
        let model = try DialogueModel(directory: EngineTestSupport.prompts, backendURL: backend.url)
        let runner = ConversationRunner(model: model, store: nil, channel: .test, webhooks: HTTPWebhookClient())
        _ = await runner.start()
        let began = ContinuousClock.now
        let turn = await runner.handle(.text("what's the status of order 9 9 9 9 9"))
        #expect(ContinuousClock.now - began < .seconds(8), "the 2 s webhook timeout applies")
        #expect(turn.result.replyText.contains("can't reach our order system"))
        #expect(turn.result.action == .handoff)
    }

    @Test func backendErrorsAndUnreachableHostsAreWebhookErrors() async throws {
        let backend = try await FakeBackend()
        defer { backend.stop() }
        let client = HTTPWebhookClient()
        let ok = try await client.send(WebhookRequest(method: "GET", url: "\(backend.url)/orders/57096", body: [:], timeoutMilliseconds: 2000))
        #expect(ok["status"] == "processing")
        let cancel = try await client.send(WebhookRequest(method: "POST", url: "\(backend.url)/orders/57096/cancel", body: ["order_id": "57096"], timeoutMilliseconds: 2000))
        #expect(cancel["result"] == "cancelled")
        await #expect(throws: WebhookError.self) {
            _ = try await client.send(WebhookRequest(method: "GET", url: "\(backend.url)/orders/50000", body: [:], timeoutMilliseconds: 2000))
        }
        await #expect(throws: WebhookError.self) {
            _ = try await client.send(WebhookRequest(method: "GET", url: "http://127.0.0.1:9/orders/1", body: [:], timeoutMilliseconds: 1000))
        }
    }

    @Test func aStoreThatFailsDoesNotStopTheConversation() async throws {
        let store = try store()
        let runner = ConversationRunner(model: Self.model, store: store, channel: .chat, conversationID: "fixed-id")
        _ = await runner.start()
        // A second conversation with the same id cannot be stored; it still answers.
        let clash = ConversationRunner(model: Self.model, store: store, channel: .chat, conversationID: "fixed-id")
        let greeting = await clash.start()
        #expect(greeting.storeError != nil)
        #expect(greeting.result.replyText.contains("Harbor Goods"))
    }
}
