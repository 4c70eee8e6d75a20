// Design note — SentimentAnalyzer
//
// Lexicon-based, in the spirit of rule-based valence scorers: every known word or phrase
// (SentimentLexicon, about 350 words and 120 phrases picked for customer-service calls)
// contributes its valence (about -4…+4), adjusted by its context, and the sum is squashed
// into -1…1 with x / sqrt(x² + 15).
//
// Context rules, in order of application to one sentiment word:
// - Intensifiers and dampeners within the two words before ("very", "extremely", "so",
//   "a bit", "slightly", "kind of") multiply it (×1.1…1.5, ×0.5…0.9). Under a negation an
//   intensifier softens instead: "not very happy" is milder than "not happy".
// - Negation ("not", "never", "n't" words, "no", "without", "hardly") flips words within
//   the next three words, stopping at punctuation and "but": a positive word becomes
//   -0.75× ("not happy"), a negative one +0.5× ("not bad" is only mildly good). Phrases
//   that carry their own negation ("not working", "never received") are looked up first.
//   "at all" after a negated word strengthens it ×1.35: "not happy at all" < "not happy".
// - "but"/"however": what came before counts half, what comes after ×1.5.
// - Typed emphasis: a sentiment word in capitals (≥ 2 letters) ×1.4; each "!" (up to three)
//   pushes the total 0.3 further from zero; a typed message of three or more words all in
//   capitals with no sentiment words counts as shouting (-1.5).
//
// Labels: score ≥ 0.25 → positive, score ≤ -0.25 → negative, otherwise neutral. With the
// squash, one mild word ("okay" 0.6 → 0.15) stays neutral, one clear word ("good" 1.9 →
// 0.44, "annoyed" -2.0 → -0.46) crosses a threshold.
//
// Not handled: sarcasm ("great, just great"), comparatives against a third party, emoji,
// languages other than English, and who the feeling is about.

/// Scores how a caller sounds in one utterance (typed or recognized speech).
///
/// Pure and cheap (one pass over the words); create one and share it.
public struct SentimentAnalyzer: Sendable {
    /// Score at or above which an utterance is ``Sentiment/Label/positive``.
    public static let positiveThreshold = 0.25
    /// Score at or below which an utterance is ``Sentiment/Label/negative``.
    public static let negativeThreshold = -0.25

    /// Creates an analyzer with the built-in English lexicon.
    public init() {}

    /// The sentiment of `text`: a score in -1…1 and its label (see the thresholds).
    public func analyze(_ text: String) -> Sentiment {
        let tokens = EntityTokenizer.tokenize(text)
        guard !tokens.isEmpty else { return .neutral }
        var contributions: [Double] = []
        var afterBut = false
        var negationLeft = 0 // words still in a negation's scope
        var modifier = 1.0
        var modifierLeft = 0
        var lastNegatedIndex = -1 // contribution index of the last negated word
        var lastNegatedAt = -10
        var exclamations = 0
        var wordCount = 0, capsWords = 0
        var sentimentWords = 0

        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .symbol {
                if t.text == "!" { exclamations += 1 }
                if ".,;:!?".contains(t.text) { negationLeft = 0; modifierLeft = 0 }
                i += 1
                continue
            }
            let w = t.text
            if t.kind == .word {
                wordCount += 1
                if t.isUpper && w.count >= 2 { capsWords += 1 }
            }
            // "but": the part after it decides.
            if w == "but" || w == "however" {
                for k in contributions.indices { contributions[k] *= 0.5 }
                afterBut = true
                negationLeft = 0
                modifierLeft = 0
                i += 1
                continue
            }
            // "at all" strengthens a recent negation.
            if w == "at", i + 1 < tokens.count, tokens[i + 1].text == "all" {
                if lastNegatedIndex >= 0, i - lastNegatedAt <= 3 { contributions[lastNegatedIndex] *= 1.35 }
                i += 2
                continue
            }
            // Phrases first: they may carry their own negation.
            if let list = SentimentLexicon.phrases[w] {
                var matched: (words: [String], value: Double)?
                for p in list where i + p.words.count <= tokens.count {
                    var ok = true
                    for (n, pw) in p.words.enumerated() where tokens[i + n].text != pw { ok = false; break }
                    if ok { matched = p; break }
                }
                if let p = matched {
                    let startsNegated = SentimentLexicon.negators.contains(p.words[0])
                    var v = p.value * (modifierLeft > 0 ? modifier : 1)
                    if negationLeft > 0 && !startsNegated { v = v > 0 ? -0.75 * v : -0.5 * v }
                    if afterBut { v *= 1.5 }
                    contributions.append(v)
                    sentimentWords += 1
                    if startsNegated || negationLeft > 0 { lastNegatedIndex = contributions.count - 1; lastNegatedAt = i + p.words.count - 1 }
                    negationLeft = 0
                    modifierLeft = 0
                    i += p.words.count
                    continue
                }
            }
            // Modifiers: multi-word dampeners, then single words (when a sentiment word follows).
            var modMatched = false
            for m in SentimentLexicon.modifierPhrases where i + m.words.count <= tokens.count {
                var ok = true
                for (n, mw) in m.words.enumerated() where tokens[i + n].text != mw { ok = false; break }
                if ok {
                    setModifier(m.factor, negated: negationLeft > 0, &modifier, &modifierLeft)
                    if negationLeft > 0 { negationLeft += m.words.count }
                    i += m.words.count
                    modMatched = true
                    break
                }
            }
            if modMatched { continue }
            if let f = SentimentLexicon.modifiers[w], nextIsSentiment(tokens, i + 1) {
                setModifier(f, negated: negationLeft > 0, &modifier, &modifierLeft)
                if negationLeft > 0 { negationLeft += 1 }
                i += 1
                continue
            }
            if SentimentLexicon.negators.contains(w) {
                negationLeft = 4 // this word plus three
            }
            if var v = SentimentLexicon.words[w] ?? (w.hasSuffix("s") && w.count > 3 ? SentimentLexicon.words[String(w.dropLast())] : nil),
               !SentimentLexicon.negators.contains(w) {
                if modifierLeft > 0 { v *= modifier }
                if t.isUpper && w.count >= 2 { v *= 1.4 }
                if negationLeft > 0 {
                    v = v > 0 ? -0.75 * v : -0.5 * v
                    lastNegatedIndex = contributions.count
                    lastNegatedAt = i
                }
                if afterBut { v *= 1.5 }
                contributions.append(v)
                sentimentWords += 1
                modifierLeft = 0
            }
            if negationLeft > 0 { negationLeft -= 1 }
            if modifierLeft > 0 { modifierLeft -= 1 }
            i += 1
        }

        var total = contributions.reduce(0, +)
        if sentimentWords == 0 && wordCount >= 3 && capsWords == wordCount { total -= 1.5 }
        if total != 0 { total += (total > 0 ? 0.3 : -0.3) * Double(min(exclamations, 3)) }
        let score = max(-1, min(1, total / (total * total + 15).squareRoot()))
        let label: Sentiment.Label = score >= Self.positiveThreshold ? .positive : score <= Self.negativeThreshold ? .negative : .neutral
        return Sentiment(label: label, score: score)
    }

    private func setModifier(_ f: Double, negated: Bool, _ modifier: inout Double, _ left: inout Int) {
        // Under negation an intensifier softens: "not very happy" is milder than "not happy".
        modifier = negated && f > 1 ? 0.8 : f
        left = 3
    }

    /// Whether a sentiment word or phrase comes within the next two words.
    private func nextIsSentiment(_ tokens: [EntityToken], _ i: Int) -> Bool {
        var k = i
        while k < tokens.count && k < i + 2 {
            let w = tokens[k].text
            if SentimentLexicon.words[w] != nil || SentimentLexicon.phrases[w] != nil { return true }
            if SentimentLexicon.modifiers[w] == nil { return false }
            k += 1
        }
        return false
    }
}
