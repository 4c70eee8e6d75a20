import AttendantAudio
import Synchronization

/// A ``SpeechSynthesizer`` that remembers what it said.
///
/// Keyed by the whole ``SynthesisRequest`` (text, SSML flag, voice, rate, sample rate),
/// bounded by the bytes of audio it holds, least recently used out first. A hit is
/// served from memory in 20 ms chunks with no synthesis at all; a miss streams from the
/// underlying synthesizer while it is recorded, and is stored once it completes (a
/// cancelled or failed synthesis is not stored).
public final class PromptCache: SpeechSynthesizer {
    private struct Entry { var audio: [Int16]; var lastUse: UInt64 }
    private struct State {
        var entries: [SynthesisRequest: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    private let base: any SpeechSynthesizer
    /// Largest total audio kept, in bytes.
    public let capacityBytes: Int
    private let state = Mutex(State())

    public init(_ base: any SpeechSynthesizer, capacityBytes: Int = 64 << 20) {
        self.base = base
        self.capacityBytes = capacityBytes
    }

    /// Hits and misses so far, and the bytes held.
    public var statistics: (hits: Int, misses: Int, bytes: Int, entries: Int) {
        state.withLock { ($0.hits, $0.misses, $0.bytes, $0.entries.count) }
    }

    /// The cached audio of `request`, if any (marks it as used).
    public func cached(_ request: SynthesisRequest) -> [Int16]? {
        state.withLock { s in
            guard var entry = s.entries[request] else { s.misses += 1; return nil }
            s.clock += 1
            entry.lastUse = s.clock
            s.entries[request] = entry
            s.hits += 1
            return entry.audio
        }
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<PCMBuffer, any Error> {
        if let audio = cached(request) {
            let chunk = max(1, request.sampleRate / 50)
            return AsyncThrowingStream { continuation in
                var start = 0
                while start < audio.count {
                    let end = min(audio.count, start + chunk)
                    continuation.yield(PCMBuffer(samples: Array(audio[start..<end]), sampleRate: request.sampleRate))
                    start = end
                }
                continuation.finish()
            }
        }
        let upstream = base.synthesize(request)
        return AsyncThrowingStream { continuation in
            let task = Task {
                var recorded: [Int16] = []
                do {
                    for try await chunk in upstream {
                        recorded += chunk.samples
                        continuation.yield(chunk)
                    }
                    try Task.checkCancellation()
                    self.store(request, recorded)
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func store(_ request: SynthesisRequest, _ audio: [Int16]) {
        let size = audio.count * MemoryLayout<Int16>.size
        guard size <= capacityBytes else { return }
        state.withLock { s in
            if let old = s.entries[request] { s.bytes -= old.audio.count * 2 }
            s.clock += 1
            s.entries[request] = Entry(audio: audio, lastUse: s.clock)
            s.bytes += size
            while s.bytes > capacityBytes, let oldest = s.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                s.bytes -= oldest.value.audio.count * 2
                s.entries[oldest.key] = nil
            }
        }
    }
}
