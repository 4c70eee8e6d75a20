/// Word error rate: substitutions + deletions + insertions over the reference's words,
/// after both texts are normalized the same way (``TextNormalizer``).
public struct WordErrorRate: Sendable, Equatable {
    public private(set) var errors = 0
    public private(set) var words = 0
    public private(set) var sentences = 0
    public private(set) var correctSentences = 0

    public init() {}

    /// The rate in 0…1 (errors per reference word).
    public var rate: Double { words == 0 ? 0 : Double(errors) / Double(words) }
    /// Share of sentences recognized without any error.
    public var sentenceAccuracy: Double { sentences == 0 ? 0 : Double(correctSentences) / Double(sentences) }

    /// Scores one hypothesis; returns its errors.
    @discardableResult
    public mutating func add(reference: String, hypothesis: String) -> Int {
        let r = TextNormalizer.words(reference)
        let e = Self.editDistance(r, TextNormalizer.words(hypothesis))
        errors += e
        words += r.count
        sentences += 1
        if e == 0 { correctSentences += 1 }
        return e
    }

    /// Levenshtein distance between two word sequences.
    public static func editDistance(_ a: [String], _ b: [String]) -> Int {
        var row = Array(0...b.count)
        for i in stride(from: 1, through: a.count, by: 1) {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
