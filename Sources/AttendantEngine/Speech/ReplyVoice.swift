import AttendantAudio
import AttendantDialogue
import AttendantSpeech
import Foundation

/// Turns a reply into audio at the line's rate: each segment synthesized (text or SSML,
/// through the prompt cache) or, for a recorded prompt, read from its WAV file and
/// resampled; segments joined with a short pause.
public struct ReplyVoice: Sendable {
    public var synthesizer: any SpeechSynthesizer
    public var voice: String
    public var rate: Int
    public var sampleRate: Int
    /// Silence between segments, ms.
    public var gapMilliseconds: Int

    public init(synthesizer: any SpeechSynthesizer, voice: String = "en-us", rate: Int = 175, sampleRate: Int = 16000, gapMilliseconds: Int = 150) {
        self.synthesizer = synthesizer
        self.voice = voice
        self.rate = rate
        self.sampleRate = sampleRate
        self.gapMilliseconds = gapMilliseconds
    }

    /// The whole reply as one buffer.
    public func audio(for reply: [ReplySegment]) async throws -> PCMBuffer {
        var samples: [Int16] = []
        let gap = [Int16](repeating: 0, count: sampleRate * gapMilliseconds / 1000)
        for (index, segment) in reply.enumerated() {
            if index > 0 { samples += gap }
            samples += try await self.samples(for: segment)
        }
        return PCMBuffer(samples: samples, sampleRate: sampleRate)
    }

    func samples(for segment: ReplySegment) async throws -> [Int16] {
        if let audio = segment.audio {
            let recording = try WAVFile.read(contentsOf: URL(fileURLWithPath: audio))
            let mono = recording.channels == 1 ? recording : recording.mixedToMono()
            return mono.sampleRate == sampleRate ? mono.samples : try Resampler.resample(mono, to: sampleRate).samples
        }
        let request = SynthesisRequest(text: segment.ssml ?? segment.spoken, ssml: segment.ssml != nil, voice: voice,
                                       rate: rate, sampleRate: sampleRate)
        return try await synthesizer.synthesizeAll(request).samples
    }
}
