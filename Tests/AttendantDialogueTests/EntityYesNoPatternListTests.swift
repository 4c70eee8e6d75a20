import Testing
@testable import AttendantDialogue

@Suite struct EntityYesNoTests {
    @Test("yes", arguments: [
        "yes", "Yes.", "yeah", "yep", "sure", "sure thing", "correct", "that's right", "thats right",
        "that is correct", "absolutely", "please do", "yes please", "of course", "okay", "ok go ahead",
        "right", "uh huh", "yeah that's it", "oh yes", "well, sure", "definitely", "sounds good",
        "I don't mind", "you got it", "that's correct thank you", "alright",
    ])
    func yes(_ text: String) {
        #expect(EntityFixture.values(text, "yes_no").first == "yes", "\(EntityFixture.values(text, "yes_no"))")
    }

    @Test("no", arguments: [
        "no", "No.", "nope", "nah", "that's wrong", "not really", "don't", "no thanks", "no thank you",
        "no, that's not right", "absolutely not", "I don't think so", "not at all", "please don't",
        "well no", "do not", "that's not correct", "incorrect", "not yet", "no way", "of course not",
        "I don't want it", "definitely not",
    ])
    func no(_ text: String) {
        #expect(EntityFixture.values(text, "yes_no").first == "no", "\(EntityFixture.values(text, "yes_no"))")
    }

    @Test("neither", arguments: [
        "I know", "I don't know", "no problem", "no worries", "I have no idea", "I'm not sure",
        "not sure", "make sure it arrives", "right now", "can you correct my address",
        "okay so my order is late", "there is no signal", "my order number is four eight two",
        "never mind", "why don't you call me back", "I have a question", "turn right",
        "no one answered", "the right one",
    ])
    func neither(_ text: String) {
        #expect(EntityFixture.values(text, "yes_no").isEmpty, "\(EntityFixture.values(text, "yes_no"))")
    }

    @Test func textIsThePhrase() {
        let e = EntityFixture.entities("um, that's right", ["yes_no"])
        #expect(e.map(\.text) == ["that's right"])
        #expect(e.first?.spoken == nil)
    }
}

@Suite struct EntityPatternTests {
    @Test("order numbers", arguments: [
        ("four eight two one three", "48213"),
        ("48213", "48213"),
        ("order 4 8 2 1 3", "48213"),
        ("Order 48213, it's $12.50", "48213"),
        ("my order number is four eight two one three thanks", "48213"),
        ("it's a four eight two one three", "48213"),
        ("four eight double two three", "48223"),
        ("oh four two one three", "04213"),
    ])
    func orderID(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "order_id") == [expected])
    }

    @Test("not an order number", arguments: [
        "I need two",
        "four eight two one three nine",
        "four eight two",
        "482139",
        "$12.50",
        "one hundred twenty three dollars",
        "call 555-123-4567",
        "1,250",
    ])
    func notOrderID(_ text: String) {
        #expect(EntityFixture.values(text, "order_id").isEmpty, "\(EntityFixture.values(text, "order_id"))")
    }

    @Test("letters and digits", arguments: [
        ("a b c one two three", "ABC123"),
        ("my ticket is x y z nine eight seven", "XYZ987"),
        ("ABC123", "ABC123"),
        ("abc123", "ABC123"),
        ("ABC 123", "ABC123"),
        ("bee dee ess four four four", "BDS444"),
    ])
    func ticket(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "ticket") == [expected])
    }

    @Test func spokenForm() {
        let e = EntityFixture.entities("a b c one two three", ["ticket"])
        #expect(e.first?.spoken == "A B C one two three")
        #expect(e.first?.text == "a b c one two three")
    }

    @Test func dashPatterns() {
        let x = EntityExtractor(types: [SlotType(name: "ref", kind: .pattern("[A-Z]{2}-[0-9]{4}"))])
        #expect(x.extract(from: "ref AB-1234 please", reference: EntityFixture.reference).map(\.value) == ["AB-1234"])
        #expect(x.extract(from: "a b dash one two three four", reference: EntityFixture.reference).map(\.value) == ["AB-1234"])
    }

    @Test func invalidPatternNeverMatches() {
        let x = EntityExtractor(types: [SlotType(name: "bad", kind: .pattern("[0-9"))])
        #expect(x.extract(from: "12345", reference: EntityFixture.reference).isEmpty)
    }
}

@Suite struct EntityListTests {
    @Test("list values", arguments: [
        ("I have an iphone", "iphone"),
        ("it's an i phone", "iphone"),
        ("my Apple Phone is broken", "iphone"),
        ("i-phone", "iphone"),
        ("samsung galaxy", "android"),
        ("a Samsung", "android"),
        ("my android phone", "android"),
        ("my home phone", "landline"),
        ("both my iphones", "iphone"),
        ("landline", "landline"),
    ])
    func value(_ text: String, _ expected: String) {
        #expect(EntityFixture.values(text, "device") == [expected])
    }

    @Test func longestMatchWins() {
        let e = EntityFixture.entities("my samsung galaxy", ["device"])
        #expect(e.map(\.text) == ["samsung galaxy"])
    }

    @Test func severalInOrder() {
        #expect(EntityFixture.values("switching from android to iphone", "device") == ["android", "iphone"])
    }

    @Test("word boundaries", arguments: ["phone", "my apple", "iphonex", "androidx", "landlines are dying"])
    func boundaries(_ text: String) {
        let v = EntityFixture.values(text, "device")
        if text.hasPrefix("landlines") {
            #expect(v == ["landline"]) // a plural of a value still names it
        } else {
            #expect(v.isEmpty, "\(v)")
        }
    }
}

@Suite struct EntityExtractorTests {
    @Test func typedSentenceAllKinds() {
        let e = EntityFixture.entities("Order 48213, it's $12.50")
        #expect(e.map(\.slot) == ["number", "order_id", "money"])
        #expect(e.map(\.value) == ["48213", "48213", "12.50 USD"])
        #expect(e.map(\.text) == ["48213", "48213", "$12.50"])
    }

    @Test func spokenSentenceAllKinds() {
        let e = EntityFixture.entities("yes my order is four eight two one three and it cost twelve dollars fifty")
        #expect(e.map(\.slot) == ["yes_no", "number", "order_id", "money"])
        #expect(e.map(\.value) == ["yes", "48213", "48213", "12.50 USD"])
    }

    @Test func typesFilter() {
        let e = EntityFixture.entities("tomorrow at 3pm, yes", ["time"])
        #expect(e.map(\.value) == ["15:00"])
        #expect(EntityFixture.entities("tomorrow", ["nothing"]).isEmpty)
    }

    @Test func emptyAndPunctuation() {
        #expect(EntityFixture.entities("").isEmpty)
        #expect(EntityFixture.entities("   ?! ...").isEmpty)
    }

    @Test func defaultTypesAreBuiltIns() {
        let e = EntityExtractor().extract(from: "yes, 48213", reference: EntityFixture.reference, timeZone: EntityFixture.utc)
        #expect(e.map(\.slot) == ["yes_no", "number"])
    }
}
