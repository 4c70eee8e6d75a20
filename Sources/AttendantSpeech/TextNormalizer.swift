/// Turns a designer's phrase into the words a caller says and the recognizer hears:
/// lower-case, punctuation dropped (apostrophes inside words kept), digits read one by
/// one ("order 4567" → "order four five six seven"), a few symbols spelled out.
public enum TextNormalizer {
    static let digitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    static let symbols: [Character: String] = ["&": "and", "%": "percent", "@": "at", "+": "plus", "#": "number"]

    /// The spoken words of `text`.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            let trimmed = current.trimmingApostrophes()
            if !trimmed.isEmpty { words.append(trimmed) }
            current = ""
        }
        for ch in text.lowercased() {
            if let d = ch.wholeNumberValue, ch.isASCII {
                flush(); words.append(digitWords[d])
            } else if ch.isLetter || ch == "'" || ch == "’" {
                current.append(ch == "’" ? "'" : ch)
            } else if let word = symbols[ch] {
                flush(); words.append(word)
            } else {
                flush()
            }
        }
        flush()
        return words
    }
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var s = Substring(self)
        while s.first == "'" { s.removeFirst() }
        while s.last == "'" { s.removeLast() }
        return String(s)
    }
}
