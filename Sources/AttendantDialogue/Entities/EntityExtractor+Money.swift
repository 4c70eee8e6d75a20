extension EntityExtractor {
    /// Currency words and codes → ISO 4217 code.
    static let currencyWords: [String: String] = [
        "dollar": "USD", "dollars": "USD", "buck": "USD", "bucks": "USD", "usd": "USD",
        "euro": "EUR", "euros": "EUR", "eur": "EUR",
        "pound": "GBP", "pounds": "GBP", "quid": "GBP", "gbp": "GBP", "sterling": "GBP",
    ]
    static let currencySymbols: [String: String] = ["$": "USD", "€": "EUR", "£": "GBP"]
    /// Words for the hundredth part; pence imply pounds.
    static let minorWords: [String: String?] = ["cent": nil, "cents": nil, "pence": "GBP", "penny": "GBP", "p": "GBP"]

    /// Amounts of money, canonical `12.50 USD` (two decimals, ISO code):
    /// - typed "$12.50", "$12", "€5", "£20", "$1,250", "USD 12.50", "12.50 dollars", "12 euros";
    /// - spoken "twelve dollars", "twelve dollars and fifty cents", "twelve dollars fifty",
    ///   "a hundred bucks", "a dollar fifty", "twenty pounds", "fifty cents", "five pounds
    ///   twenty pence", "two thousand dollars".
    ///
    /// Without a currency (symbol, word or code) there is no amount: "twelve fifty" and
    /// "12.50" alone are not money. Cents without a currency are US cents.
    /// Not handled: other currencies, "k" ("5k"), negative amounts, ranges.
    static func findMoney(_ ctx: EntityContext) -> [EntitySpan] {
        let tokens = ctx.tokens
        var out: [EntitySpan] = []
        var i = 0
        while i < tokens.count {
            if let r = readMoney(ctx, at: i) {
                out.append(EntitySpan(start: i, end: r.end, value: moneyValue(r.cents, r.code),
                                      spoken: moneySpoken(r.cents, r.code)))
                i = r.end
            } else {
                i += 1
            }
        }
        return out
    }

    /// An amount in hundredths: typed ("12.50", "1,250", "5 thousand") or spoken
    /// ("twelve", "a hundred", "two thousand"). `a` allows "a"/"an" as one ("a dollar").
    static func readAmount(_ ctx: EntityContext, at i: Int, allowA: Bool) -> (cents: Int, end: Int, spoken: Bool)? {
        guard i < ctx.count else { return nil }
        let t = ctx.tokens[i]
        if t.kind == .number, let dec = NumberWords.typedDecimal(t.text), !dec.fraction.isEmpty {
            guard dec.fraction.utf8.count <= 2 else { return nil }
            let frac = dec.fraction.utf8.count == 1 ? Int(dec.fraction)! * 10 : Int(dec.fraction)!
            let (m, o) = dec.integer.multipliedReportingOverflow(by: 100)
            guard !o else { return nil }
            return (m + frac, i + 1, false)
        }
        if allowA, t.text == "a" || t.text == "an", currencyWords[ctx.word(i + 1)] != nil { return (100, i + 1, true) }
        guard let c = NumberWords.readCardinal(ctx.tokens, at: i) else { return nil }
        let (m, o) = c.value.multipliedReportingOverflow(by: 100)
        guard !o else { return nil }
        return (m, c.end, t.isWord)
    }

    /// Cents after the main unit: "fifty", "and fifty cents", "50", "twenty pence".
    static func readCents(_ ctx: EntityContext, at i: Int) -> (cents: Int, end: Int)? {
        var k = i
        if ctx.word(k) == "and" { k += 1 }
        guard k < ctx.count, ctx.tokens[k].kind == .number || ctx.tokens[k].isWord,
              let c = NumberWords.readCardinal(ctx.tokens, at: k), (1...99).contains(c.value) else { return nil }
        let next = ctx.word(c.end)
        if minorWords[next] != nil { return (c.value, c.end + 1) }
        // A bare number after the unit must end the amount ("twelve dollars fifty", not "ten dollars five times").
        guard ctx.isBoundary(c.end) || ["please", "and", "for", "on", "to", "total", "in", "each"].contains(next) else { return nil }
        return (c.value, c.end)
    }

    static func readMoney(_ ctx: EntityContext, at i: Int) -> (cents: Int, code: String, end: Int)? {
        let w = ctx.word(i)
        // "$12.50", "€ 5", "£20"
        if let code = currencySymbols[w] {
            guard let a = readAmount(ctx, at: i + 1, allowA: false) else { return nil }
            var end = a.end
            if currencyWords[ctx.word(end)] == code { end += 1 } // "$12 dollars"
            return (a.cents, code, end)
        }
        // "USD 12.50"
        if let code = currencyWords[w], w.utf8.count == 3, let a = readAmount(ctx, at: i + 1, allowA: false), !a.spoken {
            return (a.cents, code, a.end)
        }
        // Previous token a currency symbol: that reading already failed or will start there.
        if i > 0, currencySymbols[ctx.word(i - 1)] != nil { return nil }
        guard let a = readAmount(ctx, at: i, allowA: true) else { return nil }
        let unit = ctx.word(a.end)
        if let code = currencyWords[unit] {
            var cents = a.cents
            var end = a.end + 1
            if let c = readCents(ctx, at: end) {
                cents += c.cents
                end = c.end
            }
            return (cents, code, end)
        }
        if let minor = minorWords[unit], a.cents % 100 == 0 {
            return (a.cents / 100, minor ?? "USD", a.end + 1)
        }
        return nil
    }

    static func moneyValue(_ cents: Int, _ code: String) -> String {
        let c = cents % 100
        return "\(cents / 100).\(c < 10 ? "0" : "")\(c) \(code)"
    }

    /// "twelve dollars and fifty cents", "one pound", "fifty cents".
    static func moneySpoken(_ cents: Int, _ code: String) -> String {
        let major = cents / 100, minor = cents % 100
        let names: (String, String, String, String) // singular, plural, minor singular, minor plural
        switch code {
        case "EUR": names = ("euro", "euros", "cent", "cents")
        case "GBP": names = ("pound", "pounds", "penny", "pence")
        default: names = ("dollar", "dollars", "cent", "cents")
        }
        var parts: [String] = []
        if major > 0 || minor == 0 { parts.append(NumberWords.spell(major) + " " + (major == 1 ? names.0 : names.1)) }
        if minor > 0 { parts.append(NumberWords.spell(minor) + " " + (minor == 1 ? names.2 : names.3)) }
        return parts.joined(separator: " and ")
    }
}
