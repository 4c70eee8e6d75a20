extension EntityExtractor {
    /// Phone numbers: 7 to 15 digits said or typed in one run, canonical digits with a
    /// leading `+` when "plus" or "+" is said/typed first.
    ///
    /// Typed: "555-123-4567", "(555) 123-4567", "+1 555 123 4567", "555.123.4567",
    /// "5551234567". Spoken: single digits, "oh", "double seven", "triple five",
    /// two-digit words ("five five five twelve thirty four") and "eight hundred"
    /// ("one eight hundred five five five ..."), with "dash" between groups.
    ///
    /// Not handled: extensions ("ext 12"), letters ("1-800-FLOWERS"), shorter local
    /// numbers, validation against a numbering plan. Any 7–15 digit string is a phone
    /// number here, so a long account number is one too.
    static func findPhones(_ ctx: EntityContext) -> [EntitySpan] {
        let tokens = ctx.tokens
        var out: [EntitySpan] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            var k = i
            var plus = false
            if t.text == "+" || t.text == "plus" {
                plus = true
                k += 1
            }
            // Not an amount's digits ("$1234567").
            let afterCurrency = i > 0 && currencySymbols[tokens[i - 1].text] != nil
            let startsDigits = k < tokens.count && (tokens[k].kind == .number || tokens[k].text == "(" || tokens[k].isWord)
            if !afterCurrency, startsDigits,
               !(k < tokens.count && tokens[k].kind == .number && !tokens[k].isDigits && NumberWords.typedDecimal(tokens[k].text) != nil),
               let d = NumberWords.readDigits(tokens, at: k, chunks: true), (7...15).contains(d.digits.utf8.count),
               !(d.items == 1 && tokens[k].isWord) {
                let digits = d.digits
                out.append(EntitySpan(start: i, end: d.end, value: (plus ? "+" : "") + digits,
                                      spoken: (plus ? "plus " : "") + spokenPhone(digits)))
                i = d.end
                continue
            }
            i += 1
        }
        return out
    }

    /// Digits read in groups: "five five five, one two three, four five six seven".
    static func spokenPhone(_ digits: String) -> String {
        let chars = Array(digits)
        var groups: [Int]
        switch chars.count {
        case 7: groups = [3, 4]
        case 10: groups = [3, 3, 4]
        case 11 where chars[0] == "1": groups = [1, 3, 3, 4]
        default: groups = [chars.count]
        }
        var parts: [String] = []
        var p = 0
        for g in groups {
            parts.append(NumberWords.spellDigits(String(chars[p..<p + g])))
            p += g
        }
        return parts.joined(separator: ", ")
    }
}
