import Foundation
import Testing
@testable import AttendantSpeech

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("My order number is 48213.", "my order number is four eight two one three"),
        ("I can't log in!", "i can't log in"),
        ("'quoted' words, and commas", "quoted words and commas"),
        ("Tom & Jerry 100%", "tom and jerry one zero zero percent"),
        ("It’s fine", "it's fine"),
        ("", ""),
    ])
    func normalizes(_ input: String, _ expected: String) {
        #expect(TextNormalizer.words(input).joined(separator: " ") == expected)
    }
}

@Suite struct NGramModelBuilderTests {
    /// Parses the ARPA text back into log10 probabilities and backoff weights.
    static func parse(_ arpa: String) -> (prob: [[String]: Double], backoff: [[String]: Double], counts: [Int]) {
        var prob: [[String]: Double] = [:], backoff: [[String]: Double] = [:], counts: [Int] = []
        var order = 0
        for line in arpa.split(separator: "\n") {
            if line.hasPrefix("ngram ") { counts.append(Int(line.split(separator: "=")[1])!) ; continue }
            if line.hasPrefix("\\") { order = line.first(where: \.isNumber).flatMap { Int(String($0)) } ?? 0; continue }
            guard order > 0 else { continue }
            let f = line.split(separator: " ")
            let words = f[1...order].map(String.init)
            prob[words] = Double(f[0])!
            if f.count > order + 1 { backoff[words] = Double(f[order + 1])! }
        }
        return (prob, backoff, counts)
    }

    @Test func distributionsSumToOne() {
        var builder = NGramModelBuilder()
        for s in ["where is my order", "where is my parcel", "cancel my order", "my order number is four five",
                  "is my order late", "talk to a person"] {
            builder.add(s.split(separator: " ").map(String.init))
        }
        let (prob, backoff, counts) = Self.parse(builder.arpa())
        #expect(counts.count == 3)
        #expect(counts[0] == builder.vocabulary.count + 2)  // + <s>, </s>
        let vocab = builder.vocabulary + ["</s>"]
        func p(_ ngram: [String]) -> Double {
            if let lp = prob[ngram] { return pow(10, lp) }
            if ngram.count == 1 { return 0 }
            return pow(10, backoff[Array(ngram.dropLast())] ?? 0) * p(Array(ngram.dropFirst()))
        }
        for history in [["<s>"], ["my"], ["where", "is"], ["my", "order"], ["talk"], ["<s>", "where"], ["person"]] {
            let total = vocab.reduce(0.0) { $0 + p(history + [$1]) }
            #expect(abs(total - 1) < 1e-3, "history \(history) sums to \(total)")
        }
        // Seen continuations beat unseen ones.
        #expect(p(["where", "is", "my"]) > p(["where", "is", "talk"]))
    }

    @Test func emptyBuilderHasNoVocabulary() {
        #expect(NGramModelBuilder().vocabulary.isEmpty)
    }
}

@Suite struct PronunciationTests {
    @Test(arguments: [
        ("z_'E_n_d_E_s_k", ["Z", "EH", "N", "D", "EH", "S", "K"]),
        ("tS_'3:_tS", ["CH", "ER", "CH"]),
        ("k_'a_n_s_@L", ["K", "AE", "N", "S", "AH", "L"]),
        ("T_'3:_t#_i_", ["TH", "ER", "T", "IY"]),
        ("'aI f_'oU_n", ["AY", "F", "OW", "N"]),
    ])
    func mapsEspeakPhonemes(_ espeak: String, _ cmu: [String]) {
        #expect(EspeakPhonemeMapper.cmuPhones(fromEspeak: espeak) == cmu)
    }

    @Test func espeakAgreesWithTheCMUDictionaryOnCommonWords() async throws {
        let dictionary = try PronunciationDictionary(contentsOfFile: AcousticSettings.debianDictionary)
        let words = ["order", "delivery", "refund", "password", "account", "cancel", "address", "payment",
                     "shipping", "return", "customer", "service", "number", "thank", "please", "invoice",
                     "package", "tracking", "email", "broken", "money", "agent", "person", "today", "help"]
        var closeEnough = 0
        for word in words {
            let phones = EspeakPhonemeMapper.cmuPhones(fromEspeak: try await EspeakEngine.shared.phonemes(for: word))
            let reference = dictionary.pronunciations(of: word)!
            // Allow one phone of difference (unstressed vowels differ between the two).
            let best = reference.map { WordErrorRate.editDistance($0, phones) }.min()!
            if best <= 1 { closeEnough += 1 }
        }
        #expect(closeEnough >= words.count * 8 / 10, "\(closeEnough) of \(words.count) within one phone")
    }

    @Test func malformedDictionaryLineIsReportedWithFileAndLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).dict")
        try "hello HH AH L OW\nbroken\nworld W ER L D\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: SpeechError(.pronunciation, "\(url.path):2: expected `word PHONE PHONE …`, found `broken`")) {
            _ = try PronunciationDictionary(contentsOfFile: url.path)
        }
        try "hello HH AH L QQ\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: SpeechError.self) { _ = try PronunciationDictionary(contentsOfFile: url.path) }
    }

    @Test func brandNamesGetPronunciations() async throws {
        let settings = try AcousticSettings.load(directory: SpeechTestSupport.acousticDirectory)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(UUID())")
        let model = try await DomainLanguageModel.build(
            phrases: ["I use Zendesk and Shopify", "pay with PayPal"], acoustic: settings, directory: dir,
            includeGenericVocabulary: false)
        #expect(model.derivedPronunciations["zendesk"] != nil)
        #expect(model.derivedPronunciations["shopify"] != nil)
        #expect(model.derivedPronunciations["paypal"] == nil, "extra.dict provides paypal")
        let dict = try String(contentsOfFile: model.dictionaryPath, encoding: .utf8)
        #expect(dict.contains("paypal P EY P AE L"))
        #expect(model.vocabulary == ["and", "i", "pay", "paypal", "shopify", "use", "with", "zendesk"])
    }
}

@Suite struct AcousticSettingsTests {
    @Test func readsTheProjectFolder() throws {
        let settings = try AcousticSettings.load(directory: SpeechTestSupport.acousticDirectory)
        #expect(settings.modelPath == AcousticSettings.debianModel)
        #expect(settings.extraDictionaryPath?.hasSuffix("extra.dict") == true)
    }

    @Test func malformedParamsNameFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ac-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "# ok\n-beam 1e-48\nbeam\n".write(to: dir.appendingPathComponent("acoustic.params"), atomically: true, encoding: .utf8)
        #expect(throws: SpeechError(.configuration, "\(dir.path)/acoustic.params:3: expected `-flag value`, found `beam`")) {
            _ = try AcousticSettings.load(directory: dir.path)
        }
        try "-hmm missing-model\n".write(to: dir.appendingPathComponent("acoustic.params"), atomically: true, encoding: .utf8)
        #expect(throws: SpeechError.self) { _ = try AcousticSettings.load(directory: dir.path) }
    }

    @Test func missingFolderGivesDebianDefaults() throws {
        #expect(try AcousticSettings.load(directory: "/nonexistent-acoustic") == AcousticSettings())
    }
}

