import Foundation
import Testing
@testable import AttendantDialogue

/// Reference date: Wednesday 2026-11-25 (UTC).
@Suite struct EntityDateTests {
    @Test("relative and weekday dates", arguments: [
        ("today", "2026-11-25"),
        ("can you come tomorrow", "2026-11-26"),
        ("Tomorrow please.", "2026-11-26"),
        ("yesterday", "2026-11-24"),
        ("the day after tomorrow", "2026-11-27"),
        ("tonight", "2026-11-25"),
        ("next tuesday", "2026-12-01"),
        ("next friday", "2026-12-04"),
        ("next wednesday", "2026-12-02"),
        ("this friday", "2026-11-27"),
        ("on friday", "2026-11-27"),
        ("friday", "2026-11-27"),
        ("wednesday", "2026-11-25"),
        ("this coming wednesday", "2026-12-02"),
        ("last tuesday", "2026-11-24"),
        ("last wednesday", "2026-11-18"),
        ("monday next week", "2026-11-30"),
        ("in three days", "2026-11-28"),
        ("in two weeks", "2026-12-09"),
        ("in a week", "2026-12-02"),
        ("two weeks from today", "2026-12-09"),
        ("in a month", "2026-12-25"),
    ])
    func relative(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "date") == [expected])
    }

    @Test("day and month", arguments: [
        ("the fifth of may", "2027-05-05"),
        ("May 5th", "2027-05-05"),
        ("may fifth", "2027-05-05"),
        ("may the fifth", "2027-05-05"),
        ("5 May", "2027-05-05"),
        ("december third", "2026-12-03"),
        ("December 3", "2026-12-03"),
        ("Dec. 3rd", "2026-12-03"),
        ("november second", "2026-11-02"),
        ("the twenty first of december", "2026-12-21"),
        ("december twenty-first", "2026-12-21"),
        ("on the first of january", "2027-01-01"),
        ("may fifth twenty twenty six", "2026-05-05"),
        ("May 5, 2026", "2026-05-05"),
        ("may fifth two thousand twenty six", "2026-05-05"),
        ("march third nineteen ninety", "1990-03-03"),
        ("Tuesday, December 1", "2026-12-01"),
        ("tuesday the first", "2026-12-01"),
    ])
    func monthDay(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "date") == [expected])
    }

    @Test("numeric and bare days", arguments: [
        ("5/5/2026", "2026-05-05"),
        ("11/25/26", "2026-11-25"),
        ("2026-12-01", "2026-12-01"),
        ("25.11.2026", "2026-11-25"),
        ("25/12/2026", "2026-12-25"),
        ("on 12/3", "2026-12-03"),
        ("on the 12th", "2026-12-12"),
        ("by the twenty eighth", "2026-11-28"),
        ("on the 25th", "2026-11-25"),
        ("can we do it on the 30th?", "2026-11-30"),
    ])
    func numeric(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "date") == [expected])
    }

    @Test("no date", arguments: [
        "I may need help",
        "march on",
        "this is the fifth time I'm calling",
        "for the first time",
        "1/2 cup",
        "today's special is sold out",
        "in a minute",
        "second floor",
        "next week",
    ])
    func noDate(_ text: String) {
        #expect(EntityFixture.values(text, "date").isEmpty)
    }

    @Test func spokenAndText() {
        let e = EntityFixture.entities("can you come next tuesday at ten", ["date"])
        #expect(e.count == 1)
        #expect(e.first?.text == "next tuesday")
        #expect(e.first?.spoken == "Tuesday, December first")
        #expect(EntityFixture.entities("the fifth of May", ["date"]).first?.spoken == "May fifth, twenty twenty seven")
        #expect(EntityFixture.entities("december 3", ["date"]).first?.spoken == "December third")
    }

    @Test func timeZoneDecidesToday() {
        // 2026-11-25 12:00 UTC is already the 26th in Auckland.
        let e = EntityExtractor().extract(from: "today", types: ["date"], reference: EntityFixture.reference,
                                          timeZone: TimeZone(identifier: "Pacific/Auckland")!)
        #expect(e.map(\.value) == ["2026-11-26"])
    }

    @Test("civil date arithmetic round-trips", arguments: [-800_000, -1, 0, 59, 365, 11_016, 20_782, 2_000_000])
    func civil(_ n: Int) {
        let d = CivilDate(dayNumber: n)
        #expect(d.dayNumber == n)
    }
}

@Suite struct EntityTimeTests {
    @Test("times", arguments: [
        ("noon", "12:00"),
        ("at midnight", "00:00"),
        ("2:30 pm", "14:30"),
        ("14:30", "14:30"),
        ("2:30pm", "14:30"),
        ("at 9:15", "09:15"),
        ("2pm", "14:00"),
        ("10 a.m.", "10:00"),
        ("half past two", "14:30"),
        ("quarter to five", "16:45"),
        ("a quarter past ten", "10:15"),
        ("quarter to one", "12:45"),
        ("twenty past three", "15:20"),
        ("ten minutes to four", "15:50"),
        ("ten a m", "10:00"),
        ("two thirty p m", "14:30"),
        ("nine oh five a m", "09:05"),
        ("at two thirty", "14:30"),
        ("um two thirty please", "14:30"),
        ("three o'clock", "15:00"),
        ("three oclock", "15:00"),
        ("eleven o clock", "11:00"),
        ("seven in the evening", "19:00"),
        ("eight in the morning", "08:00"),
        ("at five", "17:00"),
        ("around 3 tomorrow", "15:00"),
        ("at nine", "09:00"),
        ("12 pm", "12:00"),
        ("12 am", "00:00"),
        ("at twelve", "12:00"),
        ("eleven thirty", "11:30"),
    ])
    func time(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "time") == [expected])
    }

    @Test("no time", arguments: [
        "I need two",
        "order two thirty",
        "at one point",
        "from five to nine items",
        "one of two",
        "it costs 2.30",
        "at 5 dollars each",
        "I have three kids",
    ])
    func noTime(_ text: String) {
        #expect(EntityFixture.values(text, "time").isEmpty)
    }

    @Test func spoken() {
        #expect(EntityFixture.entities("half past two", ["time"]).first?.spoken == "two thirty p m")
        #expect(EntityFixture.entities("at noon", ["time"]).first?.spoken == "noon")
        #expect(EntityFixture.entities("9:05am", ["time"]).first?.spoken == "nine oh five a m")
    }

    @Test func dateAndTimeTogether() {
        let e = EntityFixture.entities("tomorrow at two thirty p m", ["date", "time"])
        #expect(e.map(\.slot) == ["date", "time"])
        #expect(e.map(\.value) == ["2026-11-26", "14:30"])
        #expect(e.map(\.text) == ["tomorrow", "two thirty p m"])
    }
}
