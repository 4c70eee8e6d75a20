import ArgumentParser
import AttendantDialogue
import Foundation

/// `attendant nlu …`: the intent classifier on its own.
struct NLUCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nlu", abstract: "Intent classifier tools.",
        subcommands: [NLUEvaluate.self])
}

/// `attendant nlu evaluate`: trains the intent classifier on one JSON Lines file and
/// measures it on another (or on a held-out share of the same file).
struct NLUEvaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Train the intent classifier and measure accuracy, out-of-scope detection and speed.",
        discussion: """
            Files are JSON Lines, one {"text": ..., "intent": ...} per line; the intent "oos" \
            marks out-of-scope utterances. Without --test, --holdout splits the training file \
            (per intent, shuffled with --seed).
            """)

    @Option(name: .long, help: "Training examples (JSON Lines).")
    var train: String

    @Option(name: .long, help: "Test examples (JSON Lines).")
    var test: String?

    @Option(name: .long, help: "Without --test: the share of each intent of the training file held out for testing.")
    var holdout: Double?

    @Option(name: .long, help: "Seed of the --holdout split.")
    var seed: UInt64 = 42

    @Flag(name: .long, help: "Print one JSON object (snake_case keys) instead of a table.")
    var json = false

    @Option(name: .long, help: "Classifier: SVM cost C.")
    var cost: Double = IntentClassifier.Options().cost

    @Option(name: .long, help: "Classifier: held-out folds for calibration and the out-of-scope threshold.")
    var folds: Int = IntentClassifier.Options().folds

    @Option(name: .long, help: "Classifier: weight of out-of-scope recall against in-scope accuracy when choosing the threshold.")
    var oosWeight: Double = IntentClassifier.Options().outOfScopeWeight

    @Option(name: .long, help: "Classifier: the same weight when the training file has no oos examples (held-out intents only).")
    var heldOutIntentWeight: Double = IntentClassifier.Options().heldOutIntentWeight

    @Option(name: .long, help: "Classifier: longest character n-gram.")
    var maxChar: Int = IntentClassifier.Options().charNGrams.upperBound

    @Option(name: .long, help: "Classifier: shortest character n-gram.")
    var minChar: Int = IntentClassifier.Options().charNGrams.lowerBound

    @Option(name: .long, help: "Classifier: most of the held-out in-scope utterances the threshold may reject.")
    var maxInScopeLoss: Double = IntentClassifier.Options().maxInScopeLoss

    @Option(name: .long, help: "Classifier: share of intents each fold holds out whole.")
    var heldOutIntentShare: Double = IntentClassifier.Options().heldOutIntentShare

    @Option(name: .long, help: "Classifier: count features the model never saw in an utterance's norm (true/false).")
    var unknownInNorm: Bool = IntentClassifier.Options().unknownFeaturesInNorm

    @Option(name: .long, help: "Classifier: share of held-out in-scope utterances the word-coverage rule may reject (0: off).")
    var coverageQuantile: Double = IntentClassifier.Options().coverageQuantile

    var options: IntentClassifier.Options {
        var o = IntentClassifier.Options()
        o.cost = cost
        o.folds = folds
        o.outOfScopeWeight = oosWeight
        o.heldOutIntentWeight = heldOutIntentWeight
        o.charNGrams = minChar...max(minChar, maxChar)
        o.maxInScopeLoss = maxInScopeLoss
        o.heldOutIntentShare = heldOutIntentShare
        o.unknownFeaturesInNorm = unknownInNorm
        o.coverageQuantile = coverageQuantile
        return o
    }

    func validate() throws {
        if test != nil && holdout != nil { throw ValidationError("give either --test FILE or --holdout FRACTION, not both") }
        if test == nil && holdout == nil { throw ValidationError("give --test FILE, or --holdout FRACTION to split the training file") }
        if let holdout, !(holdout > 0 && holdout < 1) { throw ValidationError("--holdout \(holdout): must be between 0 and 1") }
    }

    func run() async throws {
        let (metrics, classifier) = try Self.measure(train: train, test: test, holdout: holdout, seed: seed, options: options)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(metrics), as: UTF8.self))
        } else {
            func percent(_ x: Double?) -> String { x.map { format(100 * $0, 1) + " %" } ?? "n/a" }
            let source = test ?? "\(format(100 * (holdout ?? 0), 0)) % of \(train) held out (seed \(seed))"
            print("intent classifier: trained on \(train), tested on \(source)")
            print("  test examples       \(metrics.examples)")
            print("  in-scope accuracy   \(percent(metrics.inScopeAccuracy))")
            print("  oos recall          \(percent(metrics.oosRecall))")
            print("  oos precision       \(percent(metrics.oosPrecision))")
            print("  macro F1            \(percent(metrics.macroF1))")
            print("  training            \(format(metrics.trainSeconds, 3)) s")
            print("  classify p50 / p99  \(format(metrics.classifyMicrosecondsP50, 1)) / \(format(metrics.classifyMicrosecondsP99, 1)) µs")
            print("  model               \(classifier.intents.count) intents\(classifier.hasOutOfScopeClass ? " + oos class" : ""), \(classifier.featureCount) features, temperature \(format(classifier.temperature, 4)), oos threshold \(format(classifier.outOfScopeThreshold, 4))")
            print("  calibration         \(classifier.calibrationSummary)")
        }
    }

    /// Loads, splits, trains and measures. Kept out of `run()` (not inlined): Swift 6.3.1
    /// release builds have crashed compiling typed throws inlined into an async run().
    @inline(never)
    static func measure(train: String, test: String?, holdout: Double?, seed: UInt64,
                        options: IntentClassifier.Options) throws -> (IntentMetrics, IntentClassifier) {
        var training = try IntentEvaluation.load(train)
        let testing: [IntentExample]
        if let test {
            testing = try IntentEvaluation.load(test)
        } else {
            (training, testing) = IntentEvaluation.holdout(training, fraction: holdout ?? 0.1, seed: seed)
            guard !testing.isEmpty else { throw NLUError("--holdout \(holdout ?? 0) leaves no test examples in \(train)") }
        }
        return try IntentEvaluation.evaluateReturningClassifier(train: training, test: testing, options: options)
    }
}
