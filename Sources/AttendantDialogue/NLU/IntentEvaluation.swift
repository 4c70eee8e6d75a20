import Foundation

/// Measuring an ``IntentClassifier`` on a benchmark: JSON Lines files of
/// `{"text": ..., "intent": ...}`, held-out splits, and the figures of ``IntentMetrics``.
public enum IntentEvaluation {
    /// Reads a JSON Lines file of examples. Blank lines are skipped.
    /// - Throws: ``NLUError`` naming the file, and the line number for a bad line.
    public static func load(_ path: String) throws(NLUError) -> [IntentExample] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NLUError("\(path): cannot read: \(FileManager.default.fileExists(atPath: path) ? error.localizedDescription : "no such file")")
        }
        return try parse(data, file: path)
    }

    /// Parses JSON Lines `data`; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(NLUError) -> [IntentExample] {
        guard let text = String(data: data, encoding: .utf8) else { throw NLUError("\(file): not UTF-8 text") }
        var examples: [IntentExample] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            } catch {
                throw NLUError("\(file):\(number): not valid JSON: \(line.prefix(60))")
            }
            guard let fields = object as? [String: Any] else {
                throw NLUError("\(file):\(number): expected an object {\"text\": ..., \"intent\": ...}")
            }
            guard let utterance = fields["text"] else { throw NLUError("\(file):\(number): missing \"text\"") }
            guard let utterance = utterance as? String else { throw NLUError("\(file):\(number): \"text\" is not a string") }
            guard let intent = fields["intent"] else { throw NLUError("\(file):\(number): missing \"intent\"") }
            guard let intent = intent as? String else { throw NLUError("\(file):\(number): \"intent\" is not a string") }
            guard !intent.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw NLUError("\(file):\(number): \"intent\" is empty")
            }
            guard utterance.contains(where: { $0.isLetter || $0.isNumber }) else {
                throw NLUError("\(file):\(number): \"text\" has no words")
            }
            examples.append(IntentExample(text: utterance, intent: intent))
        }
        guard !examples.isEmpty else { throw NLUError("\(file): no examples") }
        return examples
    }

    /// Splits `examples` into training and test sets: per intent, a shuffled `fraction`
    /// (rounded) goes to the test set. The same seed gives the same split.
    public static func holdout(_ examples: [IntentExample], fraction: Double, seed: UInt64)
        -> (train: [IntentExample], test: [IntentExample]) {
        var random = SeededRandom(seed: seed)
        var order: [String] = []
        var groups: [String: [IntentExample]] = [:]
        for example in examples {
            if groups[example.intent] == nil { order.append(example.intent) }
            groups[example.intent, default: []].append(example)
        }
        var train: [IntentExample] = [], test: [IntentExample] = []
        for intent in order {
            let group = groups[intent]!.shuffled(using: &random)
            let count = min(group.count, Int((Double(group.count) * fraction).rounded()))
            test += group[..<count]
            train += group[count...]
        }
        return (train, test)
    }

    /// Trains on `train` (timed), then ``measure(_:on:)`` on `test`.
    public static func evaluate(train: [IntentExample], test: [IntentExample],
                                options: IntentClassifier.Options = .init()) throws(NLUError) -> IntentMetrics {
        try evaluateReturningClassifier(train: train, test: test, options: options).metrics
    }

    /// Like ``evaluate(train:test:options:)``, also returning the trained classifier
    /// (for its diagnostics: temperature, threshold, features).
    public static func evaluateReturningClassifier(train: [IntentExample], test: [IntentExample],
                                                   options: IntentClassifier.Options = .init())
        throws(NLUError) -> (metrics: IntentMetrics, classifier: IntentClassifier) {
        guard !test.isEmpty else { throw NLUError("no test examples") }
        let clock = ContinuousClock()
        let start = clock.now
        let classifier = try IntentClassifier(examples: train, options: options)
        let trainSeconds = seconds(clock.now - start)
        var metrics = try measure(classifier, on: test)
        metrics.trainSeconds = trainSeconds
        return (metrics, classifier)
    }

    /// Classifies every line of `test` one at a time, timing each with a monotonic clock
    /// on this thread, and scores the predictions (``IntentMetrics/trainSeconds`` is 0).
    public static func measure(_ classifier: IntentClassifier, on test: [IntentExample]) throws(NLUError) -> IntentMetrics {
        guard !test.isEmpty else { throw NLUError("no test examples") }
        let clock = ContinuousClock()
        var predicted: [String?] = []
        var micros: [Double] = []
        predicted.reserveCapacity(test.count)
        micros.reserveCapacity(test.count)
        for example in test {
            let t0 = clock.now
            let prediction = classifier.classify(example.text)
            micros.append(seconds(clock.now - t0) * 1e6)
            predicted.append(prediction.intent)
        }
        var metrics = IntentMetrics(predicted: predicted, gold: test.map(\.intent))
        micros.sort()
        metrics.classifyMicrosecondsP50 = micros[(micros.count - 1) / 2]
        metrics.classifyMicrosecondsP99 = micros[min(micros.count - 1, Int((Double(micros.count - 1) * 0.99).rounded()))]
        return metrics
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
