extension EntityExtractor {
    /// Spoken and typed joiners inside an address.
    static let emailConnectors: [String: String] = [
        ".": ".", "dot": ".", "period": ".", "point": ".",
        "_": "_", "underscore": "_",
        "-": "-", "dash": "-", "hyphen": "-",
        "+": "+",
    ]
    /// Words that are never the user part of an address ("email me at", "it is at").
    static let emailStopWords: Set<String> = [
        "me", "us", "him", "her", "them", "it", "is", "was", "be", "at", "to", "and", "or", "the",
        "email", "mail", "address", "you", "my", "that", "this", "here", "there", "reach", "contact",
        "send", "write", "dot", "underscore", "dash", "hyphen", "period", "point", "plus",
    ]

    /// E-mail addresses, canonical lowercase `user@domain.tld`.
    ///
    /// Typed ("ann.lee@example.com", "Ann.Lee+tag@mail.example.co.uk") or spoken with "at",
    /// "dot", "underscore", "dash": "ann dot lee at example dot com", letters spelled one by
    /// one and joined ("a n n dot l e e at gmail dot com", "j smith at ..."), digits as
    /// words ("john twenty three at ..."). The user part is cut where it stops looking like
    /// one: at most one ordinary word per dot-separated part, so "my email is ann at
    /// example dot com" gives `ann@example.com`. The domain needs at least one dot and a
    /// letters-only last part.
    ///
    /// Not handled: "ann lee at ..." (two words without a joiner: only `lee` is kept),
    /// quoted user parts, IP-address domains, "dot com" run together as "dotcom".
    static func findEmails(_ ctx: EntityContext) -> [EntitySpan] {
        let tokens = ctx.tokens
        guard tokens.contains(where: { $0.text == "@" || $0.text == "at" }) else { return [] }
        var out: [EntitySpan] = []
        var lastEnd = 0
        var k = 0
        while k < tokens.count {
            let typed = tokens[k].text == "@"
            guard typed || tokens[k].text == "at" else { k += 1; continue }
            guard let domain = EmailReader(ctx: ctx, typed: typed).domain(after: k) else { k += 1; continue }
            var best: (start: Int, user: String)?
            var s = k - 1
            let reader = EmailReader(ctx: ctx, typed: typed)
            while s >= max(lastEnd, k - 16) {
                if let user = reader.user(s, k) { best = (s, user) }
                s -= 1
            }
            guard let best else { k += 1; continue }
            let value = best.user + "@" + domain.value
            out.append(EntitySpan(start: best.start, end: domain.end, value: value, spoken: spokenEmail(value)))
            lastEnd = domain.end
            k = domain.end
        }
        return out
    }

    /// "ann dot lee at example dot com".
    static func spokenEmail(_ value: String) -> String {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(current); current = "" }
        }
        for c in value {
            switch c {
            case "@": flush(); words.append("at")
            case ".": flush(); words.append("dot")
            case "_": flush(); words.append("underscore")
            case "-": flush(); words.append("dash")
            case "+": flush(); words.append("plus")
            default:
                if let d = c.wholeNumberValue {
                    flush()
                    words.append(NumberWords.spell(d))
                } else {
                    current.append(c)
                }
            }
        }
        flush()
        return words.joined(separator: " ")
    }
}

/// Reads the two halves of an address around "at"/"@".
struct EmailReader {
    let ctx: EntityContext
    /// Typed with "@": every token must touch the previous one.
    let typed: Bool

    /// One part between joiners: spelled letters, then at most one word, then digits.
    /// In the user part, everyday words ("me", "is", "email") end it.
    /// Returns the text and the index after it, reading tokens `i..<limit`.
    func part(_ i: Int, _ limit: Int, user: Bool) -> (String, Int)? {
        var k = i
        var out = ""
        var stage = 0 // 0: letters, 1: after the word, 2: digits
        while k < limit {
            let t = ctx.tokens[k]
            if typed && k > i && t.spaceBefore { break }
            if t.kind == .word, !t.text.contains("'") {
                if t.text.count == 1 && stage == 0 && !typed && t.text != "o" {
                    out += t.text
                    k += 1
                    continue
                }
                if stage == 0, let d = spokenNumber(k, limit) {
                    out += d.0; k = d.1; stage = 2
                    continue
                }
                if stage >= 1 {
                    if let d = spokenNumber(k, limit) { out += d.0; k = d.1; stage = 2; continue }
                    break
                }
                if user && !typed && EntityExtractor.emailStopWords.contains(t.text) { break }
                if EntityExtractor.emailConnectors[t.text] != nil { break }
                out += t.text
                stage = 1
                k += 1
            } else if t.kind == .alnum || t.kind == .number {
                guard t.kind == .alnum || t.isDigits else { break }
                if stage == 2 && t.kind == .alnum { break }
                out += t.text
                stage = t.kind == .number ? 2 : 1
                k += 1
            } else {
                break
            }
        }
        return out.isEmpty ? nil : (out, k)
    }

    /// Digits said as words inside an address: "two three", "twenty three", "oh seven".
    func spokenNumber(_ i: Int, _ limit: Int) -> (String, Int)? {
        var k = i
        var out = ""
        while k < limit {
            let w = ctx.tokens[k].text
            if let d = NumberWords.digit(w), w != "o" { out += String(d); k += 1; continue }
            if let v = NumberWords.teenValues[w] { out += String(v); k += 1; continue }
            if let v = NumberWords.tensValues[w] {
                if k + 1 < limit, let u = NumberWords.unitValues[ctx.tokens[k + 1].text], u > 0 {
                    out += String(v + u); k += 2
                } else { out += String(v); k += 1 }
                continue
            }
            break
        }
        return out.isEmpty ? nil : (out, k)
    }

    /// Parts joined by connectors, covering exactly `start..<end`.
    func user(_ start: Int, _ end: Int) -> String? {
        if typed, ctx.tokens[end].spaceBefore { return nil }
        var k = start
        var out = ""
        while true {
            guard let (p, e) = part(k, end, user: true) else { return nil }
            out += p
            k = e
            if k == end { return out }
            guard let c = EntityExtractor.emailConnectors[ctx.tokens[k].text] else { return nil }
            if typed && ctx.tokens[k].spaceBefore { return nil }
            out += c
            k += 1
            if k == end { return nil }
        }
    }

    /// "example dot com", "gmail.com", "mail dot example dot co dot uk".
    func domain(after at: Int) -> (value: String, end: Int)? {
        var k = at + 1
        guard k < ctx.count, !(typed && ctx.tokens[k].spaceBefore) else { return nil }
        var parts: [String] = []
        var end = k
        while true {
            guard let (p, e) = part(k, ctx.count, user: false) else { break }
            parts.append(p)
            end = e
            k = e
            guard k + 1 < ctx.count, let c = EntityExtractor.emailConnectors[ctx.tokens[k].text], c == "." || c == "-",
                  !(typed && ctx.tokens[k].spaceBefore), !(typed && ctx.tokens[k + 1].spaceBefore) else { break }
            if c == "-" { // "-" joins inside a label: "my-shop"
                guard let (p2, e2) = part(k + 1, ctx.count, user: false) else { break }
                parts[parts.count - 1] += "-" + p2
                end = e2
                k = e2
                guard k + 1 < ctx.count, EntityExtractor.emailConnectors[ctx.tokens[k].text] == "." else { break }
            }
            k += 1
        }
        guard parts.count >= 2, let tld = parts.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return nil }
        return (parts.joined(separator: "."), end)
    }
}
