/// English number words: reading cardinals, ordinals and digit strings from tokens,
/// and spelling numbers back out for ``Entity/spoken``. Our own small grammar — no
/// NumberFormatter, whose spell-out parsing differs across platforms.
enum NumberWords {
    static let unitValues: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
        "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]
    static let teenValues: [String: Int] = [
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tensValues: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scaleValues: [String: Int] = ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000]
    static let ordinalValues: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]

    /// A single spoken digit, as said inside digit strings ("oh" counts as zero).
    static func digit(_ word: String) -> Int? {
        if let v = unitValues[word] { return v }
        return word == "oh" || word == "o" ? 0 : nil
    }

    /// The value of plain typed digits, optionally grouped by commas in threes ("1,250").
    static func typedInteger(_ text: String) -> Int? {
        var value = 0
        var groupLength = -1 // digits since the last comma; -1 before the first comma
        var sawComma = false
        var digitsSeen = 0
        for u in text.utf8 {
            if u >= 48 && u <= 57 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(u - 48))
                if o1 || o2 { return nil }
                value = a
                digitsSeen += 1
                if sawComma { groupLength += 1 }
            } else if u == 44 { // ","
                if sawComma && groupLength != 3 { return nil }
                if !sawComma && (digitsSeen == 0 || digitsSeen > 3) { return nil }
                sawComma = true
                groupLength = 0
            } else {
                return nil
            }
        }
        if sawComma && groupLength != 3 { return nil }
        return digitsSeen > 0 ? value : nil
    }

    /// A typed decimal ("12.50", "1,250.5"): integer part and fraction digits.
    static func typedDecimal(_ text: String) -> (integer: Int, fraction: String)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1 { return typedInteger(text).map { ($0, "") } }
        guard parts.count == 2, let whole = typedInteger(String(parts[0])),
              !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return (whole, String(parts[1]))
    }

    /// A day of the month said as an ordinal: "fifth", "twenty first", "twenty-first",
    /// typed "5th", "21st". Returns the day and the token after it.
    static func readOrdinal(_ tokens: [EntityToken], at i: Int) -> (value: Int, end: Int)? {
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        if t.kind == .alnum {
            let s = t.text
            for suffix in ["st", "nd", "rd", "th"] where s.hasSuffix(suffix) {
                let digits = s.dropLast(2)
                if !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = Int(digits) {
                    return (v, i + 1)
                }
            }
            return nil
        }
        guard t.isWord else { return nil }
        if let v = ordinalValues[t.text] { return (v, i + 1) }
        if let tens = tensValues[t.text] {
            var j = i + 1
            if j < tokens.count, tokens[j].text == "-", !tokens[j].spaceBefore { j += 1 }
            if j < tokens.count, tokens[j].isWord, let u = ordinalValues[tokens[j].text], u < 10 {
                return (tens + u, j + 1)
            }
        }
        return nil
    }

    private enum Last { case none, unit, teen, tens, hundred, scale, typed }

    /// A cardinal number: spoken ("twenty three", "one hundred and five", "a hundred",
    /// "two thousand twenty", "twenty-three") or typed ("23", "1,250", "5 thousand").
    /// Stops where the grammar stops, so "one two" reads as 1 (digit strings are
    /// ``readDigits(_:at:chunks:)``'s job) and "twenty twenty" as 20.
    static func readCardinal(_ tokens: [EntityToken], at i: Int) -> (value: Int, end: Int)? {
        var total = 0, current = 0
        var last = Last.none
        var lastScale = Int.max
        var j = i
        var end = i
        func isNumberWord(_ k: Int) -> Bool {
            guard k < tokens.count, tokens[k].isWord else { return false }
            let w = tokens[k].text
            return unitValues[w] != nil || teenValues[w] != nil || tensValues[w] != nil
        }
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .number {
                guard last == .none, let v = typedInteger(t.text) else { break }
                current = v
                last = .typed
                j += 1; end = j
                continue
            }
            if t.kind == .symbol {
                // "twenty-three"
                if t.text == "-", !t.spaceBefore, last == .tens, j + 1 < tokens.count,
                   !tokens[j + 1].spaceBefore, let u = unitValues[tokens[j + 1].text], u > 0 {
                    j += 1
                    continue
                }
                break
            }
            guard t.isWord else { break }
            let w = t.text
            if let u = unitValues[w] {
                if u == 0 {
                    guard last == .none else { break }
                    current = 0; last = .unit
                    j += 1; end = j
                    break // "zero" stands alone
                }
                let fits = last == .none || last == .hundred || last == .scale || (last == .tens && current % 10 == 0)
                guard fits else { break }
                current += u
                last = .unit
            } else if let v = teenValues[w] ?? tensValues[w] {
                guard last == .none || last == .hundred || last == .scale else { break }
                current += v
                last = teenValues[w] != nil ? .teen : .tens
            } else if w == "hundred" {
                guard last == .unit || last == .teen || last == .tens || last == .typed,
                      current > 0, current < 100 else { break }
                current *= 100
                last = .hundred
            } else if let scale = scaleValues[w] {
                guard last != .none, last != .scale, scale < lastScale, current > 0 else { break }
                let (m, o) = current.multipliedReportingOverflow(by: scale)
                if o { break }
                total += m
                current = 0
                lastScale = scale
                last = .scale
            } else if w == "a" || w == "an" {
                guard last == .none, j + 1 < tokens.count,
                      tokens[j + 1].text == "hundred" || scaleValues[tokens[j + 1].text] != nil else { break }
                current = 1
                last = .unit
                j += 1
                continue // "a" alone is not a number; the scale word commits it
            } else if w == "and" {
                guard last == .hundred || last == .scale, isNumberWord(j + 1) else { break }
                j += 1
                continue
            } else {
                break
            }
            j += 1
            end = j
        }
        guard end > i else { return nil }
        return (total + current, end)
    }

    /// A string of digits: spoken single digits ("four eight two", "oh", "double seven",
    /// "triple five") and typed single digits. With `chunks`, also whole typed digit
    /// groups ("555", "555-1234", "(555)"), two-digit words ("twelve", "thirty four")
    /// and "X hundred" ("one eight hundred"), as people read phone numbers and ids.
    /// Returns the digits, the token after them and how many digit items were read.
    static func readDigits(_ tokens: [EntityToken], at i: Int, chunks: Bool) -> (digits: String, end: Int, items: Int)? {
        var digits = ""
        var j = i
        var end = i
        var items = 0
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .number {
                if t.isDigits && (chunks || t.text.utf8.count == 1) {
                    digits += t.text
                } else if chunks, t.text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }),
                          t.text.utf8.filter({ $0 == 46 }).count >= 2 {
                    digits += t.text.filter { $0 != "." } // "555.123.4567"
                } else { break }
                items += 1
                j += 1; end = j
                continue
            }
            if t.kind == .symbol {
                // separators inside typed groups: "555-1234", "(555) 123-4567"
                guard chunks else { break }
                let next: EntityToken? = j + 1 < tokens.count ? tokens[j + 1] : nil
                if t.text == "(", let n = next, n.kind == .number { j += 1; continue }
                if t.text == ")", items > 0 { j += 1; end = j; continue }
                if t.text == "-", items > 0, let n = next, n.kind == .number || n.text == "(" { j += 1; continue }
                break
            }
            guard t.isWord else { break }
            let w = t.text
            if let d = digit(w) {
                if w == "o" && !chunks { break }
                if chunks, d > 0, j + 1 < tokens.count, tokens[j + 1].text == "hundred" {
                    digits += String(d) + "00"
                    items += 1
                    j += 2; end = j
                    continue
                }
                digits += String(d)
                items += 1
                j += 1; end = j
            } else if w == "double" || w == "triple" {
                guard j + 1 < tokens.count, let d = digit(tokens[j + 1].text) else { break }
                let n = w == "double" ? 2 : 3
                digits += String(repeating: String(d), count: n)
                items += 1
                j += 2; end = j
            } else if chunks, let v = teenValues[w] {
                digits += String(v)
                items += 1
                j += 1; end = j
            } else if chunks, let v = tensValues[w] {
                var value = v
                j += 1
                if j < tokens.count, let u = unitValues[tokens[j].text], u > 0 {
                    value += u
                    j += 1
                } else if j + 1 < tokens.count, tokens[j].text == "-", let u = unitValues[tokens[j + 1].text], u > 0 {
                    value += u
                    j += 2
                }
                digits += String(value)
                items += 1
                end = j
            } else if chunks, w == "dash" || w == "hyphen", items > 0 {
                j += 1
            } else {
                break
            }
        }
        guard items > 0 else { return nil }
        return (digits, end, items)
    }

    // MARK: spelling out

    private static let smallNames = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    private static let tensNames = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// "twenty three", "one hundred five", "two thousand twenty".
    static func spell(_ n: Int) -> String {
        if n < 0 { return "minus " + spell(-n) }
        if n < 20 { return smallNames[n] }
        if n < 100 { return tensNames[n / 10] + (n % 10 == 0 ? "" : " " + smallNames[n % 10]) }
        if n < 1000 { return smallNames[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + spell(n % 100)) }
        for (scale, name) in [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")] where n >= scale {
            return spell(n / scale) + " " + name + (n % scale == 0 ? "" : " " + spell(n % scale))
        }
        return String(n)
    }

    private static let ordinalNames: [String: String] = [
        "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
        "nine": "ninth", "twelve": "twelfth",
    ]

    /// "fifth", "twenty first", "thirtieth".
    static func spellOrdinal(_ n: Int) -> String {
        var words = spell(n).split(separator: " ").map(String.init)
        guard let last = words.popLast() else { return "" }
        let ord: String
        if let o = ordinalNames[last] { ord = o }
        else if last.hasSuffix("y") { ord = last.dropLast() + "ieth" }
        else { ord = last + "th" }
        words.append(ord)
        return words.joined(separator: " ")
    }

    /// Each digit as a word: "4567" → "four five six seven".
    static func spellDigits<S: StringProtocol>(_ digits: S) -> String {
        digits.compactMap { c in c.wholeNumberValue.map { smallNames[$0] } }.joined(separator: " ")
    }

    /// A year as people say it: 2026 → "twenty twenty six", 2005 → "two thousand five".
    static func spellYear(_ y: Int) -> String {
        if y >= 2000 && y < 2010 { return spell(y) }
        if y >= 1100 && y < 10000 {
            let hi = y / 100, lo = y % 100
            if lo == 0 { return spell(hi) + " hundred" }
            return spell(hi) + " " + (lo < 10 ? "oh " + spell(lo) : spell(lo))
        }
        return spell(y)
    }
}
