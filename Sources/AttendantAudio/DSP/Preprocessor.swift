import CSpeexDSP

/// Noise suppression and automatic gain control with speexdsp's preprocessor.
///
/// Works on mono frames of a fixed size (10–20 ms recommended) and keeps its
/// noise estimate and gain between frames. Not thread-safe; one per stream.
public final class Preprocessor {
    /// Sample rate in Hz.
    public let sampleRate: Int
    /// Samples per frame passed to `process(_:)`.
    public let frameSize: Int

    private let state: OpaquePointer

    /// Creates a preprocessor. `agcLevel` is the AGC target RMS in sample units.
    public init(sampleRate: Int, frameSize: Int, denoise: Bool, agc: Bool, agcLevel: Float = 8000) {
        precondition(sampleRate > 0 && frameSize > 0, "Preprocessor: sample rate \(sampleRate) and frame size \(frameSize) must be positive")
        guard let st = speex_preprocess_state_init(Int32(frameSize), Int32(sampleRate)) else {
            fatalError("Preprocessor: speex_preprocess_state_init(\(frameSize), \(sampleRate)) returned NULL (out of memory)")
        }
        state = st
        self.sampleRate = sampleRate
        self.frameSize = frameSize
        var on: Int32 = denoise ? 1 : 0
        speex_preprocess_ctl(state, SPEEX_PREPROCESS_SET_DENOISE, &on)
        on = agc ? 1 : 0
        speex_preprocess_ctl(state, SPEEX_PREPROCESS_SET_AGC, &on)
        if agc {
            var level = agcLevel
            speex_preprocess_ctl(state, SPEEX_PREPROCESS_SET_AGC_LEVEL, &level)
        }
    }

    deinit { speex_preprocess_state_destroy(state) }

    /// Processes one frame of exactly `frameSize` samples in place.
    public func process(_ frame: inout [Int16]) {
        precondition(frame.count == frameSize, "Preprocessor: frame has \(frame.count) samples, expected \(frameSize)")
        _ = frame.withUnsafeMutableBufferPointer { speex_preprocess_run(state, $0.baseAddress) }
    }

    /// Processes a whole buffer in 20 ms frames (10 ms if the rate does not divide
    /// into 20 ms), padding the last frame; each channel is processed separately.
    public static func process(_ buffer: PCMBuffer, denoise: Bool, agc: Bool) -> PCMBuffer {
        let rate = buffer.sampleRate
        let frameSize = rate % 50 == 0 ? rate / 50 : max(1, rate / 100)
        var out = buffer
        for c in 0..<buffer.channels {
            let mono = buffer.channel(c).samples
            let pre = Preprocessor(sampleRate: rate, frameSize: frameSize, denoise: denoise, agc: agc)
            var frame = [Int16](repeating: 0, count: frameSize)
            var start = 0
            while start < mono.count {
                let n = min(frameSize, mono.count - start)
                for i in 0..<frameSize { frame[i] = i < n ? mono[start + i] : 0 }
                pre.process(&frame)
                for i in 0..<n { out.samples[(start + i) * buffer.channels + c] = frame[i] }
                start += n
            }
        }
        return out
    }
}
