extension EntityExtractor {
    /// Where a yes/no phrase counts.
    enum AnswerPlace: Sendable {
        /// Anywhere: "yes", "nope", "that's right", "absolutely not".
        case anywhere
        /// At the start of a clause (after fillers): "no", "sure".
        case clauseStart
        /// At the start of a clause and ending it (or followed by another answer word):
        /// "right", "correct", "okay" — they are ordinary words elsewhere.
        case alone
    }

    struct AnswerPhrase: Sendable {
        var words: [String]
        /// "yes", "no", or nil for phrases that block a reading ("no problem", "I don't know").
        var value: String?
        var place: AnswerPlace
    }

    /// Phrases by their first word, longest first.
    static let answerPhrases: [String: [AnswerPhrase]] = {
        let yes: [(String, AnswerPlace)] = [
            ("yes", .anywhere), ("yeah", .anywhere), ("yep", .anywhere), ("yup", .anywhere), ("yea", .anywhere),
            ("yah", .anywhere), ("absolutely", .anywhere), ("definitely", .anywhere), ("certainly", .anywhere),
            ("affirmative", .anywhere), ("of course", .anywhere), ("please do", .anywhere), ("go ahead", .anywhere),
            ("uh huh", .anywhere), ("sounds good", .anywhere), ("that's right", .anywhere), ("that is right", .anywhere),
            ("that's correct", .anywhere), ("that is correct", .anywhere), ("you're right", .anywhere),
            ("you got it", .anywhere), ("that's it", .alone), ("i don't mind", .anywhere), ("why not", .alone),
            ("sure", .clauseStart), ("for sure", .anywhere), ("right", .alone), ("correct", .alone), ("okay", .alone),
            ("ok", .alone), ("alright", .alone), ("all right", .alone), ("fine", .alone), ("exactly", .alone),
            ("true", .alone), ("indeed", .alone), ("perfect", .alone), ("yes please", .anywhere),
        ]
        let no: [(String, AnswerPlace)] = [
            ("no", .clauseStart), ("nope", .anywhere), ("nah", .anywhere), ("negative", .alone),
            ("not really", .anywhere), ("not at all", .anywhere), ("no way", .anywhere),
            ("absolutely not", .anywhere), ("definitely not", .anywhere), ("certainly not", .anywhere),
            ("of course not", .anywhere), ("that's wrong", .anywhere), ("that is wrong", .anywhere),
            ("that's not right", .anywhere), ("that is not right", .anywhere), ("that's not correct", .anywhere),
            ("that is not correct", .anywhere), ("not correct", .anywhere), ("not right", .anywhere),
            ("incorrect", .anywhere), ("wrong", .alone), ("i don't think so", .anywhere), ("please don't", .anywhere),
            ("don't", .anywhere), ("do not", .anywhere), ("not yet", .anywhere), ("never", .clauseStart),
            ("no thanks", .anywhere), ("no thank you", .anywhere), ("not now", .anywhere), ("i'd rather not", .anywhere),
            ("rather not", .anywhere), ("not that", .alone),
        ]
        let blockers: [String] = [
            "not sure", "unsure", "make sure", "making sure", "are you sure", "is that right", "right now",
            "right away", "all right then", "don't know", "do not know", "dont know", "don't understand",
            "do not understand", "don't remember", "do not remember", "don't care", "don't worry",
            "do not worry", "never mind", "why don't", "don't you", "don't have a clue", "not sure yet",
            "i don't know", "i do not know", "don't see why not", "right side", "right one", "correct me",
            "okay so", "ok so", "fine print",
        ]
        var table: [String: [AnswerPhrase]] = [:]
        func add(_ text: String, _ value: String?, _ place: AnswerPlace) {
            let words = text.split(separator: " ").map(String.init)
            table[words[0], default: []].append(AnswerPhrase(words: words, value: value, place: place))
        }
        for (p, place) in yes { add(p, "yes", place) }
        for (p, place) in no { add(p, "no", place) }
        for p in blockers { add(p, nil, .anywhere) }
        for k in table.keys { table[k]!.sort { $0.words.count > $1.words.count } }
        return table
    }()

    /// Fillers that may come before an answer at a clause start ("oh yes", "well, no").
    static let answerFillers: Set<String> = [
        "oh", "ah", "uh", "um", "er", "erm", "well", "hmm", "so", "and", "but", "actually", "sorry", "i", "said",
        "yes", "yeah", "no", "okay", "ok", "hey", "hi", "hello", "honestly", "then", "like",
    ]
    /// Words that may follow an `.alone` answer ("right, thanks", "correct please", "okay go ahead").
    static let afterAnswer: Set<String> = [
        "thanks", "thank", "please", "then", "sure", "yes", "yeah", "go", "that's", "sounds", "perfect",
        "great", "cool", "good", "no", "sir", "ma'am", "thats", "it", "lets", "let's", "do", "correct", "right",
    ]
    /// Nouns after "no" that make it a determiner, not an answer ("no problem", "no idea").
    static let noDeterminerNext: Set<String> = [
        "problem", "problems", "prob", "probs", "worries", "worry", "idea", "clue", "one", "body", "thing",
        "more", "longer", "matter", "doubt", "issue", "issues", "trouble", "rush", "hurry", "offense",
        "offence", "sweat", "kidding", "big", "biggie", "way", "signal", "service", "internet", "power",
        "money", "access", "reason", "choice", "other", "less", "need", "time", "response", "answer",
        "email", "receipt", "confirmation", "record", "account", "sound", "dial", "change", "help",
    ]

    /// yes / no answers, canonical `yes` or `no`.
    ///
    /// Yes: yes, yeah, yep, sure, absolutely, definitely, of course, please do, go ahead,
    /// that's right/correct, you're right, sounds good, and — only as a reply on their own —
    /// right, correct, okay, alright, fine, exactly. No: no, nope, nah, not really, not at
    /// all, no way, that's wrong, not correct, incorrect, don't / do not, I don't think so,
    /// no thanks, not yet, never, absolutely/definitely not.
    ///
    /// Not answers: "no problem", "no idea" ("no" before a noun), "I don't know", "not sure",
    /// "make sure", "never mind", "right now", "why don't", and "I know" (no phrase).
    /// "no" and "sure" count only at the start of a clause ("well, no"), "never" too.
    static func findYesNo(_ ctx: EntityContext) -> [EntitySpan] {
        let tokens = ctx.tokens
        var out: [EntitySpan] = []
        var i = 0
        outer: while i < tokens.count {
            guard tokens[i].kind == .word, let phrases = answerPhrases[tokens[i].text] else { i += 1; continue }
            for p in phrases {
                guard i + p.words.count <= tokens.count else { continue }
                var ok = true
                for (n, w) in p.words.enumerated() where tokens[i + n].text != w { ok = false; break }
                guard ok else { continue }
                let end = i + p.words.count
                guard let value = p.value else { i = end; continue outer } // a blocker eats its words
                switch p.place {
                case .anywhere: break
                case .clauseStart:
                    guard atClauseStart(ctx, i) else { continue }
                    if p.words == ["no"], noDeterminerNext.contains(ctx.word(end)) { continue }
                case .alone:
                    guard atClauseStart(ctx, i),
                          ctx.isBoundary(end) || afterAnswer.contains(ctx.word(end)) else { continue }
                }
                out.append(EntitySpan(start: i, end: end, value: value, spoken: value))
                i = end
                continue outer
            }
            i += 1
        }
        return out
    }

    /// Whether only fillers stand between token `i` and the start of its clause.
    static func atClauseStart(_ ctx: EntityContext, _ i: Int) -> Bool {
        var k = i - 1
        var skipped = 0
        while k >= 0 {
            if ctx.isBoundary(k) { return true }
            guard answerFillers.contains(ctx.tokens[k].text), skipped < 3 else { return false }
            skipped += 1
            k -= 1
        }
        return true
    }
}
