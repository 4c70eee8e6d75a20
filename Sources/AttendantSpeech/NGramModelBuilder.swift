import Foundation

/// Builds a backoff trigram language model in ARPA format from sentences.
///
/// Smoothing is absolute discounting with Katz-style backoff: a seen n-gram keeps
/// `(c − D) / c(h)`, the mass taken off goes to the lower order through the backoff
/// weight `α(h)`, computed so every distribution sums to one. Unigrams are add-δ
/// smoothed so every vocabulary word can be recognized anywhere.
///
/// A designer's phrase list is small and close to a grammar, so the defaults keep most
/// of the mass on the phrases (D = 0.1, δ = 0.05). Ney's corpus estimate
/// `n1 / (n1 + 2 n2)` gives D ≈ 0.8 here, and measured on the sample phrases spoken by
/// espeak-ng voices that costs 9 points of WER (15.8 % against 6.7 %, `attendant bench
/// asr`), while paraphrases not in the list are recognized no worse.
public struct NGramModelBuilder: Sendable {
    public static let sentenceStart = "<s>"
    public static let sentenceEnd = "</s>"

    private var counts: [[[String]: Int]] = [[:], [:], [:]]  // order 1, 2, 3

    /// Absolute discount taken from every seen bigram and trigram count.
    public var discount: Double
    /// Count added to every unigram.
    public var unigramDelta: Double

    public init(discount: Double = 0.1, unigramDelta: Double = 0.05) {
        self.discount = discount
        self.unigramDelta = unigramDelta
    }

    /// Adds one sentence (already normalized words, no markers).
    public mutating func add(_ words: [String]) {
        guard !words.isEmpty else { return }
        let tokens = [Self.sentenceStart] + words + [Self.sentenceEnd]
        for i in tokens.indices {
            for n in 1...3 where i + n <= tokens.count {
                counts[n - 1][Array(tokens[i..<i + n]), default: 0] += 1
            }
        }
    }

    /// The vocabulary (without sentence markers), sorted.
    public var vocabulary: [String] {
        counts[0].keys.map { $0[0] }.filter { $0 != Self.sentenceStart && $0 != Self.sentenceEnd }.sorted()
    }

    /// The model as ARPA text.
    public func arpa() -> String {
        // Unigrams: add-δ over the vocabulary and </s>; <s> gets no probability of its own.
        let unigramTokens = counts[0].keys.map { $0[0] }.filter { $0 != Self.sentenceStart }
        let delta = unigramDelta
        let unigramTotal = unigramTokens.reduce(0.0) { $0 + Double(counts[0][[$1]] ?? 0) + delta }
        var prob: [[String]: Double] = [:]
        for w in unigramTokens { prob[[w]] = (Double(counts[0][[w]] ?? 0) + delta) / unigramTotal }

        var backoff: [[String]: Double] = [:]
        // Lower-order probability of `ngram`, following backoff weights.
        func lower(_ ngram: ArraySlice<String>) -> Double {
            if let p = prob[Array(ngram)] { return p }
            if ngram.count == 1 { return 0 }
            let history = Array(ngram.dropLast())
            return (backoff[history] ?? 1) * lower(ngram.dropFirst())
        }
        for order in 2...3 {
            let table = counts[order - 1]
            let discount = self.discount
            var historyTotals: [[String]: (count: Int, types: Int)] = [:]
            for (ngram, c) in table {
                let h = Array(ngram.dropLast())
                historyTotals[h, default: (0, 0)].count += c
                historyTotals[h, default: (0, 0)].types += 1
            }
            var seenLower: [[String]: Double] = [:]
            for (ngram, c) in table {
                let h = Array(ngram.dropLast())
                let total = Double(historyTotals[h]!.count)
                prob[ngram] = (Double(c) - discount) / total
                seenLower[h, default: 0] += lower(ngram.dropFirst())
            }
            for (h, totals) in historyTotals {
                let left = discount * Double(totals.types) / Double(totals.count)
                let denominator = max(1e-9, 1 - (seenLower[h] ?? 0))
                backoff[h] = left / denominator
            }
        }

        var out = "\\data\\\n"
        let grams = (1...3).map { n in prob.keys.filter { $0.count == n }.sorted { $0.lexicographicallyPrecedes($1) } }
        // <s> is a unigram too (probability -99), as ARPA readers expect.
        out += "ngram 1=\(grams[0].count + 1)\n"
        out += "ngram 2=\(grams[1].count)\nngram 3=\(grams[2].count)\n"
        func fmt(_ x: Double) -> String { String(format: "%.5f", x) }
        out += "\n\\1-grams:\n"
        out += "-99.00000 \(Self.sentenceStart) \(fmt(log10(backoff[[Self.sentenceStart]] ?? 1)))\n"
        for g in grams[0] {
            out += "\(fmt(log10(prob[g]!))) \(g[0])"
            if let b = backoff[g] { out += " \(fmt(log10(b)))" }
            out += "\n"
        }
        for n in 2...3 {
            out += "\n\\\(n)-grams:\n"
            for g in grams[n - 1] {
                out += "\(fmt(log10(prob[g]!))) \(g.joined(separator: " "))"
                if n < 3, let b = backoff[g] { out += " \(fmt(log10(b)))" }
                out += "\n"
            }
        }
        out += "\n\\end\\\n"
        return out
    }
}
