import AttendantAudio

/// What to say and how.
public struct SynthesisRequest: Sendable, Hashable {
    /// Plain text, or SSML (the subset espeak-ng understands) when `ssml` is set.
    public var text: String
    public var ssml: Bool
    /// Voice name (`en-us`, `en`, `en-us+f3`, …).
    public var voice: String
    /// Speaking rate in words per minute (80–450; 175 is espeak-ng's normal).
    public var rate: Int
    /// Sample rate the caller's line needs (8000 for G.711, 16000, 48000 for Opus, …).
    public var sampleRate: Int

    public init(text: String, ssml: Bool = false, voice: String = "en-us", rate: Int = 175, sampleRate: Int = 16000) {
        self.text = text
        self.ssml = ssml
        self.voice = voice
        self.rate = rate
        self.sampleRate = sampleRate
    }
}

/// Turns text into speech, delivered as a stream of PCM chunks at the requested rate so
/// that playback can start before synthesis ends.
public protocol SpeechSynthesizer: Sendable {
    /// The audio of `request`, chunk by chunk (mono, `request.sampleRate`). Cancelling
    /// the consuming task stops synthesis.
    func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<PCMBuffer, any Error>
}

extension SpeechSynthesizer {
    /// The whole audio of `request` as one buffer.
    public func synthesizeAll(_ request: SynthesisRequest) async throws -> PCMBuffer {
        var samples: [Int16] = []
        for try await chunk in synthesize(request) { samples += chunk.samples }
        return PCMBuffer(samples: samples, sampleRate: request.sampleRate, channels: 1)
    }
}
