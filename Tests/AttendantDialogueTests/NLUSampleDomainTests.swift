import AttendantDialogue
import Foundation
import Testing

/// The classifier trained, with default options, on the designers' sample domain
/// (`prompts/intents/*.yaml`, no out-of-scope examples).
@Suite struct NLUSampleDomainTests {
    static func classifier() throws -> IntentClassifier {
        let bundle = PromptsBundle.load(directory: NLUTestData.repository.appendingPathComponent("prompts"))
        let examples = bundle.trainingExamples
        #expect(examples.count >= 400)
        return try IntentClassifier(examples: examples)
    }

    /// Held-out typed utterances (written apart from the examples) find their intent.
    @Test func heldOutUtterancesFindTheirIntent() throws {
        let classifier = try Self.classifier()
        #expect(!classifier.hasOutOfScopeClass)
        let test = try IntentEvaluation.load(NLUTestData.repository.appendingPathComponent("Benchmarks/data/spoken-intents.jsonl").path)
        let metrics = try IntentEvaluation.measure(classifier, on: test)
        #expect((metrics.inScopeAccuracy ?? 0) >= 0.95, "\(metrics)")
    }

    /// Requests unrelated to an online store (CLINC150's out-of-scope validation lines)
    /// are mostly turned away although no out-of-scope example was given.
    @Test func unrelatedRequestsAreMostlyRejected() throws {
        let classifier = try Self.classifier()
        let unrelated = try NLUTestData.load("clinc150-slice-validation.jsonl").filter { $0.intent == IntentPrediction.outOfScope }
        #expect(unrelated.count == 100)
        let rejected = unrelated.filter { classifier.classify($0.text).intent == nil }
        #expect(rejected.count >= 50, "rejected \(rejected.count) of \(unrelated.count)")
    }

    /// Confidences stay usable by the dialogue engine (confirm below 0.6, reject below
    /// 0.3): training phrases are recognized confidently.
    @Test func trainingPhrasesAreConfident() throws {
        let classifier = try Self.classifier()
        let bundle = PromptsBundle.load(directory: NLUTestData.repository.appendingPathComponent("prompts"))
        let examples = bundle.trainingExamples
        let confident = examples.filter {
            let p = classifier.classify($0.text)
            return p.intent == $0.intent && p.confidence >= 0.9
        }
        #expect(Double(confident.count) >= 0.9 * Double(examples.count), "\(confident.count) of \(examples.count)")
    }
}
