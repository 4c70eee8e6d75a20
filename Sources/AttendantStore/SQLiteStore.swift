import Foundation
import GRDB
import Synchronization

/// The SQLite ``ConversationStore``: one file, written through a GRDB `DatabasePool`
/// in WAL mode (one writer, concurrent readers that never block it).
///
/// Each call is one transaction, committed before it returns. With
/// `synchronous = NORMAL` in WAL mode a commit survives a crash of the process; a power
/// loss may lose the last few commits but never corrupts the file.
public final class SQLiteStore: ConversationStore {
    /// Where the engine keeps its store unless told otherwise.
    public static let defaultPath = "data/attendant.sqlite"

    /// The migrations this build knows, oldest first (`v1`, …).
    public static var schemaVersions: [String] { SQLiteSchema.versions }

    /// The database file.
    public let path: String
    private let pool: DatabasePool
    private let checkpointer: WALCheckpointer

    /// Opens (creating it and its folder if needed) the store at `path` and brings its
    /// schema up to date.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's write
    ///   before failing with a busy error.
    /// - Throws: ``StoreError`` with ``StoreError/Code/notADatabase(path:)``,
    ///   ``StoreError/Code/cannotOpen(path:)``,
    ///   ``StoreError/Code/schemaTooNew(path:unknownMigrations:)`` or
    ///   ``StoreError/Code/migrationFailed(path:migration:)``.
    public convenience init(path: String = SQLiteStore.defaultPath, busyTimeout: TimeInterval = 5) throws {
        try self.init(path: path, busyTimeout: busyTimeout, extraMigrationsForTesting: [])
    }

    /// Opens with extra no-op migrations after the real ones, for tests that need a
    /// file "written by a newer build".
    init(path: String, busyTimeout: TimeInterval, extraMigrationsForTesting: [String]) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(.cannotOpen(path: path), "\(path) is a folder, not an SQLite database file")
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError(.cannotOpen(path: path),
                             "cannot create the folder of \(path): \(error.localizedDescription)")
        }

        var configuration = Configuration()
        configuration.label = "AttendantStore"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // DatabasePool already uses WAL and NORMAL on its writer; say so explicitly
            // on every connection so the durability choice is visible here.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoints run beside the writer, not inside a commit (WALCheckpointer).
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            // When the log starts over, trim its file to 16 MB.
            try db.execute(sql: "PRAGMA journal_size_limit = 16777216")
        }
        checkpointer = WALCheckpointer(path: path)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.openError(error, path: path)
        }

        let migrator = SQLiteSchema.migrator(extraForTesting: extraMigrationsForTesting)
        let applied: [String], unknown: [String]
        do {
            (applied, unknown) = try pool.read { db in
                let applied = try migrator.appliedMigrations(db)
                guard try migrator.hasBeenSuperseded(db) else { return (applied, []) }
                let known = Set(migrator.migrations)
                return (applied, try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted())
            }
        } catch {
            throw Self.openError(error, path: path)
        }
        if !unknown.isEmpty {
            throw StoreError(.schemaTooNew(path: path, unknownMigrations: unknown),
                             "\(path) was written by a newer Attendant (schema \(unknown.joined(separator: ", "))); this build knows \(migrator.migrations.joined(separator: ", ")) and will not change it")
        }
        do {
            try migrator.migrate(pool)
        } catch {
            let done = Set((try? pool.read { db in try migrator.appliedMigrations(db) }) ?? applied)
            let failed = migrator.migrations.first { !done.contains($0) } ?? "?"
            let reason = (error as? DatabaseError)?.message ?? "\(error)"
            throw StoreError(.migrationFailed(path: path, migration: failed),
                             "\(path): schema migration \(failed) failed (\(reason)); the file is unchanged from the version before it")
        }
    }

    private static func openError(_ error: Error, path: String) -> StoreError {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                return StoreError(.notADatabase(path: path), "\(path) is not an SQLite database")
            }
            return StoreError(.cannotOpen(path: path), "cannot open \(path): \(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")")
        }
        return StoreError(.cannotOpen(path: path), "cannot open \(path): \(error)")
    }

    /// Closes the file. Later calls fail; closing twice is harmless.
    public func close() throws {
        checkpointer.close()
        do { try pool.close() } catch { throw mapped(error) }
    }

    // MARK: status

    /// The connection settings and schema actually in force, for diagnostics.
    public struct Status: Codable, Sendable, Equatable {
        /// `wal` when WAL mode is on.
        public var journalMode: String
        /// 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
        public var synchronous: Int
        /// Whether foreign keys are enforced.
        public var foreignKeys: Bool
        /// Busy timeout in milliseconds.
        public var busyTimeoutMs: Int
        /// SQLite's automatic checkpoint threshold in pages (0: off, checkpoints run in
        /// the background instead).
        public var walAutocheckpoint: Int
        /// Applied migrations, in order.
        public var migrations: [String]
    }

    /// The settings of the writing connection and the applied migrations.
    public func status() async throws -> Status {
        try await writeWithoutTransaction { db in
            Status(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                busyTimeoutMs: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0,
                walAutocheckpoint: try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1,
                migrations: try SQLiteSchema.migrator().appliedMigrations(db))
        }
    }

    // MARK: conversations

    public func startConversation(_ conversation: Conversation) async throws {
        try await write { db in
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO conversation (\(SQLiteRows.conversationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                        conversation.id, conversation.channel.rawValue, conversation.caller,
                        SQLiteRows.seconds(conversation.startedAt), conversation.endedAt.map(SQLiteRows.seconds),
                        conversation.outcome?.rawValue, conversation.finalState, conversation.recordingPath,
                    ])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError(.duplicateConversation(conversation.id),
                                 "conversation \(conversation.id) already exists in \(self.path)")
            }
        }
    }

    public func appendTurn(_ turn: Turn) async throws {
        try await appendTurns([turn])
    }

    public func appendTurns(_ turns: [Turn]) async throws {
        if let bad = turns.first(where: { $0.index < 0 }) {
            throw StoreError(.invalidArgument("index"), "turn index \(bad.index) of conversation \(bad.conversationID) is negative")
        }
        let slots = try turns.map { try SQLiteRows.json($0.slots) }
        try await write { db in
            for (turn, slots) in zip(turns, slots) {
                do {
                    try db.cachedStatement(sql: """
                        INSERT INTO turn (conversation_id, turn_index, speaker, text, asr_confidence, intent,
                            intent_confidence, slots, sentiment_label, sentiment_score, action,
                            speech_ms, asr_ms, nlu_ms, reply_ms, audio_path, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [
                            turn.conversationID, turn.index, turn.speaker.rawValue, turn.text, turn.asrConfidence,
                            turn.intent, turn.intentConfidence, slots, turn.sentimentLabel, turn.sentimentScore,
                            turn.action, turn.timings.speechMs, turn.timings.asrMs, turn.timings.nluMs,
                            turn.timings.replyMs, turn.audioPath, SQLiteRows.seconds(turn.createdAt),
                        ])
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                    throw StoreError(.unknownConversation(turn.conversationID),
                                     "no conversation \(turn.conversationID) in \(self.path) to append turn \(turn.index) to")
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StoreError(.duplicateTurn(conversationID: turn.conversationID, index: turn.index),
                                     "conversation \(turn.conversationID) already has turn \(turn.index) in \(self.path)")
                }
            }
        }
    }

    public func endConversation(_ id: String, outcome: Conversation.Outcome, finalState: String?,
                                recordingPath: String?, at: Date) async throws -> Conversation {
        try await write { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT ended_at FROM conversation WHERE id = ?"),
                                             arguments: [id]) else {
                throw StoreError(.unknownConversation(id), "no conversation \(id) in \(self.path)")
            }
            if !row.hasNull(atIndex: 0) {
                throw StoreError(.conversationEnded(id), "conversation \(id) has already ended")
            }
            try db.cachedStatement(sql: """
                UPDATE conversation SET ended_at = ?, outcome = ?, final_state = ?,
                    recording_path = COALESCE(?, recording_path) WHERE id = ?
                """).execute(arguments: [SQLiteRows.seconds(at), outcome.rawValue, finalState, recordingPath, id])
            guard let conversation = try Self.conversation(db, id) else {
                throw StoreError(.unknownConversation(id), "no conversation \(id) in \(self.path)")
            }
            return conversation
        }
    }

    public func conversation(_ id: String) async throws -> Conversation? {
        try await read { db in try Self.conversation(db, id) }
    }

    public func turns(conversationID: String) async throws -> [Turn] {
        try await read { db in try Self.turns(db, conversationID) }
    }

    public func searchTurns(_ query: String, limit: Int) async throws -> [TurnMatch] {
        guard limit >= 0 else {
            throw StoreError(.invalidArgument("limit"), "search limit \(limit) is negative")
        }
        guard limit > 0, let pattern = FTS5Pattern(matchingAllTokensIn: query) else { return [] }
        // Everything committed is searchable: index what the background batches have not yet.
        _ = try await write { db in try SQLiteSchema.indexPendingTurns(db) }
        return try await read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(SQLiteRows.turnColumns), snippet(turn_fts, 0, '[', ']', '…', 12) AS snippet
                FROM turn_fts JOIN turn ON turn.id = turn_fts.rowid
                WHERE turn_fts MATCH ?
                ORDER BY turn_fts.rank, turn.id
                LIMIT ?
                """), arguments: [pattern, limit])
            return try rows.map { row in
                let turn = try SQLiteRows.turn(row)
                return TurnMatch(conversationID: turn.conversationID, turn: turn,
                                 snippet: try SQLiteRows.value(row, "snippet", "search snippet"))
            }
        }
    }

    // MARK: tickets

    public func createTicket(_ new: NewTicket) async throws -> Ticket {
        let skills = try SQLiteRows.json(new.requiredSkills)
        let summary = try SQLiteRows.json(new.summary)
        try Self.checkActor(new.actor)
        return try await write { db in
            let now = SQLiteRows.seconds(Date())
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO ticket (conversation_id, status, priority, queue, required_skills, customer,
                        assignee, summary, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
                    """).execute(arguments: [
                        new.conversationID, TicketStatus.open.rawValue, new.priority, new.queue, skills,
                        new.customer, summary, now, now,
                    ])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError(.unknownConversation(new.conversationID),
                                 "no conversation \(new.conversationID) in \(self.path) to raise a ticket for")
            }
            let id = db.lastInsertedRowID
            try Self.recordEvent(db, ticket: id, at: now, kind: .created, actor: new.actor,
                                 detail: "queue \(new.queue), priority \(new.priority)")
            return try self.existingTicket(db, id)  // exactly as a later read returns it
        }
    }

    public func updateTicketStatus(_ id: Int64, to status: TicketStatus, actor: String, note: String?) async throws -> Ticket {
        try Self.checkActor(actor)
        return try await write { db in
            var ticket = try self.existingTicket(db, id)
            guard ticket.status.canChange(to: status) else {
                throw StoreError(.invalidTransition(ticket: id, from: ticket.status, to: status),
                                 "ticket \(ticket.displayID) cannot go from \(ticket.status.rawValue) to \(status.rawValue)")
            }
            let now = SQLiteRows.seconds(Date())
            let from = ticket.status
            if status == .open { ticket.assignee = nil }  // back to the queue
            try db.cachedStatement(sql: "UPDATE ticket SET status = ?, assignee = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [status.rawValue, ticket.assignee, now, id])
            var detail = "\(from.rawValue) → \(status.rawValue)"
            if let note, !note.isEmpty { detail += ": \(note)" }
            try Self.recordEvent(db, ticket: id, at: now, kind: .statusChanged, actor: actor, detail: detail)
            return try self.existingTicket(db, id)
        }
    }

    public func assignTicket(_ id: Int64, to agent: String, actor: String) async throws -> Ticket {
        try Self.checkActor(actor)
        guard !agent.isEmpty else {
            throw StoreError(.invalidArgument("agent"), "cannot assign ticket \(Ticket.displayID(id)) to an empty agent id")
        }
        return try await write { db in
            let ticket = try self.existingTicket(db, id)
            let from = ticket.status
            guard from == .assigned || from.canChange(to: .assigned) else {
                throw StoreError(.invalidTransition(ticket: id, from: from, to: .assigned),
                                 "ticket \(ticket.displayID) cannot go from \(from.rawValue) to assigned")
            }
            let now = SQLiteRows.seconds(Date())
            let previous = ticket.assignee
            try db.cachedStatement(sql: "UPDATE ticket SET status = ?, assignee = ?, updated_at = ? WHERE id = ?")
                .execute(arguments: [TicketStatus.assigned.rawValue, agent, now, id])
            if from != .assigned {
                try Self.recordEvent(db, ticket: id, at: now, kind: .statusChanged, actor: actor,
                                     detail: "\(from.rawValue) → assigned")
            }
            let detail = previous.map { $0 == agent ? agent : "\(agent) (was \($0))" } ?? agent
            try Self.recordEvent(db, ticket: id, at: now, kind: .assigned, actor: actor, detail: detail)
            return try self.existingTicket(db, id)
        }
    }

    public func addNote(_ id: Int64, actor: String, text: String) async throws -> TicketEvent {
        try Self.checkActor(actor)
        guard !text.isEmpty else {
            throw StoreError(.invalidArgument("note"), "empty note for ticket \(Ticket.displayID(id))")
        }
        return try await write { db in
            _ = try self.existingTicket(db, id)
            let now = SQLiteRows.seconds(Date())
            try db.cachedStatement(sql: "UPDATE ticket SET updated_at = ? WHERE id = ?")
                .execute(arguments: [now, id])
            return try Self.recordEvent(db, ticket: id, at: now, kind: .note, actor: actor, detail: text)
        }
    }

    public func ticket(_ id: Int64) async throws -> Ticket? {
        try await read { db in try Self.ticket(db, id) }
    }

    public func tickets(filter: TicketFilter) async throws -> [Ticket] {
        guard filter.limit >= 0 else {
            throw StoreError(.invalidArgument("limit"), "ticket limit \(filter.limit) is negative")
        }
        var conditions: [String] = []
        var arguments = StatementArguments()
        if !filter.statuses.isEmpty {
            let statuses = filter.statuses.map(\.rawValue).sorted()
            conditions.append("status IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))")
            for status in statuses { arguments += [status] }
        }
        if let queue = filter.queue { conditions.append("queue = ?"); arguments += [queue] }
        if let customer = filter.customer { conditions.append("customer = ?"); arguments += [customer] }
        if let assignee = filter.assignee { conditions.append("assignee = ?"); arguments += [assignee] }
        arguments += [filter.limit]
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(SQLiteRows.ticketColumns) FROM ticket \(whereClause) ORDER BY priority DESC, id ASC LIMIT ?"
        let finalArguments = arguments
        return try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: finalArguments).map(SQLiteRows.ticket)
        }
    }

    public func events(ticketID: Int64) async throws -> [TicketEvent] {
        try await read { db in
            _ = try self.existingTicket(db, ticketID)
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(SQLiteRows.eventColumns) FROM ticket_event WHERE ticket_id = ? ORDER BY id"),
                arguments: [ticketID]).map(SQLiteRows.event)
        }
    }

    public func transcript(ticketID: Int64) async throws -> [Turn] {
        try await read { db in
            let ticket = try self.existingTicket(db, ticketID)
            return try Self.turns(db, ticket.conversationID)
        }
    }

    // MARK: helpers

    private static func conversation(_ db: Database, _ id: String) throws -> Conversation? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SQLiteRows.conversationColumns) FROM conversation WHERE id = ?"),
                         arguments: [id]).map(SQLiteRows.conversation)
    }

    private static func turns(_ db: Database, _ conversationID: String) throws -> [Turn] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT \(SQLiteRows.turnColumns) FROM turn WHERE conversation_id = ? ORDER BY turn_index"),
                         arguments: [conversationID]).map(SQLiteRows.turn)
    }

    private static func ticket(_ db: Database, _ id: Int64) throws -> Ticket? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(SQLiteRows.ticketColumns) FROM ticket WHERE id = ?"),
                         arguments: [id]).map(SQLiteRows.ticket)
    }

    private func existingTicket(_ db: Database, _ id: Int64) throws -> Ticket {
        guard let ticket = try Self.ticket(db, id) else {
            throw StoreError(.unknownTicket(id), "no ticket \(Ticket.displayID(id)) in \(path)")
        }
        return ticket
    }

    @discardableResult
    private static func recordEvent(_ db: Database, ticket: Int64, at: Double, kind: TicketEvent.Kind,
                                    actor: String, detail: String) throws -> TicketEvent {
        try db.cachedStatement(sql: "INSERT INTO ticket_event (ticket_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [ticket, at, kind.rawValue, actor, detail])
        return TicketEvent(id: db.lastInsertedRowID, ticketID: ticket, at: SQLiteRows.date(at), kind: kind,
                           actor: actor, detail: detail)
    }

    private static func checkActor(_ actor: String) throws {
        guard !actor.isEmpty else {
            throw StoreError(.invalidArgument("actor"), "a ticket change needs an actor (\"bot\" or an agent id)")
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch { throw mapped(error) }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result: T
        do { result = try await pool.write(body) } catch { throw mapped(error) }
        checkpointer.didCommit()
        if commits.add(1, ordering: .relaxed).newValue % Self.indexBatch == 0 {
            // Full-text indexing in the background, off every commit's path.
            let pool = self.pool
            Task.detached(priority: .background) { _ = try? await pool.write { db in try SQLiteSchema.indexPendingTurns(db) } }
        }
        return result
    }

    /// Commits between background full-text indexing batches.
    public static let indexBatch = 500
    private let commits = Atomic<Int>(0)

    private func writeWithoutTransaction<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.writeWithoutTransaction(body) } catch { throw mapped(error) }
    }

    /// StoreError and cancellation pass through; SQLite errors become
    /// ``StoreError/Code/database(resultCode:)`` naming the file.
    private func mapped(_ error: Error) -> Error {
        if error is StoreError || error is CancellationError { return error }
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                return StoreError(.notADatabase(path: path), "\(path) is not an SQLite database")
            }
            return StoreError(.database(resultCode: error.extendedResultCode.rawValue),
                              "\(path): \(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")")
        }
        return StoreError(.database(resultCode: -1), "\(path): \(error)")
    }
}
