import Foundation

/// A trained linear model over TF-IDF features: the feature table, the inverse document
/// frequencies, and the weights laid out feature-major (for each feature a contiguous
/// row of one weight per class), so scoring an utterance adds a few hundred short rows
/// into one score buffer.
struct LinearIntentModel: Sendable {
    let table: FeatureTable
    let idf: [Float]
    /// `weights[column * classCount + class]`.
    private(set) var weights: [Float]
    private(set) var bias: [Float]
    let classCount: Int
    let charWeight: Float
    /// The idf an unseen feature would have (document frequency 0), counted into the
    /// block norms when ``Settings/unknownInNorm`` is on; 0 when off.
    let unknownIDF: Float
    var unknownInNorm: Bool

    var columnCount: Int { idf.count }

    /// Hyperparameters of the features and of the machine.
    struct Settings: Sendable {
        var cost: Double
        var minDocumentFrequency: Int
        var tolerance: Double
        var maxPasses: Int
        var seed: UInt64
        var charWeight: Float = 1
        var outOfScopeWeight: Double = 1
        var unknownInNorm = false
    }

    /// Trains on `rows` of `corpus`, `labels[k]` being the class of `rows[k]`.
    init(corpus: FeatureCorpus, rows: [Int], labels: [Int32], classCount: Int, outOfScopeClass: Int, settings: Settings) {
        // Vocabulary and document frequencies from these rows only.
        var table = FeatureTable(capacity: 4096)
        var df: [Int32] = []
        for r in rows {
            corpus.withRow(r) { hashes, _ in
                for h in hashes {
                    let (column, inserted) = table.insert(h, column: Int32(df.count))
                    if inserted { df.append(1) } else { df[Int(column)] += 1 }
                }
            }
        }
        if settings.minDocumentFrequency > 1 {
            var pruned = FeatureTable(capacity: df.count / 2)
            var keptDF: [Int32] = []
            var pairs: [(UInt64, Int32)] = []
            table.forEach { pairs.append(($0, $1)) }
            pairs.sort { $0.1 < $1.1 }  // keep first-seen order: deterministic
            for (hash, column) in pairs where df[Int(column)] >= settings.minDocumentFrequency {
                _ = pruned.insert(hash, column: Int32(keptDF.count))
                keptDF.append(df[Int(column)])
            }
            table = pruned
            df = keptDF
        }
        let documents = Float(rows.count)
        let idf = df.map { log((1 + documents) / (1 + Float($0))) + 1 }
        self.table = table
        self.idf = idf
        self.classCount = classCount
        self.charWeight = settings.charWeight
        self.unknownIDF = log(1 + documents) + 1
        self.unknownInNorm = settings.unknownInNorm
        self.weights = []
        self.bias = []

        var training = LinearSVMTrainer.Rows()
        var columns = [Int32](), values = [Float]()
        for r in rows {
            corpus.withRow(r) { hashes, counts in
                if columns.count < hashes.count {
                    columns = Array(repeating: 0, count: hashes.count)
                    values = Array(repeating: 0, count: hashes.count)
                }
                let nnz = columns.withUnsafeMutableBufferPointer { c in
                    values.withUnsafeMutableBufferPointer { v in vectorize(hashes, counts, c, v) }
                }
                training.columns.append(contentsOf: columns[0..<nnz])
                training.values.append(contentsOf: values[0..<nnz])
                training.start.append(training.columns.count)
            }
        }
        let result = LinearSVMTrainer.train(training, labels: labels, classCount: classCount, columnCount: idf.count,
                                            cost: settings.cost, tolerance: settings.tolerance,
                                            maxPasses: settings.maxPasses, seed: settings.seed,
                                            weightedClass: outOfScopeClass, classWeight: settings.outOfScopeWeight)
        var featureMajor = [Float](repeating: 0, count: idf.count * classCount)
        let d = idf.count
        featureMajor.withUnsafeMutableBufferPointer { out in
            result.weights.withUnsafeBufferPointer { w in
                for c in 0..<classCount {
                    for f in 0..<d { out[f * classCount + c] = w[c * d + f] }
                }
            }
        }
        self.weights = featureMajor
        self.bias = result.bias
    }

    /// The TF-IDF vector of distinct, sorted `hashes` with their `counts`: sublinear term
    /// frequency (1 + ln tf) times idf, the word block and the character block each
    /// L2-normalized. Unknown features are dropped. Writes columns and values, returns
    /// how many.
    @inline(__always)
    func vectorize(_ hashes: UnsafeBufferPointer<UInt64>, _ counts: UnsafeBufferPointer<Float>,
                   _ columns: UnsafeMutableBufferPointer<Int32>, _ values: UnsafeMutableBufferPointer<Float>) -> Int {
        var coverage: Float = 0
        return vectorize(hashes, counts, columns, values, coverage: &coverage)
    }

    /// ``vectorize(_:_:_:_:)``, also giving the word block's coverage: the share of its
    /// squared TF-IDF mass made of features the model knows (unknown ones weighted with
    /// the idf of a feature seen nowhere).
    @inline(__always)
    func vectorize(_ hashes: UnsafeBufferPointer<UInt64>, _ counts: UnsafeBufferPointer<Float>,
                   _ columns: UnsafeMutableBufferPointer<Int32>, _ values: UnsafeMutableBufferPointer<Float>,
                   coverage: inout Float) -> Int {
        var n = 0
        var wordNorm: Float = 0, charNorm: Float = 0
        var unknownWord: Float = 0, unknownChar: Float = 0
        var wordCount = 0
        idf.withUnsafeBufferPointer { idf in
            // Word features (block bit clear) sort before character features.
            for k in 0..<hashes.count {
                let column = table.column(of: hashes[k])
                let tf = counts[k]
                if column < 0 {
                    let u = (tf > 1 ? 1 + log(tf) : 1) * unknownIDF
                    if hashes[k] & IntentFeaturizer.charBit == 0 { unknownWord += u * u } else { unknownChar += u * u }
                    continue
                }
                let v = (tf > 1 ? 1 + log(tf) : 1) * idf[Int(column)]
                columns[n] = column
                values[n] = v
                if hashes[k] & IntentFeaturizer.charBit == 0 {
                    wordNorm += v * v
                    wordCount += 1
                } else {
                    charNorm += v * v
                }
                n += 1
            }
        }
        coverage = wordNorm + unknownWord > 0 ? wordNorm / (wordNorm + unknownWord) : 0
        if unknownInNorm { wordNorm += unknownWord; charNorm += unknownChar }
        let wordScale = wordNorm > 0 ? 1 / wordNorm.squareRoot() : 0
        let charScale = charNorm > 0 ? charWeight / charNorm.squareRoot() : 0
        for k in 0..<n { values[k] *= k < wordCount ? wordScale : charScale }
        return n
    }

    /// Adds the bias and the weighted rows of the utterance's features to `scores`
    /// (classCount entries). `columns`/`values` are scratch space of `hashes.count`.
    @inline(__always)
    func score(_ hashes: UnsafeBufferPointer<UInt64>, _ counts: UnsafeBufferPointer<Float>,
               columns: UnsafeMutableBufferPointer<Int32>, values: UnsafeMutableBufferPointer<Float>,
               into scores: UnsafeMutableBufferPointer<Float>) -> Float {
        var coverage: Float = 0
        let n = vectorize(hashes, counts, columns, values, coverage: &coverage)
        let classes = classCount
        bias.withUnsafeBufferPointer { b in
            for c in 0..<classes { scores[c] = b[c] }
        }
        weights.withUnsafeBufferPointer { w in
            guard let base = w.baseAddress, let out = scores.baseAddress else { return }
            for k in 0..<n {
                let row = base + Int(columns[k]) * classes
                let v = values[k]
                for c in 0..<classes { out[c] += v * row[c] }
            }
        }
        return coverage
    }

    /// Scores row `r` of a corpus (for held-out evaluation).
    func score(row r: Int, of corpus: FeatureCorpus) -> (scores: [Float], coverage: Float) {
        var scores = [Float](repeating: 0, count: classCount)
        let coverage = corpus.withRow(r) { hashes, counts in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, hashes.count)) { columns in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, hashes.count)) { values in
                    scores.withUnsafeMutableBufferPointer { score(hashes, counts, columns: columns, values: values, into: $0) }
                }
            }
        }
        return (scores, coverage)
    }
}
