import Foundation
import Testing
import AttendantAudio

@Suite("DTMF")
struct DTMFTests {
    static let all = "0123456789*#ABCD"

    /// Runs `samples` through a detector in 20 ms chunks.
    static func detect(_ samples: [Int16]) -> String {
        let detector = DTMFDetector()
        var digits = ""
        for start in stride(from: 0, to: samples.count, by: 160) {
            digits += String(detector.process(Array(samples[start..<min(samples.count, start + 160)])))
        }
        return digits
    }

    @Test("all 16 digits are detected from generated tones", arguments: [8000, 16000])
    func allDigits(rate: Int) throws {
        var tones = DTMFGenerator.tones(Self.all, sampleRate: rate)
        #expect(tones.sampleRate == rate && tones.duration > 2.5 && tones.duration < 2.6)
        if rate != 8000 { tones = try Resampler.resample(tones, to: 8000) }
        #expect(Self.detect(tones.samples) == Self.all)
    }

    @Test("lower-case letters and separators", arguments: [("1a2b", "1A2B"), ("5 5-5", "555"), ("", "")])
    func normalises(input: String, expected: String) {
        #expect(Self.detect(DTMFGenerator.tones(input).samples) == expected)
    }

    @Test("digits are still detected with a speech-like signal underneath", arguments: [-10, -20])
    func withSpeech(level: Int) {
        let tones = DTMFGenerator.tones(Self.all, level: level).samples
        // Speech about 20 dB below the tone level (dBm0 ≈ dBFS + 3).
        let amplitude = pow(10, (Double(level) - 21) / 20)
        let voice = SignalGenerator.voiced(sampleRate: 8000, seconds: 3, amplitude: amplitude, seed: 7).samples
        #expect(Self.detect(AudioMath.mix(tones, voice)) == Self.all)
    }

    @Test("digits are detected over real espeak-ng speech")
    func withEspeak() throws {
        let speech = try TestSupport.speech("Please enter your account number followed by the pound key.", sampleRate: 8000)
        let tones = DTMFGenerator.tones(Self.all, level: -10).samples
        #expect(Self.detect(AudioMath.mix(tones, AudioMath.scaled(speech.samples, gainDB: -12))) == Self.all)
    }

    @Test("talk-off: speech-like signals produce no digits", arguments: [90.0, 120, 180, 220])
    func talkOffSynthetic(fundamental: Double) {
        let voice = SignalGenerator.voiced(sampleRate: 8000, seconds: 10, fundamental: fundamental, amplitude: 0.2)
        #expect(Self.detect(voice.samples) == "")
    }

    @Test("talk-off: espeak-ng voices produce no digits",
          arguments: ["en-us", "en-gb", "fr", "de", "es"])
    func talkOffEspeak(voice: String) throws {
        let text = "One two three four five six seven eight nine zero. Hello, thank you for calling; how can I help you today? "
            + "Ah, eee, ooh, mmm, hmm. Which department would you like?"
        for variant in [voice, voice + "+f3"] {
            let speech = try TestSupport.speech(text, sampleRate: 8000, voice: variant)
            #expect(Self.detect(speech.samples) == "", "voice \(variant)")
        }
    }

    @Test("a chunk size that splits tones does not change the result", arguments: [1, 37, 102, 1000])
    func chunking(size: Int) {
        let samples = DTMFGenerator.tones("159#").samples
        let detector = DTMFDetector()
        var digits = ""
        for start in stride(from: 0, to: samples.count, by: size) {
            digits += String(detector.process(Array(samples[start..<min(samples.count, start + size)])))
        }
        #expect(digits == "159#")
    }
}
