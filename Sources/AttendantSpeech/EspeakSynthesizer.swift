import AttendantAudio
import Synchronization

/// ``SpeechSynthesizer`` backed by espeak-ng (through ``EspeakEngine``, which serializes
/// the process-global library on one queue). Audio comes out of espeak-ng in 20 ms
/// chunks at its native 22050 Hz and is resampled (speexdsp, streaming) to the
/// requested rate chunk by chunk.
public struct EspeakSynthesizer: SpeechSynthesizer {
    private let engine: EspeakEngine

    public init(engine: EspeakEngine = .shared) { self.engine = engine }

    public func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<PCMBuffer, any Error> {
        let (stream, continuation) = AsyncThrowingStream<PCMBuffer, any Error>.makeStream()
        let cancelFlag = CancelFlag()
        continuation.onTermination = { _ in cancelFlag.cancel() }
        engine.enqueue { [engine] initialized in
            do {
                let nativeRate = try initialized.get()
                let resampler = nativeRate == request.sampleRate
                    ? nil : try Resampler(from: nativeRate, to: request.sampleRate, quality: 5)
                try engine.synthesizeOnQueue(text: request.text, ssml: request.ssml, voice: request.voice, rate: request.rate) { chunk in
                    if cancelFlag.isCancelled { return false }
                    let samples = resampler?.process(Array(chunk)) ?? Array(chunk)
                    if !samples.isEmpty {
                        continuation.yield(PCMBuffer(samples: samples, sampleRate: request.sampleRate, channels: 1))
                    }
                    return true
                }
                if let tail = resampler?.flush(), !tail.isEmpty {
                    continuation.yield(PCMBuffer(samples: tail, sampleRate: request.sampleRate, channels: 1))
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        return stream
    }
}

/// A flag set once from any thread, read on the synthesis queue.
final class CancelFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
