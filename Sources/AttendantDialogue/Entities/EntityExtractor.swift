// Design note — EntityExtractor
//
// One pass of a small tokenizer (`EntityTokenizer`) turns typed text or recognizer output
// into tokens that remember where they came from; every slot kind is then a hand-written
// reader over those tokens (no big regular expressions, no NumberFormatter), so typed and
// spoken forms share one grammar: "48213" and "four eight two one three" both reach the
// same digit reader, "$12.50" and "twelve dollars and fifty cents" the same money reader.
//
// Precision before recall. Readers only fire on forms that are unambiguous in a call:
// a bare ordinal needs a cue ("on the 12th"), an hour needs "at"/"around" or a.m./p.m.,
// weak answers ("right", "correct", "okay") only count at the start of a reply or after
// "that's", "no" before a noun ("no problem", "no idea") is not an answer, a patterned id
// must match a whole run of digits/letters (or a part of it cut where letters turn into
// digits or at a typed group), and numbers inside a date, time, amount or e-mail address
// are not reported again as numbers.
//
// Resolution rules (documented on the kinds): dates are relative to the caller-supplied
// reference date and time zone — bare and "this" weekdays are the next one from today on,
// "next <weekday>" is the one in next calendar week (Monday-first), a day and month without
// a year is the occurrence nearest the reference date, a bare day of the month ("on the
// 12th") is the next one from today on; times without a.m./p.m. read 1…7 as afternoon
// (business hours), money has two decimals and an ISO currency code (USD when none is said).
//
// Cost: one tokenization and a linear scan per requested kind; patterned ids run their
// regular expression only over short runs of id-like tokens.

import Foundation

/// Finds slot values (entities) in what a caller said or typed.
///
/// Handles typed text ("Order 48213, it's $12.50") and speech-recognizer output
/// (lowercase words, digits as words: "four eight two one three", "twelve dollars and
/// fifty cents", "ann dot lee at example dot com", "next tuesday", "half past two").
/// A value is immutable and `Sendable`; build it once per set of slot types and share it.
public struct EntityExtractor: Sendable {
    enum Compiled: Sendable {
        case number, date, time, money, phone, email, yesNo
        case pattern(IdentifierPattern)
        case list(ListMatcher)
    }

    struct Slot: Sendable {
        var name: String
        var kind: Compiled
    }

    let slots: [Slot]

    /// Prepares the extractor for the given slot types.
    ///
    /// - Parameter types: the slot types to recognize; designer types (patterns, lists)
    ///   are appended to ``SlotType/builtIn`` by the caller. A pattern that is not a valid
    ///   regular expression never matches.
    public init(types: [SlotType] = SlotType.builtIn) {
        slots = types.map { type in
            let kind: Compiled
            switch type.kind {
            case .number: kind = .number
            case .date: kind = .date
            case .time: kind = .time
            case .money: kind = .money
            case .phone: kind = .phone
            case .email: kind = .email
            case .yesNo: kind = .yesNo
            case .pattern(let p): kind = .pattern(IdentifierPattern(p))
            case .list(let values): kind = .list(ListMatcher(values))
            }
            return Slot(name: type.name, kind: kind)
        }
    }

    /// Every entity of the requested slot types found in `text`, in order of appearance.
    ///
    /// - Parameters:
    ///   - text: typed text or speech-recognizer output.
    ///   - types: names of the slot types to look for; all when nil.
    ///   - reference: "now", for relative dates ("tomorrow", "next tuesday"); pass the
    ///     call's clock — nothing else is read from the system clock.
    ///   - timeZone: the time zone `reference` is read in.
    /// - Returns: entities whose ``Entity/slot`` is the slot type's name, with a canonical
    ///   ``Entity/value``, the words as said in ``Entity/text`` and how to read the value
    ///   back in ``Entity/spoken``. Entities of different slots may overlap ("48213" can be
    ///   both an `order_id` and a `number`); entities of one slot do not.
    public func extract(from text: String, types: Set<String>? = nil, reference: Date = Date(),
                        timeZone: TimeZone = .current) -> [Entity] {
        let tokens = EntityTokenizer.tokenize(text)
        guard !tokens.isEmpty else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        let ctx = EntityContext(text: text, tokens: tokens, reference: reference, calendar: calendar)

        var dates: [EntitySpan]?, times: [EntitySpan]?, money: [EntitySpan]?, emails: [EntitySpan]?, phones: [EntitySpan]?
        func cached(_ store: inout [EntitySpan]?, _ make: () -> [EntitySpan]) -> [EntitySpan] {
            if let s = store { return s }
            let s = make()
            store = s
            return s
        }

        var found: [(start: Int, order: Int, entity: Entity)] = []
        for (order, slot) in slots.enumerated() {
            if let types, !types.contains(slot.name) { continue }
            let spans: [EntitySpan]
            switch slot.kind {
            case .number:
                let numbers = Self.findNumbers(ctx)
                if numbers.isEmpty { spans = []; break }
                // A number that is part of a date, time, amount or address is not reported again.
                let covering = cached(&dates) { Self.findDates(ctx) } + cached(&times) { Self.findTimes(ctx) }
                    + cached(&money) { Self.findMoney(ctx) } + cached(&emails) { Self.findEmails(ctx) }
                let phoneSpans = cached(&phones) { Self.findPhones(ctx) }
                spans = numbers.filter { n in
                    !covering.contains { $0.start <= n.start && n.end <= $0.end }
                        && !phoneSpans.contains { $0.start <= n.start && n.end <= $0.end && ($0.end - $0.start) > (n.end - n.start) }
                }
            case .date: spans = cached(&dates) { Self.findDates(ctx) }
            case .time: spans = cached(&times) { Self.findTimes(ctx) }
            case .money: spans = cached(&money) { Self.findMoney(ctx) }
            case .phone: spans = cached(&phones) { Self.findPhones(ctx) }
            case .email: spans = cached(&emails) { Self.findEmails(ctx) }
            case .yesNo: spans = Self.findYesNo(ctx)
            case .pattern(let p): spans = p.find(ctx)
            case .list(let l): spans = l.find(ctx)
            }
            for s in spans {
                found.append((s.start, order, Entity(slot: slot.name, value: s.value, text: ctx.text(s.start, s.end),
                                                    spoken: s.spoken == s.value ? nil : s.spoken)))
            }
        }
        found.sort { $0.start != $1.start ? $0.start < $1.start : $0.order < $1.order }
        return found.map(\.entity)
    }
}

/// A value found over tokens `start..<end`.
struct EntitySpan: Sendable {
    var start: Int
    var end: Int
    var value: String
    var spoken: String?
}

/// What every reader sees: the tokens, the original text and the caller's clock.
struct EntityContext {
    let text: String
    let tokens: [EntityToken]
    let reference: Date
    let calendar: Calendar

    var count: Int { tokens.count }

    /// The original text of tokens `start..<end`.
    func text(_ start: Int, _ end: Int) -> String {
        String(text[tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound])
    }

    /// The token's normalized text, or "" past either end.
    func word(_ i: Int) -> String {
        i >= 0 && i < tokens.count ? tokens[i].text : ""
    }

    /// Whether token `i` ends a clause: past the end or a punctuation mark.
    func isBoundary(_ i: Int) -> Bool {
        guard i >= 0 && i < tokens.count else { return true }
        let t = tokens[i]
        return t.kind == .symbol && ".,!?;:".contains(t.text)
    }
}
