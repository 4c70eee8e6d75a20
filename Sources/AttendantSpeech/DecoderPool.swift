import Dispatch
import Foundation
import Synchronization

/// A decoder with its own serial queue: everything it does runs there, off Swift's
/// cooperative pool, since pocketsphinx blocks and is not thread-safe.
final class QueuedDecoder: @unchecked Sendable {
    // Safety: `decoder` is only touched inside `run`, on `queue`.
    private let decoder: PocketSphinxDecoder
    private let queue: DispatchQueue

    init(decoder: PocketSphinxDecoder, label: String) {
        self.decoder = decoder
        self.queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (PocketSphinxDecoder) throws(SpeechError) -> T) async throws(SpeechError) -> T {
        let result: Result<T, SpeechError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(SpeechError) -> T in try body(self.decoder) }) }
        }
        return try result.get()
    }
}

/// Decoders of one configuration (wideband or narrowband), created on demand and kept
/// for reuse: a session borrows one for an utterance and gives it back.
final class DecoderPool: Sendable {
    private let make: @Sendable () throws(SpeechError) -> PocketSphinxDecoder
    private let label: String
    private let keep: Int
    private let idle = Mutex<[QueuedDecoder]>([])
    private let created = Atomic<Int>(0)
    /// Model loading (ps_init, language models, MLLR) goes through sphinxbase code with
    /// process-wide state that is not safe to run on two threads at once (seen: heap
    /// corruption when two decoders loaded concurrently), so loads are serialized.
    /// Decoding itself runs concurrently, one decoder per queue.
    private static let loading = Mutex<Void>(())

    init(label: String, keep: Int, make: @escaping @Sendable () throws(SpeechError) -> PocketSphinxDecoder) {
        self.label = label
        self.keep = keep
        self.make = make
    }

    /// Decoders created so far.
    var createdCount: Int { created.load(ordering: .relaxed) }

    /// An idle decoder, or a new one (loaded on a dispatch thread, not the cooperative pool).
    func acquire() async throws(SpeechError) -> QueuedDecoder {
        if let ready = idle.withLock({ $0.popLast() }) { return ready }
        let n = created.wrappingAdd(1, ordering: .relaxed).newValue
        let make = self.make
        let label = "\(self.label).\(n)"
        let result: Result<QueuedDecoder, SpeechError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(SpeechError) -> QueuedDecoder in
                    try DecoderPool.loading.withLock { _ throws(SpeechError) in QueuedDecoder(decoder: try make(), label: label) }
                })
            }
        }
        if case .failure = result { created.wrappingSubtract(1, ordering: .relaxed) }
        return try result.get()
    }

    /// Returns a decoder; beyond `keep` idle ones it is freed.
    func release(_ decoder: QueuedDecoder) {
        let kept = idle.withLock { list -> Bool in
            guard list.count < keep else { return false }
            list.append(decoder)
            return true
        }
        if !kept { created.wrappingSubtract(1, ordering: .relaxed) }
    }
}
