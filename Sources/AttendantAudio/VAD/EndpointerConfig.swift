/// Tuning for `Endpointer`. Times are in milliseconds of stream time; levels in dB.
public struct EndpointerConfig: Sendable, Equatable {
    /// Continuous speech needed to declare a start (rejects clicks and bursts).
    public var onsetMs: Int
    /// Silence after speech that ends the utterance.
    public var silenceMs: Int
    /// Analysis frame length.
    public var frameMs: Int
    /// Audio before the detected start handed over with `speechStarted`.
    public var preRollMs: Int
    /// Longest utterance; speech is force-ended after this.
    public var maxUtteranceMs: Int
    /// Frame energy above the noise floor needed to start speech.
    public var startMarginDB: Double
    /// Frame energy above the noise floor that keeps speech going (hysteresis).
    public var continueMarginDB: Double
    /// Absolute level (dBFS) below which nothing counts as speech.
    public var minSpeechDBFS: Double
    /// Window of the noise-floor minimum tracker: after a rise in background
    /// noise, the floor catches up within this time.
    public var noiseWindowMs: Int

    /// Creates a configuration; the defaults suit telephone speech at 8–16 kHz.
    public init(onsetMs: Int = 60, silenceMs: Int = 500, frameMs: Int = 20, preRollMs: Int = 200,
                maxUtteranceMs: Int = 15000, startMarginDB: Double = 8, continueMarginDB: Double = 5,
                minSpeechDBFS: Double = -50, noiseWindowMs: Int = 1600) {
        self.onsetMs = onsetMs
        self.silenceMs = silenceMs
        self.frameMs = frameMs
        self.preRollMs = preRollMs
        self.maxUtteranceMs = maxUtteranceMs
        self.startMarginDB = startMarginDB
        self.continueMarginDB = continueMarginDB
        self.minSpeechDBFS = minSpeechDBFS
        self.noiseWindowMs = noiseWindowMs
    }
}
