/// Why a store operation failed: a ``Code`` a program can switch on, and a message that
/// names the file or record for a person.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, with the ids involved.
    public enum Code: Sendable, Equatable {
        /// The file exists but is not an SQLite database.
        case notADatabase(path: String)
        /// The file or its folder could not be created or opened.
        case cannotOpen(path: String)
        /// The file was written by a newer Attendant: it has migrations this build does not know.
        case schemaTooNew(path: String, unknownMigrations: [String])
        /// A schema migration failed; the file is left at the last good version.
        case migrationFailed(path: String, migration: String)
        /// No conversation has this id.
        case unknownConversation(String)
        /// A conversation with this id already exists.
        case duplicateConversation(String)
        /// The conversation has already ended.
        case conversationEnded(String)
        /// The conversation already has a turn at this index.
        case duplicateTurn(conversationID: String, index: Int)
        /// No ticket has this id.
        case unknownTicket(Int64)
        /// The ticket's lifecycle does not allow this change (see ``TicketStatus``).
        case invalidTransition(ticket: Int64, from: TicketStatus, to: TicketStatus)
        /// An argument was out of range (e.g. a negative limit or index).
        case invalidArgument(String)
        /// A stored row could not be read back (hand-edited or damaged file).
        case corruptRecord(String)
        /// Any other SQLite failure (disk full, I/O error, busy past the timeout…).
        case database(resultCode: Int32)
    }

    /// What failed.
    public let code: Code
    /// What failed, for a person: names the file or the record.
    public let message: String

    /// An error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
