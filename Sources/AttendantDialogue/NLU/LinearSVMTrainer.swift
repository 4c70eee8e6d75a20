/// One-vs-rest linear support vector machines with the squared hinge loss, trained by
/// dual coordinate descent with shrinking (Hsieh et al. 2008, the method behind
/// liblinear): for each class, walk the examples in random order and move one dual
/// variable at a time to its optimum, dropping examples that sit comfortably on the
/// right side of the margin. Converges in a few passes over sparse text features.
enum LinearSVMTrainer {
    /// Sparse training rows (compressed rows).
    struct Rows {
        var start: [Int] = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        var count: Int { start.count - 1 }
    }

    /// Trained weights, class-major: `weights[c * columnCount + f]`; plus a bias per
    /// class (the weight of a constant feature of value `biasValue`, regularized like
    /// the others).
    struct Result {
        var weights: [Float]
        var bias: [Float]
    }

    static let biasValue: Float = 1

    /// Trains `classCount` binary machines on `rows` with labels in 0..<classCount.
    static func train(_ rows: Rows, labels: [Int32], classCount: Int, columnCount: Int,
                      cost: Double, tolerance: Double, maxPasses: Int, seed: UInt64,
                      weightedClass: Int = -1, classWeight: Double = 1) -> Result {
        let n = rows.count
        var weights = [Float](repeating: 0, count: classCount * columnCount)
        var bias = [Float](repeating: 0, count: classCount)
        // Per-example diagonal 1/(2C·weight): examples of the weighted class cost more.
        let diagonals = labels.map { Float(0.5 / (cost * (Int($0) == weightedClass ? classWeight : 1))) }
        var squaredNorm = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let diagonal = diagonals[i]
            var s: Float = biasValue * biasValue
            for k in rows.start[i]..<rows.start[i + 1] { s += rows.values[k] * rows.values[k] }
            squaredNorm[i] = s + diagonal
        }
        var alpha = [Float](repeating: 0, count: n)
        var order = [Int](repeating: 0, count: n)
        var w = [Float](repeating: 0, count: columnCount)
        var random = SeededRandom(seed: seed)
        rows.start.withUnsafeBufferPointer { start in
            rows.columns.withUnsafeBufferPointer { columns in
                rows.values.withUnsafeBufferPointer { values in
                    for c in 0..<classCount {
                        for i in 0..<n { alpha[i] = 0; order[i] = i }
                        for f in 0..<columnCount { w[f] = 0 }
                        var b: Float = 0
                        var active = n
                        var maxOld = Float.infinity
                        var pass = 0
                        w.withUnsafeMutableBufferPointer { w in
                            while pass < maxPasses {
                                pass += 1
                                var pgMax = -Float.infinity, pgMin = Float.infinity
                                for s in 0..<active {
                                    let j = s + Int(random.next() % UInt64(active - s))
                                    order.swapAt(s, j)
                                }
                                var s = 0
                                while s < active {
                                    let i = order[s]
                                    let y: Float = labels[i] == Int32(c) ? 1 : -1
                                    var dot = b * biasValue
                                    for k in start[i]..<start[i + 1] { dot += w[Int(columns[k])] * values[k] }
                                    let g = y * dot - 1 + diagonals[i] * alpha[i]
                                    var pg: Float = 0
                                    if alpha[i] == 0 {
                                        if g > maxOld {
                                            active -= 1
                                            order.swapAt(s, active)
                                            continue
                                        }
                                        if g < 0 { pg = g }
                                    } else {
                                        pg = g
                                    }
                                    pgMax = max(pgMax, pg)
                                    pgMin = min(pgMin, pg)
                                    if abs(pg) > 1e-12 {
                                        let old = alpha[i]
                                        alpha[i] = max(old - g / squaredNorm[i], 0)
                                        let d = (alpha[i] - old) * y
                                        for k in start[i]..<start[i + 1] { w[Int(columns[k])] += d * values[k] }
                                        b += d * biasValue
                                    }
                                    s += 1
                                }
                                if Double(pgMax - pgMin) <= tolerance {
                                    if active == n { break }
                                    active = n
                                    maxOld = .infinity
                                    continue
                                }
                                maxOld = pgMax > 0 ? pgMax : .infinity
                            }
                        }
                        for f in 0..<columnCount { weights[c * columnCount + f] = w[f] }
                        bias[c] = b * biasValue
                    }
                }
            }
        }
        return Result(weights: weights, bias: bias)
    }
}
