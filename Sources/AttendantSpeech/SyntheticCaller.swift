import AttendantAudio
import Foundation

/// Synthetic callers for tests and benchmarks: phrases spoken by espeak-ng voices at
/// several speeds, delivered the way the engine's endpointer hands an utterance to the
/// recognizer (with its pre-roll before and the end-of-speech silence after), at 16 kHz
/// or through an 8 kHz G.711 µ-law line.
public struct SyntheticCaller: Sendable {
    public enum Line: String, Sendable, CaseIterable {
        case wideband = "16 kHz"
        case telephone = "8 kHz G.711"
    }

    public var voices: [String]
    public var speeds: [Int]
    /// Silence before and after the speech, in milliseconds (the endpointer's pre-roll
    /// and end-of-utterance defaults).
    public var leadingMilliseconds = 200
    public var trailingMilliseconds = 500
    /// Signal-to-noise ratio of white line noise mixed under the whole utterance (speech
    /// RMS against noise RMS); nil for a clean line.
    public var snrDB: Double?
    private let synthesizer: any SpeechSynthesizer

    public init(voices: [String], speeds: [Int], synthesizer: any SpeechSynthesizer = EspeakProcessSynthesizer()) {
        self.voices = voices
        self.speeds = speeds
        self.synthesizer = synthesizer
    }

    /// Phrase `index` of a list: voices and speeds rotate with the index, so a list is
    /// spread over all of them.
    public func utterance(_ text: String, index: Int, line: Line) async throws -> PCMBuffer {
        let voice = voices[index % voices.count]
        let speed = speeds[(index / voices.count) % speeds.count]
        let speech = try await synthesizer.synthesizeAll(SynthesisRequest(text: text, voice: voice, rate: speed, sampleRate: 16000))
        var padded = PCMBuffer(samples: [Int16](repeating: 0, count: 16 * leadingMilliseconds) + speech.samples
                                   + [Int16](repeating: 0, count: 16 * trailingMilliseconds), sampleRate: 16000)
        if let snrDB {
            let level = AudioMath.rms(speech.samples) / 32767 / pow(10, snrDB / 20)
            let noise = SignalGenerator.whiteNoise(sampleRate: 16000, seconds: padded.duration, amplitude: level, seed: UInt64(index + 1))
            padded.samples = AudioMath.mix(padded.samples, noise.samples)
        }
        switch line {
        case .wideband:
            return padded
        case .telephone:
            return try RecordedSpeech.telephone(padded)
        }
    }

    /// Speaks every phrase on `line`, recognizes it, and scores the results.
    public func evaluate(_ phrases: [String], line: Line, with recognizer: any SpeechRecognizer,
                         onMiss: (String, String) -> Void = { _, _ in }) async throws -> (wer: WordErrorRate, audioSeconds: Double, cpuSeconds: Double) {
        var wer = WordErrorRate()
        var audioSeconds = 0.0, cpu = 0.0
        for (i, phrase) in phrases.enumerated() {
            let audio = try await utterance(phrase, index: i, line: line)
            let start = ProcessClock.cpuSeconds()
            let result = try await recognizer.recognize(audio)
            cpu += ProcessClock.cpuSeconds() - start
            audioSeconds += audio.duration
            if wer.add(reference: phrase, hypothesis: result.text) > 0 { onMiss(phrase, result.text) }
        }
        return (wer, audioSeconds, cpu)
    }
}

/// CPU time of this process.
public enum ProcessClock {
    /// User + system CPU seconds used by the process so far.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
