import Testing
@testable import AttendantDialogue

@Suite struct EntityNumberTests {
    @Test("numbers, spoken and typed", arguments: [
        ("four five six seven", "4567"),
        ("it's four eight two one three", "48213"),
        ("oh seven one", "071"),
        ("double seven three", "773"),
        ("triple five", "555"),
        ("twenty three", "23"),
        ("I need twenty-three of them", "23"),
        ("one hundred and five", "105"),
        ("a hundred", "100"),
        ("two thousand twenty", "2020"),
        ("three hundred thousand", "300000"),
        ("one million two hundred thousand", "1200000"),
        ("nineteen", "19"),
        ("zero", "0"),
        ("23", "23"),
        ("we have 1,250 units", "1250"),
        ("about 12.5 percent", "12.5"),
        ("three point five", "3.5"),
        ("5 thousand", "5000"),
        ("I need two", "2"),
        ("order 4 8 2 1 3", "48213"),
        ("give me one", "1"),
    ])
    func number(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "number") == [expected])
    }

    @Test("several numbers in order", arguments: [
        ("twenty three and forty five", ["23", "45"]),
        ("2 adults and 3 kids", ["2", "3"]),
        ("one two three then seven", ["123", "7"]),
    ])
    func several(_ text: String, _ expected: [String]) {
        #expect(EntityFixture.values(text, "number") == expected)
    }

    @Test("no number", arguments: [
        "I want the blue one",
        "that one please",
        "hello there",
        "oh no",
        "a lot of them",
        "abc123",
    ])
    func noNumber(_ text: String) {
        #expect(EntityFixture.values(text, "number").isEmpty)
    }

    @Test("numbers inside dates, times, amounts and addresses are not numbers again", arguments: [
        "it's $12.50",
        "twelve dollars and fifty cents",
        "on May 5th 2026",
        "at 2:30 pm",
        "half past two",
        "john23@example.com",
        "call 555-123-4567",
    ])
    func masked(_ text: String) {
        #expect(EntityFixture.values(text, "number").isEmpty)
    }

    @Test func spokenForm() {
        let e = EntityFixture.entities("four five six seven", ["number"])
        #expect(e.first?.spoken == "four five six seven")
        #expect(EntityFixture.entities("23", ["number"]).first?.spoken == "twenty three")
        #expect(EntityFixture.entities("one hundred and five", ["number"]).first?.text == "one hundred and five")
    }

    @Test("spelling numbers", arguments: [
        (5, "five"), (23, "twenty three"), (105, "one hundred five"), (2020, "two thousand twenty"),
        (1_000_000, "one million"),
    ])
    func spell(_ n: Int, _ words: String) {
        #expect(NumberWords.spell(n) == words)
    }

    @Test("ordinals", arguments: [(1, "first"), (5, "fifth"), (12, "twelfth"), (20, "twentieth"), (21, "twenty first"), (30, "thirtieth")])
    func ordinal(_ n: Int, _ words: String) {
        #expect(NumberWords.spellOrdinal(n) == words)
    }
}
