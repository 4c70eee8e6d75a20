import Foundation

/// What the classifier learns from its own held-out folds: the softmax temperature that
/// makes confidences honest probabilities, and the confidence below which an utterance
/// is called out of scope.
struct HeldOutCalibration: Sendable {
    /// One held-out utterance scored by a fold model that never saw it.
    struct Item: Sendable {
        enum Kind: Sendable { case inScope, outOfScope, heldOutIntent }
        var scores: [Float]
        /// The gold class in the fold model (in-scope and real out-of-scope items), else -1.
        var gold: Int
        var kind: Kind
        /// The fold model's out-of-scope class, or -1 when it has none.
        var outOfScopeClass: Int
        /// Share of the word block's mass the fold model knows.
        var coverage: Double = 1
    }

    var temperature: Double
    var threshold: Double
    var coverageThreshold = 0.0
    var summary = ""
    /// Share of the held-out in-scope utterances classified right and kept.
    var inScopeKept = 0.0
    /// Share of the held-out intents' utterances rejected.
    var pseudoRecall = 0.0
    /// Share of the held-out in-scope utterances classified right (before rejection).
    var inScopeAccuracy = 0.0

    /// Softmax of `scores / temperature`: the best class, the best in-scope class and
    /// its probability.
    static func decide(_ scores: [Float], temperature: Double, outOfScopeClass: Int) -> (best: Int, inScope: Int, probability: Double) {
        let t = Float(temperature)
        var top = 0
        for c in scores.indices where scores[c] > scores[top] { top = c }
        var bestInScope = -1
        var sum: Float = 0
        for c in scores.indices {
            sum += exp((scores[c] - scores[top]) / t)
            if c != outOfScopeClass && (bestInScope < 0 || scores[c] > scores[bestInScope]) { bestInScope = c }
        }
        return (top, bestInScope, Double(exp((scores[bestInScope] - scores[top]) / t) / sum))
    }

    /// The score statistic thresholded: the best intent's score, minus the out-of-scope
    /// class's score when there is one.
    static func margin(_ scores: [Float], _ best: Int, _ outOfScopeClass: Int) -> Double {
        Double(scores[best] - (outOfScopeClass >= 0 ? scores[outOfScopeClass] : 0))
    }

    /// Mean negative log-likelihood of the gold classes at `temperature`.
    static func loss(_ items: [Item], temperature: Double) -> Double {
        let t = Float(temperature)
        var total = 0.0
        for item in items {
            let top = item.scores.max() ?? 0
            var sum: Float = 0
            for s in item.scores { sum += exp((s - top) / t) }
            total += Double(log(sum) - (item.scores[item.gold] - top) / t)
        }
        return total / Double(max(1, items.count))
    }

    /// Fits the temperature (golden-section search on its logarithm) and then the
    /// out-of-scope threshold: the confidence cut that maximizes, over the held-out
    /// items, in-scope accuracy (a rejected in-scope utterance counts as wrong) plus
    /// a weight × out-of-scope recall: `outOfScopeWeight` when there are real
    /// out-of-scope examples (they and the held-out intents each count for half of the
    /// recall), else `heldOutIntentWeight` for the held-out intents alone; never
    /// rejecting more than `maxInScopeLoss` of the held-out in-scope utterances.
    init(items: [Item], outOfScopeWeight: Double, heldOutIntentWeight: Double, maxInScopeLoss: Double, onScore: Bool,
         coverageQuantile: Double = 0) {
        var fitting = items.filter { $0.gold >= 0 }
        if fitting.count > 4000 {  // a deterministic subsample is plenty for one parameter
            let step = Double(fitting.count) / 4000
            fitting = (0..<4000).map { fitting[Int(Double($0) * step)] }
        }
        var lo = log(0.005), hi = log(5.0)
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo)
        var fa = Self.loss(fitting, temperature: exp(a)), fb = Self.loss(fitting, temperature: exp(b))
        for _ in 0..<30 {
            if fa < fb {
                hi = b; b = a; fb = fa
                a = hi - ratio * (hi - lo)
                fa = Self.loss(fitting, temperature: exp(a))
            } else {
                lo = a; a = b; fa = fb
                b = lo + ratio * (hi - lo)
                fb = Self.loss(fitting, temperature: exp(b))
            }
        }
        temperature = fitting.isEmpty ? 1 : exp((lo + hi) / 2)

        // Coverage threshold: a low quantile of the held-out in-scope utterances' coverage.
        if coverageQuantile > 0 {
            let coverages = items.filter { $0.kind == .inScope }.map(\.coverage).sorted()
            if !coverages.isEmpty {
                let k = min(coverages.count - 1, Int(Double(coverages.count) * coverageQuantile))
                coverageThreshold = coverages[k]
            }
        }
        let coverageThreshold = coverageThreshold
        // Threshold sweep.
        let inScope = items.filter { $0.kind == .inScope }.count
        let real = items.filter { $0.kind == .outOfScope }.count
        let pseudo = items.filter { $0.kind == .heldOutIntent }.count
        let realShare = real == 0 ? 0.0 : pseudo == 0 ? 1.0 : 0.5
        struct Point { var p: Double; var gainIfRejected: Double }
        var points: [Point] = []
        var gain = 0.0  // objective with nothing rejected by the threshold
        for item in items {
            let (best, inScopeBest, probability) = Self.decide(item.scores, temperature: temperature,
                                                                outOfScopeClass: item.outOfScopeClass)
            let p = onScore ? Self.margin(item.scores, inScopeBest, item.outOfScopeClass) : probability
            let rejectedByClass = best == item.outOfScopeClass || item.coverage < coverageThreshold
            switch item.kind {
            case .inScope:
                let w = 1 / Double(inScope)
                if !rejectedByClass && best == item.gold { gain += w; points.append(Point(p: p, gainIfRejected: -w)) }
            case .outOfScope, .heldOutIntent:
                // With real out-of-scope examples, they and the held-out intents share
                // `outOfScopeWeight`; without, the held-out intents weigh `heldOutIntentWeight`.
                let w = item.kind == .outOfScope ? outOfScopeWeight * realShare / Double(real)
                    : (real > 0 ? outOfScopeWeight * (1 - realShare) : heldOutIntentWeight) / Double(pseudo)
                if rejectedByClass { gain += w } else { points.append(Point(p: p, gainIfRejected: w)) }
            }
        }
        points.sort { $0.p < $1.p }
        var bestGain = gain, bestThreshold = -Double.infinity
        var k = 0
        var lost = 0.0  // share of the held-out in-scope utterances the threshold rejects
        while k < points.count {
            var j = k
            while j < points.count && points[j].p == points[k].p {
                gain += points[j].gainIfRejected
                if points[j].gainIfRejected < 0 { lost -= points[j].gainIfRejected }
                j += 1
            }
            if lost > maxInScopeLoss + 1e-12 { break }
            if gain > bestGain + 1e-12 {
                bestGain = gain
                bestThreshold = j < points.count ? (points[k].p + points[j].p) / 2 : points[k].p + 1e-6
            }
            k = j
        }
        threshold = items.isEmpty || bestThreshold == -.infinity ? (onScore ? -.infinity : 0) : bestThreshold
        var correct = 0, kept = 0, pseudoRejected = 0, realRejected = 0
        for item in items {
            let (best, inScopeBest, probability) = Self.decide(item.scores, temperature: temperature,
                                                                outOfScopeClass: item.outOfScopeClass)
            let p = onScore ? Self.margin(item.scores, inScopeBest, item.outOfScopeClass) : probability
            let rejected = best == item.outOfScopeClass || p < threshold || item.coverage < coverageThreshold
            switch item.kind {
            case .inScope: if best == item.gold { correct += 1; if !rejected { kept += 1 } }
            case .outOfScope: if rejected { realRejected += 1 }
            case .heldOutIntent: if rejected { pseudoRejected += 1 }
            }
        }
        inScopeKept = inScope == 0 ? 0 : Double(kept) / Double(inScope)
        inScopeAccuracy = inScope == 0 ? 0 : Double(correct) / Double(inScope)
        pseudoRecall = pseudo == 0 ? 0 : Double(pseudoRejected) / Double(pseudo)
        func pc(_ a: Int, _ b: Int) -> String { b == 0 ? "n/a" : String(format: "%.1f %%", 100 * Double(a) / Double(b)) }
        summary = "held-out in-scope \(inScope): accuracy \(pc(correct, inScope)), kept \(pc(kept, inScope)); "
            + "held-out intents \(pseudo): rejected \(pc(pseudoRejected, pseudo)); oos \(real): rejected \(pc(realRejected, real)); coverage threshold \(String(format: "%.3f", coverageThreshold))"
    }
}
