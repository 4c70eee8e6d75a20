/// AttendantStore: what Attendant remembers — conversations, their turns, tickets and
/// ticket events. Storage sits behind the ``ConversationStore`` protocol; the default
/// implementation is SQLite through GRDB (WAL mode, versioned migrations), and a
/// PostgreSQL one can follow for several engine nodes sharing one store.
public enum AttendantStore {}
