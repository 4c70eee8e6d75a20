/// A designer's list slot: canonical values, each with synonyms ("iphone" ← "i phone",
/// "apple phone").
///
/// Synonyms (and the value itself) are tokenized like the utterance and matched on whole
/// tokens, case-insensitively, longest synonym first, without overlaps. A multi-word
/// synonym also matches its words run together ("i phone" finds "iphone"), a hyphen counts
/// as a space ("i-phone"), and the last word may carry a plural "s" ("iphones").
///
/// Not handled: misspellings and other inflections, negation ("not the iphone" still finds
/// `iphone`).
struct ListMatcher: Sendable {
    struct Phrase: Sendable {
        var words: [String]
        var value: String
    }

    /// Phrases by first word, longest first.
    let phrases: [String: [Phrase]]

    init(_ values: [SlotType.ListValue]) {
        var table: [String: [Phrase]] = [:]
        var seen = Set<[String]>()
        func add(_ words: [String], _ value: String) {
            guard let first = words.first, seen.insert(words).inserted else { return }
            table[first, default: []].append(Phrase(words: words, value: value))
        }
        for v in values {
            for synonym in [v.value] + v.synonyms {
                let words = EntityTokenizer.tokenize(synonym).filter { $0.text != "-" }.map(\.text)
                add(words, v.value)
                if words.count > 1, words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber } }) {
                    add([words.joined()], v.value)
                }
            }
        }
        for k in table.keys { table[k]!.sort { $0.words.count > $1.words.count } }
        phrases = table
    }

    func find(_ ctx: EntityContext) -> [EntitySpan] {
        // Tokens without glued hyphens, remembering where each came from.
        var words: [String] = []
        var index: [Int] = []
        words.reserveCapacity(ctx.count)
        for (n, t) in ctx.tokens.enumerated() where !(t.text == "-" && t.kind == .symbol) {
            words.append(t.text)
            index.append(n)
        }
        var out: [EntitySpan] = []
        var i = 0
        outer: while i < words.count {
            let w = words[i]
            var candidates = phrases[w] ?? []
            if w.hasSuffix("s"), w.count > 3, let more = phrases[String(w.dropLast())] {
                candidates = (candidates + more).sorted { $0.words.count > $1.words.count }
            }
            for p in candidates {
                let n = p.words.count
                guard i + n <= words.count else { continue }
                var ok = true
                for (m, pw) in p.words.enumerated() {
                    let tw = words[i + m]
                    if tw == pw { continue }
                    if m == n - 1, tw.count > 3, tw.hasSuffix("s"), tw.dropLast() == pw { continue }
                    ok = false
                    break
                }
                guard ok else { continue }
                out.append(EntitySpan(start: index[i], end: index[i + n - 1] + 1, value: p.value, spoken: nil))
                i += n
                continue outer
            }
            i += 1
        }
        return out
    }
}
