/// One labelled example phrase: what designers write under an intent, and one line of
/// a JSON Lines benchmark file (`{"text": ..., "intent": ...}`).
public struct IntentExample: Sendable, Hashable, Codable {
    public var text: String
    public var intent: String
    public init(text: String, intent: String) {
        self.text = text
        self.intent = intent
    }
}

/// An intent with the classifier's confidence in it.
public struct IntentScore: Sendable, Hashable, Codable {
    public var intent: String
    /// Calibrated probability-like confidence in 0…1.
    public var confidence: Double
    public init(intent: String, confidence: Double) {
        self.intent = intent
        self.confidence = confidence
    }
}

/// What the classifier made of one utterance.
public struct IntentPrediction: Sendable, Hashable {
    /// The intent, or nil when the utterance is out of scope (belongs to no intent).
    public var intent: String?
    /// Confidence in ``intent`` (when out of scope: in the best in-scope intent).
    public var confidence: Double
    /// The best intents, best first (includes the winner), at most a handful.
    public var ranking: [IntentScore]

    public init(intent: String?, confidence: Double, ranking: [IntentScore]) {
        self.intent = intent
        self.confidence = confidence
        self.ranking = ranking
    }

    /// The label used for out-of-scope utterances in training and benchmark files.
    public static let outOfScope = "oos"
}
