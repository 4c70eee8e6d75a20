/// How well an ``IntentClassifier`` did on a test set, in the units the benchmark
/// tables use. Encodes as a JSON object with snake_case keys; undefined figures (no
/// out-of-scope lines to recall, nothing predicted out of scope) are `null`.
public struct IntentMetrics: Sendable, Hashable, Codable {
    /// Test lines.
    public var examples: Int
    /// Over test lines whose gold intent is not `oos`: fraction predicted exactly
    /// (predicting out of scope counts as wrong).
    public var inScopeAccuracy: Double?
    /// Over `oos` test lines: fraction predicted out of scope.
    public var oosRecall: Double?
    /// Over lines predicted out of scope: fraction whose gold intent is `oos`.
    public var oosPrecision: Double?
    /// Mean F1 over the gold intents of the test set, `oos` being one class.
    public var macroF1: Double
    /// Training time (including calibration folds), seconds.
    public var trainSeconds: Double
    /// Median time to classify one utterance, microseconds.
    public var classifyMicrosecondsP50: Double
    /// 99th percentile time to classify one utterance, microseconds.
    public var classifyMicrosecondsP99: Double

    enum CodingKeys: String, CodingKey {
        case examples
        case inScopeAccuracy = "in_scope_accuracy"
        case oosRecall = "oos_recall"
        case oosPrecision = "oos_precision"
        case macroF1 = "macro_f1"
        case trainSeconds = "train_seconds"
        case classifyMicrosecondsP50 = "classify_us_p50"
        case classifyMicrosecondsP99 = "classify_us_p99"
    }

    /// Metrics from explicit figures.
    public init(examples: Int, inScopeAccuracy: Double?, oosRecall: Double?, oosPrecision: Double?, macroF1: Double,
                trainSeconds: Double, classifyMicrosecondsP50: Double, classifyMicrosecondsP99: Double) {
        self.examples = examples
        self.inScopeAccuracy = inScopeAccuracy
        self.oosRecall = oosRecall
        self.oosPrecision = oosPrecision
        self.macroF1 = macroF1
        self.trainSeconds = trainSeconds
        self.classifyMicrosecondsP50 = classifyMicrosecondsP50
        self.classifyMicrosecondsP99 = classifyMicrosecondsP99
    }

    /// Accuracy figures of `predicted` intents (nil: out of scope) against `gold` labels
    /// (`oos` for out of scope); the timing fields are left at zero.
    public init(predicted: [String?], gold: [String]) {
        precondition(predicted.count == gold.count, "one prediction per gold label")
        let oos = IntentPrediction.outOfScope
        let predictedLabels = predicted.map { $0 ?? oos }
        var inScope = 0, inScopeRight = 0, goldOOS = 0, predictedOOS = 0, bothOOS = 0
        var truePositive: [String: Int] = [:], predictedCount: [String: Int] = [:], goldCount: [String: Int] = [:]
        for (p, g) in zip(predictedLabels, gold) {
            goldCount[g, default: 0] += 1
            predictedCount[p, default: 0] += 1
            if p == g { truePositive[g, default: 0] += 1 }
            if g == oos {
                goldOOS += 1
                if p == oos { bothOOS += 1 }
            } else {
                inScope += 1
                if p == g { inScopeRight += 1 }
            }
            if p == oos { predictedOOS += 1 }
        }
        var f1Sum = 0.0
        for (label, support) in goldCount {
            let tp = Double(truePositive[label] ?? 0)
            let precision = tp / Double(max(1, predictedCount[label] ?? 0))
            let recall = tp / Double(support)
            f1Sum += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        }
        self.init(examples: gold.count,
                  inScopeAccuracy: inScope > 0 ? Double(inScopeRight) / Double(inScope) : nil,
                  oosRecall: goldOOS > 0 ? Double(bothOOS) / Double(goldOOS) : nil,
                  oosPrecision: predictedOOS > 0 ? Double(bothOOS) / Double(predictedOOS) : nil,
                  macroF1: goldCount.isEmpty ? 0 : f1Sum / Double(goldCount.count),
                  trainSeconds: 0, classifyMicrosecondsP50: 0, classifyMicrosecondsP99: 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(examples, forKey: .examples)
        try container.encode(inScopeAccuracy, forKey: .inScopeAccuracy)  // nil → null
        try container.encode(oosRecall, forKey: .oosRecall)
        try container.encode(oosPrecision, forKey: .oosPrecision)
        try container.encode(macroF1, forKey: .macroF1)
        try container.encode(trainSeconds, forKey: .trainSeconds)
        try container.encode(classifyMicrosecondsP50, forKey: .classifyMicrosecondsP50)
        try container.encode(classifyMicrosecondsP99, forKey: .classifyMicrosecondsP99)
    }
}
