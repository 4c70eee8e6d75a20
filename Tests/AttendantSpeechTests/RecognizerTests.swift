import AttendantAudio
import Foundation
import Testing
@testable import AttendantSpeech

@Suite struct RecognizerTests {
    @Test func streamingSessionGivesPartialsTimesConfidenceAndAlternatives() async throws {
        let recognizer = try await SpeechTestSupport.recognizer.value
        let audio = try await EspeakSynthesizer().synthesizeAll(
            SynthesisRequest(text: "I want to cancel my order", sampleRate: 16000))
        let session = try await recognizer.startSession(sampleRate: 16000)
        var partials: [String] = []
        for start in stride(from: 0, to: audio.samples.count, by: 320) {  // 20 ms frames
            try await session.feed(Array(audio.samples[start..<min(audio.samples.count, start + 320)]))
            if start % 3200 == 0 { partials.append(try await session.partialResult()) }
        }
        let result = try await session.finish()
        #expect(result.text == "i want to cancel my order")
        #expect(partials.contains { !$0.isEmpty }, "partial hypotheses appear while audio streams in")
        #expect(result.confidence > 0.5 && result.confidence <= 1)
        #expect(result.words.map(\.word) == ["i", "want", "to", "cancel", "my", "order"])
        for (a, b) in zip(result.words, result.words.dropFirst()) { #expect(a.end <= b.start + 0.011) }
        #expect(result.words.allSatisfy { $0.start < $0.end && $0.end <= audio.duration + 0.05 })
        #expect(abs(result.audioSeconds - audio.duration) < 0.05)
        #expect(result.alternatives.first?.text == result.text)
        #expect(result.alternatives.count >= 2)
        await #expect(throws: SpeechError.self) { try await session.feed([0, 0]) }
    }

    @Test func noiseHasLowConfidence() async throws {
        let recognizer = try await SpeechTestSupport.recognizer.value
        let speech = try await recognizer.recognize(
            try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: "where is my delivery")))
        let noise = SignalGenerator.whiteNoise(sampleRate: 16000, seconds: 1.5, amplitude: 0.1, seed: 7)
        let heard = try await recognizer.recognize(noise)
        #expect(heard.confidence < speech.confidence, "noise \(heard.confidence) vs speech \(speech.confidence)")
    }

    @Test func decodersAreReusedAndManyStreamsRunAtOnce() async throws {
        let recognizer = try await SpeechTestSupport.recognizer.value
        let audio = try await EspeakSynthesizer().synthesizeAll(SynthesisRequest(text: "what are your opening hours"))
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<6 { group.addTask { try await recognizer.recognize(audio).text } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 6 && Set(results) == ["what are your opening hours"])
        let created = recognizer.decoderCounts.wideband
        for _ in 0..<3 { _ = try await recognizer.recognize(audio) }
        #expect(recognizer.decoderCounts.wideband == created, "sequential sessions reuse pooled decoders")
    }

    @Test func tooLowASampleRateIsRefused() async throws {
        let recognizer = try await SpeechTestSupport.recognizer.value
        await #expect(throws: SpeechError.self) { _ = try await recognizer.startSession(sampleRate: 4000) }
    }

    @Test func cancelledSessionReturnsItsDecoder() async throws {
        let recognizer = try await SpeechTestSupport.recognizer.value
        let session = try await recognizer.startSession(sampleRate: 8000)
        try await session.feed([Int16](repeating: 0, count: 1600))
        await session.cancel()
        await #expect(throws: SpeechError.self) { _ = try await session.finish() }
    }
}

/// Real human speech: pocketsphinx's own recordings with their transcripts.
@Suite struct RecordedSpeechTests {
    @Test func goForwardTenMeters() async throws {
        let recognizer = try await PocketSphinxRecognizer(configuration: RecognizerConfiguration(
            acoustic: try AcousticSettings.load(directory: SpeechTestSupport.acousticDirectory), languageModel: .generic))
        let audio = try SpeechTestSupport.raw16k(SpeechTestSupport.testData + "/goforward.raw")
        let result = try await recognizer.recognize(audio)
        #expect(result.text == "go forward ten meters")
    }

    @Test func librivoxWithTheGenericModel() async throws {
        let recognizer = try await PocketSphinxRecognizer(configuration: RecognizerConfiguration(
            acoustic: try AcousticSettings.load(directory: SpeechTestSupport.acousticDirectory), languageModel: .generic))
        let folder = SpeechTestSupport.testData + "/librivox"
        let transcripts = try String(contentsOfFile: folder + "/transcription", encoding: .utf8)
        var errors = 0, words = 0
        for line in transcripts.split(separator: "\n") {
            let id = line[line.lastIndex(of: "(")!...].dropFirst().dropLast()
            let reference = line.replacingOccurrences(of: "<s>", with: "").replacingOccurrences(of: "</s>", with: "")
                .components(separatedBy: "(")[0]
            let audio = try WAVFile.read(contentsOf: URL(fileURLWithPath: "\(folder)/\(id).wav"))
            let result = try await recognizer.recognize(audio)
            let e = SpeechTestSupport.wordErrors(reference: reference, hypothesis: result.text)
            errors += e.errors
            words += e.words
        }
        let wer = Double(errors) / Double(words)
        print("librivox WER (generic model, 16 kHz): \(String(format: "%.1f", wer * 100)) % over \(words) words")
        #expect(wer < 0.35)
    }
}

/// Synthetic callers: domain phrases in several voices and speeds, at 16 kHz and
/// through an 8 kHz G.711 line.
@Suite struct SpokenDomainTests {
    static let voices = ["en-us", "en-us+f3", "en+m3"]
    static let speeds = [150, 190]

    /// Every fourth phrase of the sample prompts, so the test stays quick.
    static func testPhrases() throws -> [String] {
        try SpeechTestSupport.phrases().enumerated().filter { $0.offset % 6 == 0 }.map(\.element)
    }

    @Test(arguments: [false, true])
    func sentenceAccuracy(telephone: Bool) async throws {
        let recognizer = try await SpeechTestSupport.recognizer.value
        let synthesizer = EspeakSynthesizer()
        var correct = 0, total = 0, errors = 0, words = 0
        var misses: [String] = []
        for (i, phrase) in try Self.testPhrases().enumerated() {
            let voice = Self.voices[i % Self.voices.count], speed = Self.speeds[(i / Self.voices.count) % Self.speeds.count]
            var audio = try await synthesizer.synthesizeAll(SynthesisRequest(text: phrase, voice: voice, rate: speed, sampleRate: 16000))
            if telephone { audio = try SpeechTestSupport.telephone(audio) }
            let result = try await recognizer.recognize(audio)
            let e = SpeechTestSupport.wordErrors(reference: phrase, hypothesis: result.text)
            total += 1
            errors += e.errors
            words += e.words
            if e.errors == 0 { correct += 1 } else { misses.append("\(voice)@\(speed): \(phrase) → \(result.text)") }
        }
        let accuracy = Double(correct) / Double(total)
        let label = telephone ? "8 kHz G.711" : "16 kHz"
        print("spoken domain phrases, \(label): sentence accuracy \(String(format: "%.1f", accuracy * 100)) % (\(correct)/\(total)), WER \(String(format: "%.1f", Double(errors) / Double(words) * 100)) %")
        misses.forEach { print("  miss: \($0)") }
        #expect(accuracy >= (telephone ? 0.80 : 0.90))
    }
}
