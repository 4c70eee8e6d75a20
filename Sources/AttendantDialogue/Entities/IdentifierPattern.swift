import Foundation

/// A designer's patterned identifier (`[0-9]{5}`, `[A-Z]{3}[0-9]{3}`), matched over the
/// digits and letters said rather than over the raw words.
///
/// Id-like tokens are turned into characters — spoken digits ("four", "oh", "double
/// seven"), typed digits and alphanumerics ("48213", "abc123"), single letters ("a b c"),
/// letter names ("bee", "dee", "ess", "double u"), typed capitals ("ABC") and, when the
/// pattern contains a `-`, dashes — and consecutive ones form a run. The pattern
/// (case-insensitive, canonical value upper-cased) must match a whole run, or a part of
/// it cut where letters turn into digits (or back) or at a typed group's edge: "my code
/// is a four eight two one three" finds `48213`, but "four eight two one three nine"
/// does not match `[0-9]{5}` (six digits were said). Multi-letter words ("order", "is")
/// end runs, so "I need two" never makes an order number.
///
/// Not handled: two-digit words ("forty eight") and "hundred" inside ids (they read as
/// quantities), the NATO alphabet, "oh" as the letter O.
struct IdentifierPattern: Sendable {
    let regex: NSRegularExpression?
    let keepsDash: Bool

    init(_ pattern: String) {
        regex = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive])
        keepsDash = pattern.contains("-")
    }

    static let letterNames: [String: String] = [
        "bee": "B", "dee": "D", "eff": "F", "gee": "G", "aitch": "H", "jay": "J", "kay": "K",
        "ell": "L", "el": "L", "em": "M", "en": "N", "pee": "P", "cue": "Q", "ess": "S",
        "tee": "T", "vee": "V", "ex": "X", "zee": "Z", "zed": "Z",
    ]

    /// One character group from one or two tokens.
    struct Unit {
        var chars: String
        /// Typed with more than one character ("48213", "ABC"): its edges are cut points.
        var typedGroup: Bool
        var start: Int
        var end: Int
    }

    func unit(_ ctx: EntityContext, at i: Int) -> Unit? {
        let t = ctx.tokens[i]
        switch t.kind {
        case .number:
            guard t.isDigits else { return nil }
            return Unit(chars: t.text, typedGroup: t.text.utf8.count > 1, start: i, end: i + 1)
        case .alnum:
            return Unit(chars: t.text.uppercased(), typedGroup: true, start: i, end: i + 1)
        case .symbol:
            guard keepsDash, t.text == "-" else { return nil }
            return Unit(chars: "-", typedGroup: true, start: i, end: i + 1)
        case .word:
            let w = t.text
            if let d = NumberWords.digit(w), w != "o" { return Unit(chars: String(d), typedGroup: false, start: i, end: i + 1) }
            if w == "double" || w == "triple", let d = NumberWords.digit(ctx.word(i + 1)), ctx.word(i + 1) != "o" {
                return Unit(chars: String(repeating: String(d), count: w == "double" ? 2 : 3), typedGroup: false, start: i, end: i + 2)
            }
            if w == "double", ctx.word(i + 1) == "u" || ctx.word(i + 1) == "you" {
                return Unit(chars: "W", typedGroup: false, start: i, end: i + 2)
            }
            if w.utf8.count == 1, let c = w.unicodeScalars.first, c.isASCII, c.properties.isAlphabetic {
                return Unit(chars: w.uppercased(), typedGroup: false, start: i, end: i + 1)
            }
            if let l = Self.letterNames[w] { return Unit(chars: l, typedGroup: false, start: i, end: i + 1) }
            if keepsDash, w == "dash" || w == "hyphen" { return Unit(chars: "-", typedGroup: true, start: i, end: i + 1) }
            if t.isUpper, w.utf8.count <= 4, w.utf8.allSatisfy({ $0 < 128 }) {
                return Unit(chars: w.uppercased(), typedGroup: true, start: i, end: i + 1)
            }
            return nil
        }
    }

    func find(_ ctx: EntityContext) -> [EntitySpan] {
        guard let regex else { return [] }
        var out: [EntitySpan] = []
        var i = 0
        while i < ctx.count {
            // Collect one run.
            var run: [Unit] = []
            var k = i
            while k < ctx.count, run.count < 40, let u = unit(ctx, at: k) {
                run.append(u)
                k = u.end
            }
            if run.isEmpty { i += 1; continue }
            out += match(run, regex)
            i = k
        }
        return out
    }

    /// Longest leftmost parts of the run, cut only at allowed points, that the pattern matches whole.
    func match(_ run: [Unit], _ regex: NSRegularExpression) -> [EntitySpan] {
        func kind(_ c: Character?) -> Int { c.map { $0.isNumber ? 0 : $0.isLetter ? 1 : 2 } ?? 3 }
        var cuts = [0]
        for n in 1..<max(run.count, 1) {
            let a = run[n - 1], b = run[n]
            if a.typedGroup || b.typedGroup || kind(a.chars.last) != kind(b.chars.first) { cuts.append(n) }
        }
        cuts.append(run.count)
        var out: [EntitySpan] = []
        var a = 0
        while a < cuts.count - 1 {
            var matched = false
            for b in stride(from: cuts.count - 1, to: a, by: -1) {
                let units = run[cuts[a]..<cuts[b]]
                let s = units.map(\.chars).joined()
                if s.first == "-" || s.last == "-" { continue }
                if regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: s.utf16.count)) != nil {
                    let value = s.uppercased()
                    let spoken = value.map { c -> String in
                        if let d = c.wholeNumberValue { return NumberWords.spell(d) }
                        return c == "-" ? "dash" : String(c)
                    }.joined(separator: " ")
                    out.append(EntitySpan(start: units.first!.start, end: units.last!.end, value: value, spoken: spoken))
                    a = b
                    matched = true
                    break
                }
            }
            if !matched { a += 1 }
        }
        return out
    }
}
