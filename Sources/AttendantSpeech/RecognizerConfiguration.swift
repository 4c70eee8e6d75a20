import Foundation

/// How ``PocketSphinxRecognizer`` decodes.
public struct RecognizerConfiguration: Sendable {
    /// Which language model the decoders search with.
    public enum LanguageModel: Sendable, Equatable {
        /// Only the domain model built from `phrases` (fastest; words outside the
        /// phrases' vocabulary cannot be recognized).
        case domain
        /// The domain model interpolated with the generic en-us model: biased toward the
        /// phrases, the whole English vocabulary still reachable.
        case interpolated(domainWeight: Float)
        /// The generic en-us model only (no phrases needed).
        case generic
    }

    public var acoustic: AcousticSettings
    /// What callers are expected to say; empty means the generic model.
    public var phrases: [String]
    public var languageModel: LanguageModel
    /// Apply `acoustic/narrowband` (front-end flags and MLLR) to 8 kHz input.
    public var narrowbandAdaptation: Bool
    /// Length of the N-best list.
    public var maxAlternatives: Int
    /// Decoders kept for reuse per band; more are created under load and freed after.
    public var pooledDecoders: Int
    /// Where built models go (a fresh temporary folder when nil).
    public var workDirectory: URL?

    public init(acoustic: AcousticSettings = AcousticSettings(), phrases: [String] = [],
                languageModel: LanguageModel = .interpolated(domainWeight: 0.9),
                narrowbandAdaptation: Bool = true, maxAlternatives: Int = 5, pooledDecoders: Int = 32,
                workDirectory: URL? = nil) {
        self.acoustic = acoustic
        self.phrases = phrases
        self.languageModel = languageModel
        self.narrowbandAdaptation = narrowbandAdaptation
        self.maxAlternatives = maxAlternatives
        self.pooledDecoders = pooledDecoders
        self.workDirectory = workDirectory
    }
}
