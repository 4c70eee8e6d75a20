/// The training utterances as sparse rows of (feature hash, count), extracted once and
/// reused by every held-out fold and the final model.
struct FeatureCorpus: Sendable {
    /// Each row's distinct feature hashes, ascending.
    private(set) var hashes: [UInt64] = []
    /// How often each hash occurs in its utterance.
    private(set) var counts: [Float] = []
    /// Row r is `rowStart[r]..<rowStart[r + 1]`.
    private(set) var rowStart: [Int] = [0]

    var rowCount: Int { rowStart.count - 1 }

    /// Adds `text` as a row; returns its number of words (0: nothing to learn from).
    mutating func append(_ text: String, _ featurizer: IntentFeaturizer, scratch: inout [UInt64]) -> Int {
        scratch.removeAll(keepingCapacity: true)
        let words = featurizer.forEachFeature(text) { scratch.append($0) }
        scratch.sort()
        var i = 0
        while i < scratch.count {
            var j = i + 1
            while j < scratch.count && scratch[j] == scratch[i] { j += 1 }
            hashes.append(scratch[i])
            counts.append(Float(j - i))
            i = j
        }
        rowStart.append(hashes.count)
        return words
    }

    /// Calls `body` with row r's hashes and counts.
    func withRow<R>(_ r: Int, _ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<Float>) -> R) -> R {
        let range = rowStart[r]..<rowStart[r + 1]
        return hashes.withUnsafeBufferPointer { h in
            counts.withUnsafeBufferPointer { c in
                body(UnsafeBufferPointer(rebasing: h[range]), UnsafeBufferPointer(rebasing: c[range]))
            }
        }
    }
}
