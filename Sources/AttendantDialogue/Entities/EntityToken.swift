/// One token of an utterance, as the entity extractor sees it.
///
/// Tokens are runs of letters (`word`), digits (`number`, which may hold internal
/// `,` or `.` between digits: "1,250", "12.50", "555.123.4567"), mixed letters and
/// digits (`alnum`: "5th", "abc123", "2pm") or a single other visible character
/// (`symbol`: "$", "@", ":", "-", "/"). Apostrophes inside words are kept
/// ("that's"), curly ones normalized, and a few apostrophe-less contractions that
/// recognizers produce ("thats", "dont") are spelled back with one.
struct EntityToken: Sendable {
    enum Kind: Sendable { case word, number, alnum, symbol }

    /// Lowercased, normalized text.
    var text: String
    /// Where the token is in the original string.
    var range: Range<String.Index>
    var kind: Kind
    /// Whether whitespace separates this token from the previous one.
    var spaceBefore: Bool
    /// Whether the token as typed is all upper case letters ("ABC"), for identifiers.
    var isUpper: Bool

    var isWord: Bool { kind == .word }
    var isNumber: Bool { kind == .number }
    /// The token is plain digits (no internal separators).
    var isDigits: Bool { kind == .number && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}

enum EntityTokenizer {
    /// Contractions that speech recognizers and hurried typists write without the apostrophe.
    static let contractions: [String: String] = [
        "thats": "that's", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
        "im": "i'm", "isnt": "isn't", "wont": "won't", "cant": "can't", "youre": "you're",
        "ive": "i've", "wasnt": "wasn't", "arent": "aren't", "werent": "weren't",
        "havent": "haven't", "hasnt": "hasn't", "couldnt": "couldn't", "wouldnt": "wouldn't",
        "shouldnt": "shouldn't", "theyre": "they're", "whats": "what's", "oclock": "o'clock",
    ]

    static func tokenize(_ text: String) -> [EntityToken] {
        var tokens: [EntityToken] = []
        tokens.reserveCapacity(16)
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var sawSpace = true
        while i < scalars.endIndex {
            let c = scalars[i]
            if c.properties.isWhitespace {
                sawSpace = true
                i = scalars.index(after: i)
                continue
            }
            let start = i
            if isLetter(c) || isDigit(c) {
                var hasLetter = false, hasDigit = false, hasLower = false
                var out = String.UnicodeScalarView()
                var j = i
                while j < scalars.endIndex {
                    let d = scalars[j]
                    if isLetter(d) {
                        hasLetter = true
                        if d.properties.isLowercase { hasLower = true }
                        out.append(contentsOf: d.properties.lowercaseMapping.unicodeScalars)
                        j = scalars.index(after: j)
                    } else if isDigit(d) {
                        hasDigit = true
                        out.append(d)
                        j = scalars.index(after: j)
                    } else if d == "'" || d == "\u{2019}" {
                        // apostrophe inside a word: "that's", "o'clock"
                        let k = scalars.index(after: j)
                        if hasLetter && !hasDigit && k < scalars.endIndex && isLetter(scalars[k]) {
                            out.append("'")
                            j = k
                        } else { break }
                    } else if (d == "," || d == ".") && hasDigit && !hasLetter {
                        // digit separators: "1,250", "12.50", "555.123.4567"
                        let k = scalars.index(after: j)
                        if k < scalars.endIndex && isDigit(scalars[k]) {
                            out.append(d)
                            j = k
                        } else { break }
                    } else { break }
                }
                var s = String(out)
                let kind: EntityToken.Kind = hasLetter ? (hasDigit ? .alnum : .word) : .number
                if kind == .word, let full = contractions[s] { s = full }
                tokens.append(EntityToken(text: s, range: start..<j, kind: kind, spaceBefore: sawSpace,
                                          isUpper: hasLetter && !hasLower && !hasDigit))
                i = j
            } else {
                let j = scalars.index(after: i)
                var s = String(c)
                if c == "\u{2019}" { s = "'" }
                tokens.append(EntityToken(text: s, range: start..<j, kind: .symbol, spaceBefore: sawSpace, isUpper: false))
                i = j
            }
            sawSpace = false
        }
        return tokens
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
        return c.properties.isAlphabetic
    }
}
