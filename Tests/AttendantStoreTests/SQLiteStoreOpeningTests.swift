import Foundation
import Testing
@testable import AttendantStore

@Suite("Store: opening files and migrations")
struct SQLiteStoreOpeningTests {
    @Test("a fresh file gets every migration, WAL, NORMAL sync, foreign keys and a busy timeout")
    func freshFileIsMigrated() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/nested/deeper/attendant.sqlite"  // folders are created
            let store = try SQLiteStore(path: path, busyTimeout: 2)
            defer { try? store.close() }
            #expect(FileManager.default.fileExists(atPath: path))
            let status = try await store.status()
            #expect(status.migrations == SQLiteStore.schemaVersions)
            #expect(status.migrations.first == "v1")
            #expect(status.journalMode == "wal")
            #expect(status.synchronous == 1)
            #expect(status.foreignKeys)
            #expect(status.busyTimeoutMs == 2000)
            #expect(status.walAutocheckpoint == 0)  // checkpoints run beside the writer
        }
    }

    @Test("re-opening an existing file applies nothing twice and keeps the data")
    func reopenAppliesNothingTwice() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/attendant.sqlite"
            let first = try SQLiteStore(path: path)
            let conversation = Conversation(channel: .test, caller: "+15551230000")
            try await first.startConversation(conversation)
            try await first.appendTurn(sampleTurn(conversation.id, 0, "I want a refund"))
            let ticket = try await first.createTicket(NewTicket(conversationID: conversation.id, queue: "billing"))
            try first.close()

            for _ in 0..<2 {
                let again = try SQLiteStore(path: path)
                #expect(try await again.status().migrations == SQLiteStore.schemaVersions)
                #expect(try await again.turns(conversationID: conversation.id).count == 1)
                #expect(try await again.ticket(ticket.id)?.queue == "billing")
                try again.close()
            }
        }
    }

    @Test("a file written by a newer schema is refused with a clear error, and left alone")
    func newerSchemaIsRefused() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/attendant.sqlite"
            let newer = try SQLiteStore(path: path, busyTimeout: 5, extraMigrationsForTesting: ["v99"])
            #expect(try await newer.status().migrations.last == SQLiteStore.schemaVersions.last)  // status lists known ones
            try newer.close()

            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .schemaTooNew(path: path, unknownMigrations: ["v99"]))
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("newer") == true)

            // Still readable by the build that wrote it.
            let again = try SQLiteStore(path: path, busyTimeout: 5, extraMigrationsForTesting: ["v99"])
            try again.close()
        }
    }

    @Test("a file that is not a database gives notADatabase naming it, and is not modified")
    func notADatabase() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/x.sqlite"
            let text = String(repeating: "this is a text file, not a database\n", count: 40)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .notADatabase(path: path))
            #expect(error?.message == "\(path) is not an SQLite database")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        }
    }

    @Test("a folder in place of the file is a cannotOpen error")
    func folderIsNotAFile() async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/db.sqlite"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
            #expect(error?.code == .cannotOpen(path: path))
        }
    }

    @Test("calls after close fail with a StoreError, not a crash")
    func closedStoreThrows() async throws {
        try await withTemporaryFolder { folder in
            let store = try SQLiteStore(path: folder + "/attendant.sqlite")
            try store.close()
            try store.close()
            await #expect(throws: StoreError.self) { try await store.conversation("nope") }
            await #expect(throws: StoreError.self) {
                try await store.startConversation(Conversation(channel: .test))
            }
        }
    }
}
