/// A block of signed 16-bit linear PCM audio: interleaved samples, a sample rate
/// and a channel count. The currency of every audio API in Attendant.
public struct PCMBuffer: Sendable, Equatable {
    /// Interleaved samples (L R L R … for stereo).
    public var samples: [Int16]
    /// Samples per second per channel (8000, 16000, 22050, 24000, 48000, …).
    public var sampleRate: Int
    /// Number of interleaved channels (1 or 2 in practice).
    public var channels: Int

    public init(samples: [Int16], sampleRate: Int, channels: Int = 1) {
        precondition(channels > 0, "a PCM buffer needs at least one channel")
        self.samples = samples
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Number of sample frames (one sample per channel each).
    public var frameCount: Int { samples.count / channels }

    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    /// One channel as a mono buffer.
    public func channel(_ index: Int) -> PCMBuffer {
        precondition(index >= 0 && index < channels, "channel \(index) out of range 0..<\(channels)")
        if channels == 1 { return self }
        var out = [Int16](repeating: 0, count: frameCount)
        for i in 0..<frameCount { out[i] = samples[i * channels + index] }
        return PCMBuffer(samples: out, sampleRate: sampleRate, channels: 1)
    }

    /// All channels averaged into one (no clipping: the mean of n Int16 fits Int16).
    public func mixedToMono() -> PCMBuffer {
        if channels == 1 { return self }
        var out = [Int16](repeating: 0, count: frameCount)
        for i in 0..<frameCount {
            var sum = 0
            for c in 0..<channels { sum += Int(samples[i * channels + c]) }
            out[i] = Int16(sum / channels)
        }
        return PCMBuffer(samples: out, sampleRate: sampleRate, channels: 1)
    }
}
