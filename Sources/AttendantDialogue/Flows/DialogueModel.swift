import Foundation

/// A loaded `prompts/` folder made ready to converse: the intent classifier trained on its
/// examples, the entity extractor with its slot types, the knowledge index, the sentiment
/// analyzer. Built once at startup and again on every hot reload; immutable and shared
/// by all conversations (each holds the model it started with).
public final class DialogueModel: Sendable {
    public let bundle: PromptsBundle
    public let classifier: IntentClassifier
    public let extractor: EntityExtractor
    public let sentiment: SentimentAnalyzer
    public let knowledge: KnowledgeBase
    /// Base for relative webhook URLs (the bundle's `backend.url` unless overridden).
    public let backendURL: String?
    /// When the model was built (seconds of training and indexing).
    public let buildSeconds: Double

    /// Problems that make a bundle unusable for conversations.
    public struct Unusable: Error, CustomStringConvertible {
        public var diagnostics: [PromptDiagnostic]
        public var reason: String
        public var description: String {
            ([reason] + diagnostics.filter { $0.severity == .error }.map(\.description)).joined(separator: "\n")
        }
    }

    /// Trains and indexes `bundle`. Fails when it has errors or no start state.
    /// `backendURL` overrides `backend.url` (the engine passes `ATTENDANT_BACKEND_URL`).
    public init(bundle: PromptsBundle, backendURL: String? = nil) throws(Unusable) {
        guard bundle.isUsable else { throw Unusable(diagnostics: bundle.diagnostics, reason: "\(bundle.directory.path) has errors") }
        guard bundle.startState != nil else { throw Unusable(diagnostics: [], reason: "\(bundle.directory.path): no start state") }
        let started = DispatchTime.now().uptimeNanoseconds
        self.bundle = bundle
        do {
            classifier = try IntentClassifier(examples: bundle.trainingExamples)
        } catch {
            throw Unusable(diagnostics: [], reason: "\(bundle.directory.path)/intents: cannot train the intent classifier: \(error)")
        }
        extractor = EntityExtractor(types: bundle.slotTypes.values.sorted { $0.name < $1.name })
        sentiment = SentimentAnalyzer()
        knowledge = KnowledgeBase(articles: bundle.articles)
        self.backendURL = backendURL ?? bundle.settings.backendURL
        buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// The confidence at which the recognizer's first reading is taken as it is.
    public static let firstReadingConfidence = 0.6

    /// What the caller most likely said and meant: the recognizer's first reading when
    /// it is understood confidently, else the reading among the N-best list that the
    /// classifier is most confident is in scope (misrecognitions are often fixed lower
    /// in the list: "is there menu on my order" / "is there news on my order").
    public func interpret(_ text: String, alternatives: [String]) -> (text: String, prediction: IntentPrediction) {
        let first = classifier.classify(text)
        if first.intent != nil && first.confidence >= Self.firstReadingConfidence { return (text, first) }
        var best = (text: text, prediction: first)
        for alternative in alternatives.prefix(5) where alternative != text {
            let prediction = classifier.classify(alternative)
            if prediction.intent != nil,
               best.prediction.intent == nil || prediction.confidence > best.prediction.confidence {
                best = (alternative, prediction)
            }
        }
        return best
    }

    /// Loads `directory` and builds the model from it.
    public convenience init(directory: URL, backendURL: String? = nil) throws(Unusable) {
        try self.init(bundle: PromptsBundle.load(directory: directory), backendURL: backendURL)
    }
}
