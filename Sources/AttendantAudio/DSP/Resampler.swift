import CSpeexDSP

/// Sample-rate conversion with the speexdsp resampler.
///
/// Streaming: `process(_:)` keeps the filter state between calls and the filter's
/// latency is compensated (`speex_resampler_skip_zeros`), so output sample *k*
/// lines up with input time *k · in/out*. `flush()` drains the tail at the end
/// of a stream. Not thread-safe; use one per stream.
public final class Resampler {
    /// Input sample rate in Hz.
    public let inputRate: Int
    /// Output sample rate in Hz.
    public let outputRate: Int
    /// Interleaved channel count.
    public let channels: Int

    private let state: OpaquePointer

    /// Creates a resampler. `quality` is speex's 0 (fastest) … 10 (best); 5 suits
    /// speech (about 80 dB stop-band).
    public init(from inputRate: Int, to outputRate: Int, channels: Int = 1, quality: Int = 5) throws(AudioError) {
        guard (1...768_000).contains(inputRate), (1...768_000).contains(outputRate) else {
            throw AudioError(.invalidArgument, "Resampler: rates must be 1…768000 Hz, got \(inputRate) → \(outputRate)")
        }
        guard (1...8).contains(channels) else {
            throw AudioError(.invalidArgument, "Resampler: channel count must be 1…8, got \(channels)")
        }
        guard (0...10).contains(quality) else {
            throw AudioError(.invalidArgument, "Resampler: quality must be 0…10, got \(quality)")
        }
        var err: Int32 = 0
        guard let st = speex_resampler_init(UInt32(channels), UInt32(inputRate), UInt32(outputRate),
                                            Int32(quality), &err) else {
            let reason = String(cString: speex_resampler_strerror(err))
            throw AudioError(.codec, "Resampler: speex_resampler_init \(inputRate) → \(outputRate) Hz failed: \(reason)")
        }
        state = st
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
        speex_resampler_skip_zeros(state)
    }

    deinit { speex_resampler_destroy(state) }

    /// Resamples the next chunk of interleaved input (a whole number of frames)
    /// and returns the output it completes. Allocates only the result.
    public func process(_ input: [Int16]) -> [Int16] {
        precondition(input.count % channels == 0, "Resampler: \(input.count) samples is not a whole number of \(channels)-channel frames")
        let frames = input.count / channels
        guard frames > 0 else { return [] }
        let capacity = (frames * outputRate + inputRate - 1) / inputRate + 4
        var consumed = 0
        var output = [Int16](unsafeUninitializedCapacity: capacity * channels) { out, count in
            input.withUnsafeBufferPointer { inp in
                var inLen = UInt32(frames)
                var outLen = UInt32(capacity)
                speex_resampler_process_interleaved_int(state, inp.baseAddress, &inLen, out.baseAddress, &outLen)
                consumed = Int(inLen)
                count = Int(outLen) * channels
            }
        }
        if consumed < frames {   // not expected with the capacity above; stay correct regardless
            output += process(Array(input[(consumed * channels)...]))
        }
        return output
    }

    /// Drains the filter: returns the remaining output for everything passed to
    /// `process(_:)`, then resets the resampler for a new stream.
    public func flush() -> [Int16] {
        let latency = Int(speex_resampler_get_input_latency(state))
        let tail = process([Int16](repeating: 0, count: latency * channels))
        speex_resampler_reset_mem(state)
        speex_resampler_skip_zeros(state)
        return tail
    }

    /// Resamples a whole buffer to `rate`. The result has exactly
    /// `round(frameCount · rate / sampleRate)` frames and is time-aligned with the input.
    public static func resample(_ buffer: PCMBuffer, to rate: Int, quality: Int = 5) throws(AudioError) -> PCMBuffer {
        if rate == buffer.sampleRate { return buffer }
        let resampler = try Resampler(from: buffer.sampleRate, to: rate, channels: buffer.channels, quality: quality)
        var out = resampler.process(buffer.samples)
        out += resampler.flush()
        let frames = Int((Double(buffer.frameCount) * Double(rate) / Double(buffer.sampleRate)).rounded())
        let count = frames * buffer.channels
        if out.count > count {
            out.removeLast(out.count - count)
        } else if out.count < count {
            out += [Int16](repeating: 0, count: count - out.count)
        }
        return PCMBuffer(samples: out, sampleRate: rate, channels: buffer.channels)
    }
}
