extension EntityExtractor {
    static let monthNumbers: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
        "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    static let monthNames = ["", "January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
    /// Calendar weekday numbers: 1 = Sunday.
    static let weekdayNumbers: [String: Int] = [
        "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7,
    ]
    static let weekdayNames = ["", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    /// Words that make a bare day ("the 12th") or a short numeric date ("5/5") a date.
    static let dateCues: Set<String> = ["on", "by", "until", "till", "til", "before", "after", "for", "from", "since", "around", "date"]

    /// Dates, canonical `yyyy-MM-dd`, resolved against the reference date:
    /// - "today", "tonight", "tomorrow", "yesterday", "the day after tomorrow", "the day before yesterday";
    /// - "in three days", "in two weeks", "in a month", "two weeks from today";
    /// - weekdays: bare, "on", "this" → the next one from today on (today included);
    ///   "coming" → the next one after today; "next" → the one in next calendar week
    ///   (Monday-first; on a Wednesday "next friday" is nine days away); "last" → the
    ///   latest one before today; "<weekday> next week" as "next";
    /// - day and month: "May 5th", "May fifth", "may the fifth", "the fifth of May",
    ///   "5 May", "Dec 3", optionally a year ("2026", "twenty twenty six", "two thousand
    ///   twenty six"); without a year the occurrence nearest the reference (ties: future);
    /// - numeric: "5/5/2026", "11/25/26", "2026-11-25", "25.11.2026" (month first when it
    ///   can be, US style); "5/5" only after a cue word ("on 5/5");
    /// - a day of the month after a cue: "on the 12th", "by the twenty first" → the next
    ///   such day from today on; a weekday with a day ("Tuesday the 1st", "Tuesday,
    ///   December 1") takes the day.
    ///
    /// Not handled: month alone ("in May"), "next week"/"this weekend" without a day,
    /// "end of the month", holidays, weekday abbreviations, ranges.
    static func findDates(_ ctx: EntityContext) -> [EntitySpan] {
        let tokens = ctx.tokens
        var hasCandidate = false
        for t in tokens where t.kind != .symbol {
            let w = t.text
            if t.kind == .number || t.kind == .alnum || monthNumbers[w] != nil || weekdayNumbers[w] != nil
                || w == "today" || w == "tonight" || w == "tomorrow" || w == "yesterday" || w == "in"
                || NumberWords.ordinalValues[w] != nil { hasCandidate = true; break }
        }
        guard hasCandidate else { return [] }
        let c = ctx.calendar.dateComponents([.year, .month, .day], from: ctx.reference)
        let today = CivilDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1)
        let reader = DateReader(ctx: ctx, today: today)
        var out: [EntitySpan] = []
        var i = 0
        while i < tokens.count {
            if let (date, end, relative) = reader.read(at: i) {
                out.append(EntitySpan(start: i, end: end, value: date.iso, spoken: reader.spoken(date, weekday: relative)))
                i = end
            } else {
                i += 1
            }
        }
        return out
    }
}

/// Reads one date starting at a token.
struct DateReader {
    let ctx: EntityContext
    let today: CivilDate
    typealias Found = (date: CivilDate, end: Int, relative: Bool)

    func word(_ i: Int) -> String { ctx.word(i) }

    func read(at i: Int) -> Found? {
        let w = word(i)
        switch w {
        case "today", "tonight": return (today, i + 1, true)
        case "tomorrow", "tmrw", "tmr": return (today.adding(days: 1), i + 1, true)
        case "yesterday": return (today.adding(days: -1), i + 1, true)
        case "the", "day":
            let k = w == "the" ? i + 1 : i
            if word(k) == "day", word(k + 1) == "after", word(k + 2) == "tomorrow" { return (today.adding(days: 2), k + 3, true) }
            if word(k) == "day", word(k + 1) == "before", word(k + 2) == "yesterday" { return (today.adding(days: -2), k + 3, true) }
        case "in":
            if let r = readOffset(at: i + 1) { return (r.date, r.end, true) }
            return nil
        default: break
        }
        if let r = readOffset(at: i), word(r.end) == "from", ["now", "today"].contains(word(r.end + 1)) {
            return (r.date, r.end + 2, true)
        }
        if let r = readWeekday(at: i) { return r }
        if let r = readMonthDay(at: i) { return (r.date, r.end, false) }
        if let r = readNumeric(at: i) { return (r.date, r.end, false) }
        if let r = readCuedDay(at: i) { return (r.date, r.end, false) }
        return nil
    }

    /// "three days", "two weeks", "a month" (after "in", or before "from now").
    func readOffset(at i: Int) -> (date: CivilDate, end: Int)? {
        var n = 0
        var k = i
        if ["a", "an"].contains(word(i)) { n = 1; k = i + 1 }
        else if let c = NumberWords.readCardinal(ctx.tokens, at: i), c.value > 0, c.value < 1000 { n = c.value; k = c.end }
        else { return nil }
        switch word(k) {
        case "day", "days": return (today.adding(days: n), k + 1)
        case "week", "weeks": return (today.adding(days: 7 * n), k + 1)
        case "fortnight": return (today.adding(days: 14 * n), k + 1)
        case "month", "months": return (today.adding(months: n), k + 1)
        default: return nil
        }
    }

    func readWeekday(at i: Int) -> Found? {
        var k = i
        var modifier = ""
        if ["this", "next", "last", "coming"].contains(word(k)) {
            modifier = word(k)
            k += 1
            if modifier == "this" && word(k) == "coming" { modifier = "coming"; k += 1 }
        }
        guard let target = EntityExtractor.weekdayNumbers[word(k)] else { return nil }
        k += 1
        if word(k) == "next", word(k + 1) == "week" { modifier = "next"; k += 2 }
        else if word(k) == "this", word(k + 1) == "week" { k += 2 }
        // "Tuesday the 1st", "Tuesday, December 1": the explicit day wins.
        var m = k
        if word(m) == "," { m += 1 }
        if let r = readMonthDay(at: m) { return (r.date, r.end, false) }
        if word(m) == "the", let o = NumberWords.readOrdinal(ctx.tokens, at: m + 1), (1...31).contains(o.value),
           word(o.end) != "of", let d = upcomingDay(o.value) {
            return (d, o.end, false)
        }
        let delta = ((target - today.weekday) % 7 + 7) % 7
        let days: Int
        switch modifier {
        case "next":
            var d = delta == 0 ? 7 : delta
            let position = (today.weekday + 5) % 7 // Monday = 0
            if position + d <= 6 { d += 7 }
            days = d
        case "last": days = delta == 0 ? -7 : delta - 7
        case "coming": days = delta == 0 ? 7 : delta
        default: days = delta
        }
        return (today.adding(days: days), k, true)
    }

    /// Words that may follow a bare day ("on the 12th at noon", "by the 5th please").
    static let afterDay: Set<String> = ["at", "in", "please", "then", "and", "or", "if", "would", "works", "is", "next", "this"]

    /// "the 12th" after a cue word: the next such day from today on.
    func readCuedDay(at i: Int) -> (date: CivilDate, end: Int)? {
        guard EntityExtractor.dateCues.contains(word(i - 1)) else { return nil }
        let k = word(i) == "the" ? i + 1 : i
        guard let o = NumberWords.readOrdinal(ctx.tokens, at: k), (1...31).contains(o.value),
              let d = upcomingDay(o.value) else { return nil }
        // "for the first time", "after the second one": an ordinal before a noun is not a day.
        let next = word(o.end)
        guard ctx.isBoundary(o.end) || Self.afterDay.contains(next) || EntityExtractor.weekdayNumbers[next] != nil else { return nil }
        return (d, o.end)
    }

    /// The next day-of-month `day` from today on (skipping months too short for it).
    func upcomingDay(_ day: Int) -> CivilDate? {
        var y = today.year, m = today.month
        if day < today.day { m += 1; if m > 12 { m = 1; y += 1 } }
        for _ in 0..<3 {
            if let d = CivilDate.valid(year: y, month: m, day: day) { return d }
            m += 1; if m > 12 { m = 1; y += 1 }
        }
        return nil
    }

    /// A day of the month: ordinal ("fifth", "5th") or, where `cardinal`, "5" / "five".
    func readDay(at i: Int, cardinal: Bool) -> (day: Int, end: Int)? {
        if let o = NumberWords.readOrdinal(ctx.tokens, at: i), (1...31).contains(o.value) { return (o.value, o.end) }
        guard cardinal else { return nil }
        let t = i < ctx.count ? ctx.tokens[i] : nil
        if let t, t.kind == .number {
            guard t.isDigits, t.text.utf8.count <= 2, let v = Int(t.text), (1...31).contains(v) else { return nil }
            return (v, i + 1)
        }
        if let c = NumberWords.readCardinal(ctx.tokens, at: i), (1...31).contains(c.value) { return (c.value, c.end) }
        return nil
    }

    /// A month name; abbreviations may carry a dot ("Dec.").
    func readMonth(at i: Int) -> (month: Int, end: Int)? {
        guard let m = EntityExtractor.monthNumbers[word(i)] else { return nil }
        if word(i).count <= 4, word(i + 1) == ".", i + 1 < ctx.count, !ctx.tokens[i + 1].spaceBefore { return (m, i + 2) }
        return (m, i + 1)
    }

    func readMonthDay(at i: Int) -> (date: CivilDate, end: Int)? {
        // "May 5th", "may the fifth", "december twenty first"
        if let m = readMonth(at: i) {
            var k = m.end
            if word(k) == "the" { k += 1 }
            if let d = readDay(at: k, cardinal: k == m.end) {
                // "may 5" must not be the start of a time or an amount: "may 5 pm" is rare; accept.
                return resolve(month: m.month, day: d.day, yearAt: d.end)
            }
            return nil
        }
        // "the fifth of May", "5th May", "5 May", "fifth of may"
        var k = i
        if word(k) == "the" { k += 1 }
        guard let d = readDay(at: k, cardinal: true) else { return nil }
        var e = d.end
        let sawOf = word(e) == "of"
        if sawOf { e += 1 }
        guard let m = readMonth(at: e) else { return nil }
        // A cardinal word without "of" ("five may") is too loose; typed "5 May" is fine.
        let isOrdinal = NumberWords.readOrdinal(ctx.tokens, at: k) != nil
        if !isOrdinal && !sawOf && ctx.tokens[k].kind != .number { return nil }
        return resolve(month: m.month, day: d.day, yearAt: m.end)
    }

    /// Reads an optional year at `i` and resolves the date.
    func resolve(month: Int, day: Int, yearAt i: Int) -> (date: CivilDate, end: Int)? {
        var k = i
        if word(k) == "," { k += 1 }
        if let y = readYear(at: k) {
            guard let d = CivilDate.valid(year: y.year, month: month, day: day) else { return nil }
            return (d, y.end)
        }
        // No year: the occurrence nearest today (ties go to the future).
        var best: CivilDate?
        for year in [today.year, today.year + 1, today.year - 1] {
            guard let d = CivilDate.valid(year: year, month: month, day: day) else { continue }
            if let b = best {
                let db = abs(b.dayNumber - today.dayNumber), dd = abs(d.dayNumber - today.dayNumber)
                if dd < db || (dd == db && d > b) { best = d }
            } else { best = d }
        }
        guard let best else { return nil }
        return (best, i)
    }

    /// A year: typed "2026", or spoken "twenty twenty six", "nineteen ninety", "twenty oh five",
    /// "two thousand twenty six", "two thousand and five".
    func readYear(at i: Int) -> (year: Int, end: Int)? {
        guard i < ctx.count else { return nil }
        let t = ctx.tokens[i]
        if t.kind == .number {
            guard t.isDigits, t.text.utf8.count == 4, let y = Int(t.text), (1900...2199).contains(y) else { return nil }
            return (y, i + 1)
        }
        guard t.isWord else { return nil }
        if let c = NumberWords.readCardinal(ctx.tokens, at: i), (1900...2199).contains(c.value) { return (c.value, c.end) }
        let hi = NumberWords.teenValues[t.text] ?? NumberWords.tensValues[t.text]
        guard let hi, hi == 19 || hi == 20 || hi == 21 else { return nil }
        if word(i + 1) == "oh", let u = NumberWords.unitValues[word(i + 2)], u > 0 { return (hi * 100 + u, i + 3) }
        if let lo = NumberWords.readCardinal(ctx.tokens, at: i + 1), (10...99).contains(lo.value), ctx.tokens[i + 1].isWord {
            return (hi * 100 + lo.value, lo.end)
        }
        return nil
    }

    /// "5/5/2026", "11/25/26", "5/5" (after a cue), "2026-11-25", "25.11.2026".
    func readNumeric(at i: Int) -> (date: CivilDate, end: Int)? {
        let tokens = ctx.tokens
        guard i < tokens.count, tokens[i].kind == .number else { return nil }
        let t = tokens[i]
        // "25.11.2026": one token with two dots.
        if !t.isDigits {
            let parts = t.text.split(separator: ".")
            guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
                  parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 || parts[2].count == 2,
                  let d = Int(parts[0]), let m = Int(parts[1]), var y = Int(parts[2]) else { return nil }
            if y < 100 { y += 2000 }
            return CivilDate.valid(year: y, month: m, day: d).map { ($0, i + 1) }
        }
        // Glued groups separated by one kind of separator.
        var groups: [String] = [t.text]
        var k = i + 1
        var sep = ""
        while k + 1 < tokens.count, groups.count < 3, tokens[k].kind == .symbol, !tokens[k].spaceBefore,
              tokens[k].text == "/" || tokens[k].text == "-", sep.isEmpty || tokens[k].text == sep,
              tokens[k + 1].isDigits, !tokens[k + 1].spaceBefore {
            sep = tokens[k].text
            groups.append(tokens[k + 1].text)
            k += 2
        }
        guard groups.count >= 2 else { return nil }
        let nums = groups.compactMap { Int($0) }
        if groups[0].count == 4 {
            // ISO: yyyy-MM-dd
            guard groups.count == 3 else { return nil }
            return CivilDate.valid(year: nums[0], month: nums[1], day: nums[2]).map { ($0, k) }
        }
        guard sep == "/" || groups.count == 3, groups[0].count <= 2, groups[1].count <= 2 else { return nil }
        var month = nums[0], day = nums[1]
        if month > 12 && day <= 12 { swap(&month, &day) }
        if groups.count == 3 {
            guard groups[2].count == 4 || groups[2].count == 2 else { return nil }
            let y = groups[2].count == 2 ? 2000 + nums[2] : nums[2]
            return CivilDate.valid(year: y, month: month, day: day).map { ($0, k) }
        }
        guard EntityExtractor.dateCues.contains(word(i - 1)) || EntityExtractor.weekdayNumbers[word(i - 1)] != nil,
              CivilDate.valid(year: 2000, month: month, day: day) != nil else { return nil }
        return resolve(month: month, day: day, yearAt: k)
    }

    /// "May fifth", "Tuesday, December first", "May fifth, twenty twenty seven".
    func spoken(_ date: CivilDate, weekday: Bool) -> String {
        var s = EntityExtractor.monthNames[date.month] + " " + NumberWords.spellOrdinal(date.day)
        if weekday { s = EntityExtractor.weekdayNames[date.weekday] + ", " + s }
        if date.year != today.year { s += ", " + NumberWords.spellYear(date.year) }
        return s
    }
}
