import Testing
@testable import AttendantDialogue

@Suite struct SentimentAnalyzerTests {
    let analyzer = SentimentAnalyzer()

    @Test("labels", arguments: [
        ("thank you so much, that was great", Sentiment.Label.positive),
        ("thanks, you've been very helpful", .positive),
        ("great, that's exactly what I needed", .positive),
        ("I love this service", .positive),
        ("perfect, thank you", .positive),
        ("that's wonderful news", .positive),
        ("excellent service as always", .positive),
        ("no problem at all, thanks", .positive),
        ("not bad", .positive),
        ("I want to check my order status", .neutral),
        ("my order number is four eight two one three", .neutral),
        ("can I change my delivery address", .neutral),
        ("what time do you open tomorrow", .neutral),
        ("okay", .neutral),
        ("I want to cancel my order", .neutral),
        ("yes", .neutral),
        ("this is ridiculous", .negative),
        ("your service is useless", .negative),
        ("I'm so angry right now", .negative),
        ("I've been waiting forever", .negative),
        ("this is the worst company ever", .negative),
        ("this is a scam and I'm calling my lawyer", .negative),
        ("cancel my account", .negative),
        ("I'm really frustrated", .negative),
        ("terrible, just terrible", .negative),
        ("I'm not happy", .negative),
        ("I never received my package", .negative),
        ("it's still not working", .negative),
        ("I'm sick and tired of this", .negative),
        ("the app keeps crashing and nobody helps", .negative),
        ("WHERE IS MY ORDER", .negative),
        ("the agent was nice but the product is broken", .negative),
        ("it was broken but you fixed it quickly, thanks", .positive),
        ("I've been on hold for an hour", .negative),
        ("I want to speak to a manager", .negative),
    ])
    func label(_ text: String, _ expected: Sentiment.Label) {
        let s = analyzer.analyze(text)
        #expect(s.label == expected, "\(text): \(s.score)")
    }

    @Test func scoreStaysInRange() {
        for text in ["", "!!!", "terrible terrible terrible terrible awful worst scam!!!",
                     "great great great amazing wonderful excellent perfect!!!"] {
            let s = analyzer.analyze(text)
            #expect(s.score >= -1 && s.score <= 1)
        }
        #expect(analyzer.analyze("") == .neutral)
    }

    @Test("negation scope flips", arguments: [
        ("happy", "not happy"),
        ("helpful", "not helpful at all"),
        ("good", "never good"),
        ("satisfied", "I'm not satisfied"),
    ])
    func negation(_ plain: String, _ negated: String) {
        #expect(analyzer.analyze(plain).score > 0)
        #expect(analyzer.analyze(negated).score < 0)
    }

    @Test func atAllIsMoreNegative() {
        #expect(analyzer.analyze("not happy at all").score < analyzer.analyze("not happy").score)
    }

    @Test func notVeryIsMilderThanNot() {
        let notVery = analyzer.analyze("not very happy").score
        let not = analyzer.analyze("not happy").score
        #expect(notVery < 0)
        #expect(notVery > not)
    }

    @Test func negationEndsAtPunctuation() {
        #expect(analyzer.analyze("no, I'm happy").score > 0)
    }

    @Test("intensifiers strengthen", arguments: [
        ("angry", "very angry"), ("angry", "extremely angry"), ("frustrated", "so frustrated"),
        ("happy", "really happy"),
    ])
    func intensifier(_ plain: String, _ stronger: String) {
        #expect(abs(analyzer.analyze(stronger).score) > abs(analyzer.analyze(plain).score))
    }

    @Test("dampeners soften", arguments: [
        ("annoyed", "a bit annoyed"), ("disappointed", "slightly disappointed"), ("upset", "kind of upset"),
    ])
    func dampener(_ plain: String, _ softer: String) {
        #expect(abs(analyzer.analyze(softer).score) < abs(analyzer.analyze(plain).score))
        #expect(analyzer.analyze(softer).score < 0)
    }

    @Test func butWeighsTheSecondPart() {
        #expect(analyzer.analyze("the agent was nice but the product is broken").score < 0)
        #expect(analyzer.analyze("the product is broken but the agent was nice").score > 0)
    }

    @Test func typedEmphasis() {
        #expect(analyzer.analyze("this is TERRIBLE").score < analyzer.analyze("this is terrible").score)
        #expect(analyzer.analyze("this is terrible!!!").score < analyzer.analyze("this is terrible").score)
        #expect(analyzer.analyze("thank you!").score > analyzer.analyze("thank you").score)
    }

    @Test func thresholdsAreDocumentedValues() {
        #expect(SentimentAnalyzer.positiveThreshold == 0.25)
        #expect(SentimentAnalyzer.negativeThreshold == -0.25)
    }
}
