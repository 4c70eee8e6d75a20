/// AttendantStore: what Attendant remembers — conversations, their turns, tickets and
/// ticket events. Storage sits behind the ``ConversationStore`` protocol; the default
/// implementation is ``SQLiteStore`` (SQLite through GRDB), and a PostgreSQL one can
/// follow for several engine nodes sharing one store.
///
/// This layer knows nothing of the dialogue layer: records are plain values (strings,
/// numbers, dates, `[String: String]`, small Codable structs) and the engine maps its
/// dialogue values onto them.
///
/// ## Records
/// - ``Conversation`` — one call or chat: channel, caller, start/end, ``Conversation/Outcome``,
///   the flow's final state, the recording path.
/// - ``Turn`` — one utterance: speaker, text, ASR/intent confidence, slots, sentiment,
///   action, ``Turn/Timings``, audio path. Searchable with ``ConversationStore/searchTurns(_:limit:)``.
/// - ``Ticket`` — a handoff to people: ``TicketStatus`` lifecycle, priority, queue,
///   skills, customer, assignee, ``Ticket/Summary``; shown as `T-000042`.
/// - ``TicketEvent`` — the audit trail: one per ticket change, in the same transaction.
/// - ``StoreError`` — every failure: a code to switch on and a message naming the file
///   or record.
///
/// ## Design
/// - **Schema** (see `SQLiteSchema`): tables `conversation`, `turn` (unique
///   `(conversation_id, turn_index)`), `ticket` (AUTOINCREMENT ids, never reused),
///   `ticket_event`; an FTS5 external-content index `turn_fts` (porter stemming over
///   unicode61, accents folded), filled in batches off the commit path (before every
///   search, and in the background every 500 commits; migration v2). Times are Unix
///   seconds; slots, skills and summaries are JSON text.
/// - **WAL**: a GRDB `DatabasePool` — one writer, readers that never block it or wait
///   for it; `synchronous = NORMAL` (no fsync per commit; a commit survives a process
///   crash, a power cut may lose the last commits but never corrupts the file);
///   foreign keys on; a busy timeout for a second process on the same file. SQLite's
///   automatic checkpoint is off: it would fsync inside every ~100th commit (a p99 of
///   milliseconds); `WALCheckpointer` runs passive checkpoints on its own connection
///   instead, beside the writer.
/// - **One transaction per call**: ``ConversationStore/appendTurn(_:)`` commits each turn
///   as it comes, so a crash loses at most the turn in progress.
/// - **Why async**: SQLite calls block; GRDB runs them on its own queues and the async
///   API hands the result back, so the engine's cooperative threads never wait on disk.
///   A networked store (PostgreSQL) needs the same shape.
/// - **Migrations**: named `v1`, `v2`, … and never edited once shipped; opening applies
///   only missing ones, each in its own transaction. A file listing a migration this
///   build does not know came from a newer Attendant and is refused, not modified.
public enum AttendantStore {}
