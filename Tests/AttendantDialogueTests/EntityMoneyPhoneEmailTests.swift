import Testing
@testable import AttendantDialogue

@Suite struct EntityMoneyTests {
    @Test("amounts", arguments: [
        ("$12.50", "12.50 USD"),
        ("Order 48213, it's $12.50", "12.50 USD"),
        ("$12", "12.00 USD"),
        ("$1,250", "1250.00 USD"),
        ("$12.5", "12.50 USD"),
        ("€5", "5.00 EUR"),
        ("£20", "20.00 GBP"),
        ("USD 12.50", "12.50 USD"),
        ("12.50 dollars", "12.50 USD"),
        ("12 euros", "12.00 EUR"),
        ("twelve dollars", "12.00 USD"),
        ("twelve dollars and fifty cents", "12.50 USD"),
        ("twelve dollars fifty", "12.50 USD"),
        ("a hundred bucks", "100.00 USD"),
        ("a dollar fifty", "1.50 USD"),
        ("twenty pounds", "20.00 GBP"),
        ("five pounds twenty pence", "5.20 GBP"),
        ("fifty cents", "0.50 USD"),
        ("two thousand dollars", "2000.00 USD"),
        ("one hundred and five euros", "105.00 EUR"),
        ("they charged me 49.99 dollars twice", "49.99 USD"),
    ])
    func amount(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "money") == [expected])
    }

    @Test("no amount", arguments: ["twelve fifty", "12.50", "I need two", "the dollar sign", "dollars"])
    func noAmount(_ text: String) {
        #expect(EntityFixture.values(text, "money").isEmpty)
    }

    @Test func spoken() {
        #expect(EntityFixture.entities("$12.50", ["money"]).first?.spoken == "twelve dollars and fifty cents")
        #expect(EntityFixture.entities("£1", ["money"]).first?.spoken == "one pound")
        #expect(EntityFixture.entities("fifty cents", ["money"]).first?.spoken == "fifty cents")
    }
}

@Suite struct EntityPhoneTests {
    @Test("phone numbers", arguments: [
        ("555-123-4567", "5551234567"),
        ("(555) 123-4567", "5551234567"),
        ("call me on 555 123 4567", "5551234567"),
        ("555.123.4567", "5551234567"),
        ("+1 555 123 4567", "+15551234567"),
        ("+44 20 7946 0958", "+442079460958"),
        ("five five five one two three four five six seven", "5551234567"),
        ("plus four four two oh seven nine four six oh nine five eight", "+442079460958"),
        ("five five five one two three four", "5551234"),
        ("double five five one two three four", "5551234"),
        ("five five five twelve thirty four", "5551234"),
        ("one eight hundred five five five one two one two", "18005551212"),
        ("five five five dash one two three four", "5551234"),
    ])
    func phone(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "phone") == [expected])
    }

    @Test("no phone", arguments: [
        "four eight two one three",
        "48213",
        "I need two",
        "$1,250,000",
        "twelve dollars and fifty cents",
        "one two three",
    ])
    func noPhone(_ text: String) {
        #expect(EntityFixture.values(text, "phone").isEmpty)
    }

    @Test func spoken() {
        #expect(EntityFixture.entities("555-123-4567", ["phone"]).first?.spoken == "five five five, one two three, four five six seven")
    }
}

@Suite struct EntityEmailTests {
    @Test("addresses", arguments: [
        ("ann.lee@example.com", "ann.lee@example.com"),
        ("my email is Ann.Lee@Example.com.", "ann.lee@example.com"),
        ("email ann_lee+news@mail.example.co.uk please", "ann_lee+news@mail.example.co.uk"),
        ("ann dot lee at example dot com", "ann.lee@example.com"),
        ("my email is ann dot lee at example dot com", "ann.lee@example.com"),
        ("a n n dot l e e at gmail dot com", "ann.lee@gmail.com"),
        ("it's ann at example dot com", "ann@example.com"),
        ("j smith at gmail dot com", "jsmith@gmail.com"),
        ("ann underscore lee at example dot org", "ann_lee@example.org"),
        ("ann dash lee at my dash shop dot com", "ann-lee@my-shop.com"),
        ("john twenty three at yahoo dot com", "john23@yahoo.com"),
        ("john two three at yahoo dot co dot uk", "john23@yahoo.co.uk"),
        ("ann at example.com", "ann@example.com"),
        ("send it to ann at example dot com thanks", "ann@example.com"),
    ])
    func email(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "email") == [expected])
    }

    @Test("no address", arguments: [
        "I'll be there at five",
        "call me at home",
        "at example dot",
        "look at this",
        "ann @ example",
        "meet at the office dot",
    ])
    func noEmail(_ text: String) {
        #expect(EntityFixture.values(text, "email").isEmpty)
    }

    @Test func spokenAndText() {
        let e = EntityFixture.entities("my email is a n n dot l e e at gmail dot com", ["email"])
        #expect(e.first?.text == "a n n dot l e e at gmail dot com")
        #expect(e.first?.spoken == "ann dot lee at gmail dot com")
    }
}
