import Foundation
import GRDB

/// Copies the write-ahead log back into the database file off the commit path.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold and
/// fsyncs there: one commit in every hundred or so would take milliseconds instead of
/// microseconds (measured with `attendant bench store`). The writer therefore runs with
/// `wal_autocheckpoint = 0`, and this object runs a PASSIVE checkpoint on a connection
/// of its own every ``interval`` commits. A passive checkpoint never blocks the writer
/// or readers; whatever it cannot copy now it copies next time. If checkpoints fail
/// (another process busy), the log grows until one succeeds, and SQLite checkpoints
/// it when the last connection closes.
final class WALCheckpointer: @unchecked Sendable {
    /// Commits between checkpoints. A turn writes about ten pages, so 100 commits is
    /// about SQLite's default 1000-page threshold.
    let interval: Int
    private let path: String
    private let lock = NSLock()  // guards commitsSinceCheckpoint, pending, closed
    private var commitsSinceCheckpoint = 0
    private var pending = false
    private var closed = false
    private let queue = DispatchQueue(label: "AttendantStore.checkpointer", qos: .utility)
    private var connection: DatabaseQueue?  // used on `queue` only

    init(path: String, interval: Int = 100) {
        self.path = path
        self.interval = interval
    }

    /// Counts one commit; queues a background checkpoint when enough have accumulated
    /// and none is waiting.
    func didCommit() {
        lock.lock()
        commitsSinceCheckpoint += 1
        let start = !closed && !pending && commitsSinceCheckpoint >= interval
        if start {
            commitsSinceCheckpoint = 0
            pending = true
        }
        lock.unlock()
        if start {
            queue.async { [self] in
                checkpointNow()
                lock.lock()
                pending = false
                lock.unlock()
            }
        }
    }

    /// One passive checkpoint, on this object's connection (opened on first use).
    /// Runs on `queue`.
    private func checkpointNow() {
        lock.lock()
        let isClosed = closed
        lock.unlock()
        if isClosed { return }
        if connection == nil {
            var configuration = Configuration()
            configuration.label = "AttendantStore.checkpointer"
            configuration.busyMode = .immediateError
            connection = try? DatabaseQueue(path: path, configuration: configuration)
        }
        _ = try? connection?.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    /// Waits for a running checkpoint and closes the connection; later commits start none.
    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        queue.sync {
            try? connection?.close()
            connection = nil
        }
    }
}
