extension EntityExtractor {
    /// Words before a time that make a bare hour or "two thirty" a time.
    static let timeCues: Set<String> = ["at", "around", "about", "by", "before", "after", "until", "till", "til", "from", "between", "and", "to"]
    /// Words that may follow a bare hour after a cue ("at five tomorrow", "at two please").
    static let afterHour: Set<String> = [
        "today", "tomorrow", "tonight", "on", "this", "next", "then", "please", "or", "and", "if",
        "works", "would", "is", "sharp", "exactly", "latest", "earliest", "instead",
    ]
    /// Words that may surround a time said on its own ("um two thirty please").
    static let timeFillers: Set<String> = [
        "um", "uh", "er", "erm", "hmm", "how", "about", "let's", "lets", "say", "maybe", "like", "yes", "yeah",
        "ok", "okay", "please", "so", "the", "well", "i", "guess", "would", "be", "good", "great", "works",
        "fine", "perhaps", "probably", "make", "it", "that", "is", "sounds",
    ]

    /// Times of day, canonical `HH:mm` (24-hour):
    /// - "noon", "midday", "midnight";
    /// - typed "14:30", "2:30 pm", "2:30pm", "2pm", "10 a.m.";
    /// - spoken "two thirty p m", "ten a m", "nine oh five", "three o'clock",
    ///   "seven in the evening", "half past two", "quarter to five", "quarter past ten",
    ///   "twenty past three", "ten to four" (with "to", only after a cue or with "minutes");
    /// - an hour alone only after a cue and before a clause end: "at five", "around 3".
    ///
    /// "two thirty" with no a.m./p.m. needs a cue ("at two thirty") or to be the whole
    /// reply give or take fillers ("um, two thirty please"). Without a.m./p.m. or a part
    /// of the day, hours 1…7 are read as afternoon (a call center's business hours):
    /// "half past two" → `14:30`, "at nine" → `09:00`.
    ///
    /// Not handled: ranges ("between two and four" gives two times), "in an hour",
    /// seconds, time zones.
    static func findTimes(_ ctx: EntityContext) -> [EntitySpan] {
        var out: [EntitySpan] = []
        var i = 0
        while i < ctx.count {
            if let r = TimeReader(ctx: ctx).read(at: i) {
                out.append(EntitySpan(start: i, end: r.end, value: r.value, spoken: r.spoken))
                i = r.end
            } else {
                i += 1
            }
        }
        return out
    }
}

struct TimeReader {
    let ctx: EntityContext

    func word(_ i: Int) -> String { ctx.word(i) }

    /// An hour 0…23 said as one word or typed as one number.
    func hour(at i: Int) -> Int? {
        guard i >= 0 && i < ctx.count else { return nil }
        let t = ctx.tokens[i]
        if t.kind == .number {
            guard t.isDigits, t.text.utf8.count <= 2, let v = Int(t.text), v <= 23 else { return nil }
            return v
        }
        guard t.isWord else { return nil }
        if let v = NumberWords.unitValues[t.text], v > 0 { return v }
        if let v = NumberWords.teenValues[t.text], v <= 12 { return v }
        return nil
    }

    enum Meridiem { case am, pm }

    /// "am", "pm", "a m", "p.m.", "in the morning", "in the evening", "at night", "tonight".
    func meridiem(at i: Int) -> (Meridiem, end: Int)? {
        let w = word(i)
        switch w {
        case "am": return (.am, dotted(i + 1))
        case "pm": return (.pm, dotted(i + 1))
        case "a", "p":
            var k = i + 1
            if word(k) == "." { k += 1 }
            guard word(k) == "m" else { return nil }
            return (w == "a" ? .am : .pm, dotted(k + 1))
        case "in":
            guard word(i + 1) == "the" else { return nil }
            switch word(i + 2) {
            case "morning": return (.am, i + 3)
            case "afternoon", "evening": return (.pm, i + 3)
            default: return nil
            }
        case "at": return word(i + 1) == "night" ? (.pm, i + 2) : nil
        case "tonight": return (.pm, i + 1)
        default: return nil
        }
    }

    /// Skips a glued trailing "." ("p.m.").
    private func dotted(_ k: Int) -> Int {
        k < ctx.count && ctx.tokens[k].text == "." && !ctx.tokens[k].spaceBefore ? k + 1 : k
    }

    /// Minutes said after an hour: "thirty", "forty five", "oh five", "fifteen".
    func minutes(at i: Int) -> (Int, end: Int)? {
        if word(i) == "oh" || word(i) == "o", let u = NumberWords.unitValues[word(i + 1)], u > 0 { return (u, i + 2) }
        guard i < ctx.count, ctx.tokens[i].isWord else { return nil }
        guard let c = NumberWords.readCardinal(ctx.tokens, at: i), (10...59).contains(c.value) else { return nil }
        return (c.value, c.end)
    }

    func cued(_ i: Int) -> Bool { EntityExtractor.timeCues.contains(word(i - 1)) }

    /// Whether everything outside `start..<end` is punctuation or filler.
    func alone(_ start: Int, _ end: Int) -> Bool {
        for k in 0..<ctx.count where k < start || k >= end {
            let t = ctx.tokens[k]
            if t.kind == .symbol || EntityExtractor.timeFillers.contains(t.text) { continue }
            return false
        }
        return true
    }

    func read(at i: Int) -> (value: String, spoken: String, end: Int)? {
        let w = word(i)
        if w == "noon" || w == "midday" { return make(12, 0, nil, i + 1, special: "noon") }
        if w == "midnight" { return make(0, 0, nil, i + 1, special: "midnight") }
        if (w == "12" || w == "twelve"), word(i + 1) == "noon" { return make(12, 0, nil, i + 2, special: "noon") }
        if let r = readRelative(at: i) { return r }
        guard i < ctx.count else { return nil }
        let t = ctx.tokens[i]
        // "2pm", "10am"
        if t.kind == .alnum, let r = gluedMeridiem(t.text) {
            guard let h = Int(r.digits), (1...12).contains(h) else { return nil }
            return make(h, 0, r.meridiem, i + 1)
        }
        // "2:30", "14:30", "2:30pm"
        if t.kind == .number, word(i + 1) == ":", i + 2 < ctx.count, !ctx.tokens[i + 1].spaceBefore, !ctx.tokens[i + 2].spaceBefore {
            guard let h = hour(at: i) ?? (t.text == "0" || t.text == "00" ? 0 : nil) else { return nil }
            let m = ctx.tokens[i + 2]
            var minuteText = m.text
            var glued: Meridiem?
            if m.kind == .alnum, let r = gluedMeridiem(m.text) { minuteText = r.digits; glued = r.meridiem }
            guard minuteText.utf8.count == 2, minuteText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let minute = Int(minuteText), minute < 60 else { return nil }
            if let glued { return make(h, minute, glued, i + 3) }
            if let (mer, end) = meridiem(at: i + 3) { return make(h, minute, mer, end) }
            return make(h, minute, nil, i + 3)
        }
        guard let h = hour(at: i) else { return nil }
        // "three o'clock", "three o clock"
        if word(i + 1) == "o'clock" || (word(i + 1) == "o" && word(i + 2) == "clock") {
            let end = word(i + 1) == "o'clock" ? i + 2 : i + 3
            if let (mer, e) = meridiem(at: end) { return make(h, 0, mer, e) }
            return make(h, 0, nil, end)
        }
        // "two thirty p m", "nine oh five", "ten a m"
        if let (minute, mEnd) = minutes(at: i + 1), h <= 12 {
            if let (mer, e) = meridiem(at: mEnd) { return make(h, minute, mer, e) }
            guard cued(i) || alone(i, mEnd) else { return nil }
            // "at two thirty dollars" and the like: the next word must not make it a quantity.
            return make(h, minute, nil, mEnd)
        }
        if h <= 12, let (mer, e) = meridiem(at: i + 1), mer == .am || mer == .pm {
            // "ten a m", "7 pm", "seven in the evening"
            if word(i + 1) == "in" || word(i + 1) == "at" || word(i + 1) == "tonight" {
                guard cued(i) || t.isWord else { return nil }
            }
            return make(h, 0, mer, e)
        }
        // "at five", "around 3"
        if cued(i), word(i - 1) != "and", word(i - 1) != "to", word(i - 1) != "about",
           ctx.isBoundary(i + 1) || EntityExtractor.afterHour.contains(word(i + 1)) || EntityExtractor.weekdayNumbers[word(i + 1)] != nil {
            return make(h, 0, nil, i + 1)
        }
        return nil
    }

    /// "half past two", "quarter to five", "twenty past three", "ten minutes to four".
    func readRelative(at i: Int) -> (value: String, spoken: String, end: Int)? {
        var k = i
        var minutes: Int
        var strong = false
        switch word(k) {
        case "half": minutes = 30; k += 1; strong = true
        case "quarter": minutes = 15; k += 1; strong = true
        case "a" where word(k + 1) == "quarter": minutes = 15; k += 2; strong = true
        default:
            guard k < ctx.count, let c = NumberWords.readCardinal(ctx.tokens, at: k), (1...29).contains(c.value) else { return nil }
            minutes = c.value
            k = c.end
            if word(k) == "minutes" || word(k) == "minute" { k += 1; strong = true }
        }
        let relation = word(k)
        let before: Bool
        switch relation {
        case "past", "after": before = false
        case "to", "till", "til", "of": before = true
        default: return nil
        }
        if minutes == 30 && before { return nil }
        guard strong || !before || ["at", "around", "by", "until", "till", "before", "after"].contains(word(i - 1)) else { return nil }
        k += 1
        var h: Int
        if word(k) == "noon" { h = 12 } else if word(k) == "midnight" { h = 0 } else {
            guard let hh = hour(at: k), hh <= 12 else { return nil }
            h = hh
        }
        k += 1
        var total = h * 60 + (before ? -minutes : minutes)
        if total < 0 { total += 24 * 60 }
        let hourIndex = k - 1
        var mer: Meridiem?
        if let (m, e) = meridiem(at: k) { mer = m; k = e }
        h = total / 60
        let m = total % 60
        let hourWord = word(hourIndex)
        if hourWord == "noon" || hourWord == "midnight" { return make(h, m, nil, k, keepHour: true) }
        if h == 0 { h = 12 }
        return make(h, m, mer, k)
    }

    func gluedMeridiem(_ s: String) -> (digits: String, meridiem: Meridiem)? {
        guard s.hasSuffix("am") || s.hasSuffix("pm") else { return nil }
        let digits = String(s.dropLast(2))
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return (digits, s.hasSuffix("am") ? .am : .pm)
    }

    /// Builds `HH:mm` from an hour as said (1…12 or 0…23), minutes and a.m./p.m.
    func make(_ h: Int, _ m: Int, _ mer: Meridiem?, _ end: Int, special: String? = nil, keepHour: Bool = false) -> (value: String, spoken: String, end: Int)? {
        var hour = h
        switch mer {
        case .pm?: guard h <= 12 else { return nil }; if h < 12 { hour = h + 12 }
        case .am?: guard h <= 12 else { return nil }; if h == 12 { hour = 0 }
        case nil: if !keepHour && special == nil && (1...7).contains(h) { hour = h + 12 }
        }
        guard (0...23).contains(hour), (0...59).contains(m) else { return nil }
        let value = (hour < 10 ? "0" : "") + String(hour) + ":" + (m < 10 ? "0" : "") + String(m)
        let spoken: String
        if let special { spoken = special }
        else if hour == 0 && m == 0 { spoken = "midnight" }
        else if hour == 12 && m == 0 { spoken = "noon" }
        else {
            let h12 = hour % 12 == 0 ? 12 : hour % 12
            let minutes = m == 0 ? "" : m < 10 ? " oh " + NumberWords.spell(m) : " " + NumberWords.spell(m)
            spoken = NumberWords.spell(h12) + minutes + (hour < 12 ? " a m" : " p m")
        }
        return (value, spoken, end)
    }
}
