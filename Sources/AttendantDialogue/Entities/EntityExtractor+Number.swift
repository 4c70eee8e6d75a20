extension EntityExtractor {
    /// Words before "one" that make it a pronoun ("the blue one", "that one"), not a number.
    static let pronounOneBefore: Set<String> = [
        "the", "this", "that", "which", "a", "an", "each", "any", "every", "no", "another",
        "other", "some", "someone", "anyone", "everyone", "no-one", "same", "right", "wrong",
    ]
    /// Words before a clause-final "one" that ask for a quantity ("give me one", "just one");
    /// after any other word ("the blue one", "a new one") it is a pronoun.
    static let quantityOneBefore: Set<String> = [
        "need", "want", "have", "get", "buy", "order", "take", "give", "me", "us", "just", "only", "like",
        "is", "it's", "about", "to", "for", "of", "and", "or", "with", "was", "bought", "ordered", "got",
        "had", "add", "send", "make", "number", "than", "at", "by", "plus", "minus", "times", "be", "are",
    ]

    /// Numbers: spoken digit strings ("four five six seven" → `4567`, kept as said, so
    /// "oh seven" → `07`), spoken cardinals ("twenty three", "one hundred and five",
    /// "two thousand twenty", "a hundred"), spoken decimals ("three point five"), typed
    /// integers ("23", "1,250" → `1250`) and decimals ("12.5").
    ///
    /// Not handled: negative numbers, fractions ("a half"), "a couple", ordinals (they
    /// are dates' business), and words glued to letters ("abc123").
    static func findNumbers(_ ctx: EntityContext) -> [EntitySpan] {
        let tokens = ctx.tokens
        var out: [EntitySpan] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.kind == .number || t.isWord else { i += 1; continue }
            // A string of single digits: "four five six seven", "4 8 2 1 3".
            if let d = NumberWords.readDigits(tokens, at: i, chunks: false), d.digits.utf8.count >= 2,
               !(t.text == "oh" && d.items < 3) {
                out.append(EntitySpan(start: i, end: d.end, value: d.digits, spoken: NumberWords.spellDigits(d.digits)))
                i = d.end
                continue
            }
            if t.kind == .number {
                // Typed: keep long or zero-led digit strings as they are.
                if t.isDigits, t.text.utf8.count > 1, t.text.utf8.first == 48 || t.text.utf8.count > 15 {
                    out.append(EntitySpan(start: i, end: i + 1, value: t.text, spoken: NumberWords.spellDigits(t.text)))
                    i += 1
                    continue
                }
                if let dec = NumberWords.typedDecimal(t.text), !dec.fraction.isEmpty {
                    out.append(EntitySpan(start: i, end: i + 1, value: "\(dec.integer).\(dec.fraction)",
                                          spoken: NumberWords.spell(dec.integer) + " point " + NumberWords.spellDigits(dec.fraction)))
                    i += 1
                    continue
                }
            }
            if let c = NumberWords.readCardinal(tokens, at: i) {
                if c.end == i + 1, t.text == "one", i > 0, !ctx.isBoundary(i - 1),
                   pronounOneBefore.contains(ctx.word(i - 1))
                    || (!quantityOneBefore.contains(ctx.word(i - 1))
                        && (ctx.isBoundary(i + 1) || ["please", "thanks", "then", "instead", "too"].contains(ctx.word(i + 1)))) {
                    i += 1
                    continue
                }
                var end = c.end
                var value = String(c.value)
                var spoken = NumberWords.spell(c.value)
                if ctx.word(end) == "point", let d = NumberWords.readDigits(tokens, at: end + 1, chunks: false) {
                    value += "." + d.digits
                    spoken += " point " + NumberWords.spellDigits(d.digits)
                    end = d.end
                }
                out.append(EntitySpan(start: i, end: end, value: value, spoken: spoken))
                i = end
                continue
            }
            i += 1
        }
        return out
    }
}
