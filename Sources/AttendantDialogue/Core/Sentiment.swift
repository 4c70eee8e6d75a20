/// How a caller sounds in one utterance.
public struct Sentiment: Sendable, Hashable, Codable {
    public enum Label: String, Sendable, Hashable, Codable, CaseIterable { case negative, neutral, positive }

    public var label: Label
    /// -1 (very negative) … 0 (neutral) … +1 (very positive).
    public var score: Double

    public init(label: Label, score: Double) {
        self.label = label
        self.score = score
    }

    public static let neutral = Sentiment(label: .neutral, score: 0)
}
