import AttendantAudio

/// One recognized word with its place in the utterance.
public struct RecognizedWord: Sendable, Equatable, Codable {
    public var word: String
    /// Start and end in seconds from the start of the utterance.
    public var start: Double
    public var end: Double
    /// Posterior probability of the word in 0…1.
    public var confidence: Double

    public init(word: String, start: Double, end: Double, confidence: Double) {
        self.word = word
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// One entry of the N-best list.
public struct RecognitionAlternative: Sendable, Equatable, Codable {
    public var text: String
    /// Path score (log domain, higher is better; comparable within one utterance only).
    public var score: Int

    public init(text: String, score: Int) {
        self.text = text
        self.score = score
    }
}

/// What the recognizer made of one utterance.
public struct RecognitionResult: Sendable, Equatable {
    /// Best hypothesis, words separated by single spaces (fillers removed).
    public var text: String
    /// Words with times and posteriors.
    public var words: [RecognizedWord]
    /// Confidence in 0…1, from the words' lattice posteriors (0 for empty results).
    public var confidence: Double
    /// Alternatives, best first (the first is `text`).
    public var alternatives: [RecognitionAlternative]
    /// Seconds of audio decoded.
    public var audioSeconds: Double

    public init(text: String, words: [RecognizedWord], confidence: Double, alternatives: [RecognitionAlternative], audioSeconds: Double) {
        self.text = text
        self.words = words
        self.confidence = confidence
        self.alternatives = alternatives
        self.audioSeconds = audioSeconds
    }
}

/// A speech recognizer: hands out sessions, one per utterance stream.
public protocol SpeechRecognizer: Sendable {
    /// Starts recognizing one utterance of mono audio at `sampleRate` (8000 for
    /// telephone audio, 16000 or more for wideband).
    func startSession(sampleRate: Int) async throws -> any RecognitionSession
}

/// One utterance being recognized: feed audio as it arrives, ask for partial results,
/// finish to get the final one. Not meant for concurrent use by several tasks.
public protocol RecognitionSession: AnyObject, Sendable {
    /// Adds samples (mono, at the session's rate).
    func feed(_ samples: [Int16]) async throws
    /// The best hypothesis so far (may change), or "" when nothing yet.
    func partialResult() async throws -> String
    /// Ends the utterance and returns the final result. The session cannot be fed after.
    func finish() async throws -> RecognitionResult
    /// Abandons the utterance (the caller hung up); frees the decoder.
    func cancel() async
}

extension SpeechRecognizer {
    /// Recognizes a whole buffer (mixed to mono) in one session.
    public func recognize(_ buffer: PCMBuffer, chunkMilliseconds: Int = 100) async throws -> RecognitionResult {
        let mono = buffer.mixedToMono()
        let session = try await startSession(sampleRate: mono.sampleRate)
        let chunk = max(1, mono.sampleRate * chunkMilliseconds / 1000)
        var start = 0
        do {
            while start < mono.samples.count {
                let end = min(mono.samples.count, start + chunk)
                try await session.feed(Array(mono.samples[start..<end]))
                start = end
            }
            return try await session.finish()
        } catch {
            await session.cancel()
            throw error
        }
    }
}
