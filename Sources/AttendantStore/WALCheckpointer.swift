import Foundation
import GRDB

/// Copies the write-ahead log back into the database file off the commit path.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold and
/// fsyncs there: one commit in every hundred or so would take milliseconds instead of
/// microseconds (measured with `attendant bench store`). The writer therefore runs with
/// `wal_autocheckpoint = 0`, and this object runs a PASSIVE checkpoint on a connection
/// of its own every ``interval`` commits. A passive checkpoint never blocks the writer
/// or readers; whatever it cannot copy now it copies next time, and once a checkpoint
/// has caught up the writer starts the log again from its beginning.
///
/// Under writes with no pause at all (a benchmark loop) a passive checkpoint never
/// catches up and the log would grow without bound; so when it still holds more than
/// ``frameLimit`` frames after a passive checkpoint, a RESTART checkpoint follows. That
/// one makes the writer wait while it copies the few frames left and syncs (a few
/// milliseconds, once per `frameLimit` frames), and the log starts over; the writer's
/// `journal_size_limit` then trims the file. If checkpoints fail (another process
/// busy), the log grows until one succeeds, and SQLite checkpoints it when the last
/// connection closes.
final class WALCheckpointer: @unchecked Sendable {
    /// Commits between checkpoints. A turn writes about ten pages, so 100 commits is
    /// about SQLite's default 1000-page threshold.
    let interval: Int
    /// Log frames (pages) above which a blocking RESTART checkpoint follows the passive
    /// one: 4096 frames is 16 MB with 4 KB pages.
    let frameLimit: Int
    private let path: String
    private let lock = NSLock()  // guards commitsSinceCheckpoint, pending, closed
    private var commitsSinceCheckpoint = 0
    private var pending = false
    private var closed = false
    private let queue = DispatchQueue(label: "AttendantStore.checkpointer", qos: .utility)
    private var connection: DatabaseQueue?  // used on `queue` only

    init(path: String, interval: Int = 100, frameLimit: Int = 4096) {
        self.path = path
        self.interval = interval
        self.frameLimit = frameLimit
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
            configuration.busyMode = .timeout(2)  // a RESTART checkpoint waits for the writer
            connection = try? DatabaseQueue(path: path, configuration: configuration)
        }
        let frameLimit = self.frameLimit
        _ = try? connection?.writeWithoutTransaction { db in
            let (frames, _) = try db.checkpoint(.passive)
            if frames > frameLimit { try db.checkpoint(.restart) }
        }
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
