import AttendantAudio
import AttendantSpeech
import Foundation

/// Shared by the speech tests: the repository's folders, one recognizer loaded once,
/// and word error rate.
enum SpeechTestSupport {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let acousticDirectory = repository.appendingPathComponent("acoustic").path
    static let promptsDirectory = repository.appendingPathComponent("prompts").path
    static let testData = "/usr/share/pocketsphinx/test/data"

    static func phrases() throws -> [String] {
        try DomainLanguageModel.phrases(fromFile: promptsDirectory + "/phrases.txt")
    }

    /// The recognizer the spoken tests share (interpolated domain + generic model).
    static let recognizer = Task { () throws -> PocketSphinxRecognizer in
        let settings = try AcousticSettings.load(directory: acousticDirectory)
        return try await PocketSphinxRecognizer(configuration: RecognizerConfiguration(acoustic: settings, phrases: try phrases()))
    }

    /// What a G.711 µ-law telephone line makes of wideband audio: 8 kHz, companded.
    static func telephone(_ audio: PCMBuffer) throws -> PCMBuffer {
        let narrow = try Resampler.resample(audio, to: 8000)
        return PCMBuffer(samples: G711.muLawDecode(G711.muLawEncode(narrow.samples)), sampleRate: 8000)
    }

    /// Word errors (substitutions + insertions + deletions) of a hypothesis, and the
    /// reference's word count.
    static func wordErrors(reference: String, hypothesis: String) -> (errors: Int, words: Int) {
        let r = TextNormalizer.words(reference)
        return (editDistance(r, TextNormalizer.words(hypothesis)), r.count)
    }

    /// Reads a headerless 16-bit little-endian 16 kHz file (pocketsphinx's test data).
    static func raw16k(_ path: String) throws -> PCMBuffer {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        return PCMBuffer(samples: samples.map { Int16(littleEndian: $0) }, sampleRate: 16000)
    }
}
