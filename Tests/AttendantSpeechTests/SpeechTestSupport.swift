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

    static func phrases() throws -> [String] {
        try DomainLanguageModel.phrases(fromFile: promptsDirectory + "/phrases.txt")
    }

    /// The recognizer the spoken tests share (interpolated domain + generic model).
    static let recognizer = Task { () throws -> PocketSphinxRecognizer in
        let settings = try AcousticSettings.load(directory: acousticDirectory)
        return try await PocketSphinxRecognizer(configuration: RecognizerConfiguration(acoustic: settings, phrases: try phrases()))
    }

    /// The synthetic callers of the spoken tests (not the voices the adaptation was
    /// estimated on, nor the bench's held-out ones).
    static let callers = SyntheticCaller(voices: ["en-us", "en-us+f3", "en-us+m1"], speeds: [150, 180])

    /// The built `attendant` executable (`make test` builds it with the tests).
    static let executable = repository.appendingPathComponent(".build/debug/attendant").path
}
