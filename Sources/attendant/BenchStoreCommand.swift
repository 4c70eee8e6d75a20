import ArgumentParser
import AttendantStore
import Foundation

/// `attendant bench store`: what a turn commit and a ticket cost, on a real file in a
/// temp folder, one transaction per call as the engine makes them.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Store latency: turn commits, ticket creation, full-text search.")

    @Option(name: .long, help: "Turns to append, one transaction each.")
    var turns: Int = 5_000

    @Option(name: .long, help: "Tickets to create.")
    var tickets: Int = 500

    @Option(name: .long, help: "Turns per conversation.")
    var turnsPerConversation: Int = 20

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    /// The figures, in microseconds unless named otherwise.
    struct Report: Codable {
        var turns: Int
        var append_turn_p50_us: Double
        var append_turn_p90_us: Double
        var append_turn_p99_us: Double
        var append_turn_max_us: Double
        var start_conversation_p50_us: Double
        var tickets: Int
        var create_ticket_p50_us: Double
        var create_ticket_p99_us: Double
        var update_ticket_status_p50_us: Double
        var update_ticket_status_p99_us: Double
        var search_p50_us: Double
        var search_p99_us: Double
        var search_hits: Int
        var file_bytes: Int
        /// The machine's 1-minute load average when the run ended (other work skews p99).
        var load_average: Double
    }

    func validate() throws {
        guard turns > 0, tickets > 0, turnsPerConversation > 0 else {
            throw ValidationError("--turns, --tickets and --turns-per-conversation must be positive")
        }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attendant-bench-store-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("attendant.sqlite").path
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: path)
        let clock = ContinuousClock()
        func microseconds(_ body: () async throws -> Void) async rethrows -> Double {
            let start = clock.now
            try await body()
            let elapsed = clock.now - start
            return Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        }

        let phrases = [
            "I would like a refund for order number %d please",
            "Thanks for calling, how can I help you today?",
            "My parcel %d has not arrived yet and I am worried",
            "Could you tell me your order number?",
            "I want to speak to a person about invoice %d",
        ]
        var conversations: [String] = []
        var appends: [Double] = [], starts: [Double] = []
        appends.reserveCapacity(turns)
        var conversationID = ""
        for i in 0..<turns {
            let index = i % turnsPerConversation
            if index == 0 {
                let conversation = Conversation(channel: .test, caller: "+1555\(100_000 + conversations.count)")
                starts.append(try await microseconds { try await store.startConversation(conversation) })
                conversationID = conversation.id
                conversations.append(conversationID)
            }
            let caller = index % 2 == 1
            let turn = Turn(
                conversationID: conversationID, index: index, speaker: caller ? .caller : .bot,
                text: String(format: phrases[i % phrases.count], i),
                asrConfidence: caller ? 0.9 : nil, intent: caller ? "refund_request" : nil,
                intentConfidence: caller ? 0.8 : nil, slots: caller ? ["order_id": "\(i)"] : [:],
                sentimentLabel: caller ? "neutral" : nil, sentimentScore: caller ? 0.1 : nil,
                action: caller ? nil : "ask_order_id",
                timings: Turn.Timings(speechMs: caller ? 1500 : nil, asrMs: caller ? 90 : nil, nluMs: 0.3, replyMs: 40))
            appends.append(try await microseconds { try await store.appendTurn(turn) })
        }

        var creates: [Double] = [], updates: [Double] = []
        for i in 0..<tickets {
            let new = NewTicket(conversationID: conversations[i % conversations.count], priority: i % 5, queue: "billing",
                                requiredSkills: ["refunds"], customer: "+1555\(100_000 + i)",
                                summary: Ticket.Summary(intent: "refund_request", slots: ["order_id": "\(i)"],
                                                        handoffReason: "caller asked for an agent",
                                                        botAnswers: ["Refunds take five days."]))
            var ticket: Ticket?
            creates.append(try await microseconds { ticket = try await store.createTicket(new) })
            if let ticket {
                updates.append(try await microseconds {
                    _ = try await store.updateTicketStatus(ticket.id, to: .pending, actor: "agent-1", note: "bench")
                })
            }
        }

        var searches: [Double] = [], hits = 0
        for _ in 0..<50 {
            searches.append(try await microseconds { hits = try await store.searchTurns("refund order", limit: 20).count })
        }
        try store.close()
        let bytes = ["", "-wal", "-shm"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }

        let report = Report(
            turns: turns,
            append_turn_p50_us: percentile(appends, 0.5), append_turn_p90_us: percentile(appends, 0.9),
            append_turn_p99_us: percentile(appends, 0.99),
            append_turn_max_us: appends.max() ?? 0, start_conversation_p50_us: percentile(starts, 0.5),
            tickets: tickets,
            create_ticket_p50_us: percentile(creates, 0.5), create_ticket_p99_us: percentile(creates, 0.99),
            update_ticket_status_p50_us: percentile(updates, 0.5), update_ticket_status_p99_us: percentile(updates, 0.99),
            search_p50_us: percentile(searches, 0.5), search_p99_us: percentile(searches, 0.99), search_hits: hits,
            file_bytes: bytes, load_average: Self.loadAverage())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("store bench: SQLite WAL, synchronous NORMAL, one transaction per call, \(conversations.count) conversations")
        print("appendTurn: p50 \(format(report.append_turn_p50_us, 1)) µs, p90 \(format(report.append_turn_p90_us, 1)) µs, p99 \(format(report.append_turn_p99_us, 1)) µs, max \(format(report.append_turn_max_us, 0)) µs (\(turns) turns)")
        print("startConversation: p50 \(format(report.start_conversation_p50_us, 1)) µs")
        print("createTicket (with created event): p50 \(format(report.create_ticket_p50_us, 1)) µs, p99 \(format(report.create_ticket_p99_us, 1)) µs (\(tickets) tickets)")
        print("updateTicketStatus (with event): p50 \(format(report.update_ticket_status_p50_us, 1)) µs, p99 \(format(report.update_ticket_status_p99_us, 1)) µs")
        print("searchTurns(\"refund order\", limit 20) over \(turns) turns: p50 \(format(report.search_p50_us, 1)) µs, p99 \(format(report.search_p99_us, 1)) µs (\(hits) hits)")
        print("file: \(format(Double(bytes) / 1_048_576, 2)) MB with WAL; load average \(format(report.load_average, 2)) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
    }

    /// The 1-minute load average from /proc/loadavg (0 where there is none).
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 0 }
        return Double(text.split(separator: " ").first ?? "") ?? 0
    }
}
