import Foundation
import Testing
@testable import AttendantDialogue

/// The fixture folders next to this file.
enum KnowledgeFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/knowledge")
    static var store: URL { root.appendingPathComponent("store") }
    static var broken: URL { root.appendingPathComponent("broken") }

    static func storeBase() -> KnowledgeBase {
        let loaded = KnowledgeLoader.load(directory: store)
        return KnowledgeBase(articles: loaded.articles)
    }
}

@Suite("Knowledge loader")
struct KnowledgeLoaderTests {
    @Test func loadsTheStoreArticlesWithoutProblems() throws {
        let loaded = KnowledgeLoader.load(directory: KnowledgeFixtures.store)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.articles.count == 12)
        #expect(loaded.articles.map(\.id) == loaded.articles.map(\.id).sorted())  // files are read sorted
        let article = try #require(loaded.articles.first { $0.id == "refund-time" })
        #expect(article.title == "How long does a refund take")
        #expect(article.questions.count == 4)
        #expect(article.questions[0] == "when will I get my money back")
        #expect(article.tags == ["returns", "refunds"])
        #expect(article.spoken == "Refunds reach your account within five business days after the return arrives.")
        #expect(article.text.hasPrefix("We refund to the original payment method"))
        #expect(article.text.hasSuffix("two days to show up."))
        #expect(article.file == "knowledge/refund-time.md" || article.file == "store/refund-time.md")
        #expect(article.line == 1)
        // id defaults to the file name
        #expect(loaded.articles.contains { $0.id == "delivery-times" && $0.title == "How long does delivery take" })
    }

    @Test func parsesVariants() throws {
        let loaded = KnowledgeLoader.load(directory: KnowledgeFixtures.store)
        let app = try #require(loaded.articles.first { $0.id == "install-app" })
        #expect(app.variantSlots == ["device"])
        #expect(app.variants["device"]?["iphone"] == KnowledgeAnswer(
            spoken: "On an iPhone, open the App Store and search for Northwind.",
            text: "Open the **App Store**, search for *Northwind* and tap Get."))
        #expect(app.variants["device"]?["android"] == KnowledgeAnswer(
            spoken: "On Android, open Google Play and search for Northwind.", text: nil))
    }

    @Test func variantIsPickedBySlotValue() throws {
        let app = try #require(KnowledgeLoader.load(directory: KnowledgeFixtures.store).articles.first { $0.id == "install-app" })
        let body = "The Northwind app is free on the App Store and on Google Play."
        #expect(app.answer(slots: ["device": "iphone"]) == KnowledgeAnswer(
            spoken: "On an iPhone, open the App Store and search for Northwind.",
            text: "Open the **App Store**, search for *Northwind* and tap Get."))
        // a variant without its own text keeps the body; values compare case-insensitively
        #expect(app.answer(slots: ["device": "Android"]) == KnowledgeAnswer(
            spoken: "On Android, open Google Play and search for Northwind.", text: body))
        #expect(app.answer(slots: ["device": "blackberry"]) == app.mainAnswer)
        #expect(app.answer(slots: [:]) == KnowledgeAnswer(spoken: "Search for Northwind in your phone's app store and install it.", text: body))
        #expect(app.answer(slots: ["order_id": "48213"]) == app.mainAnswer)
    }

    /// Every kind of problem, at the exact line and column of the `.md` file.
    @Test func reportsEachProblemAtItsLine() {
        let loaded = KnowledgeLoader.load(directory: KnowledgeFixtures.broken)
        let found = Set(loaded.diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.message)" })
        func has(_ file: String, _ line: Int, _ column: Int, _ severity: PromptDiagnostic.Severity, _ text: String) {
            let match = loaded.diagnostics.contains {
                $0.file.hasSuffix("/" + file) && $0.line == line && $0.column == column && $0.severity == severity
                    && $0.message.contains(text)
            }
            #expect(match, "expected \(file):\(line):\(column): \(severity): …\(text)… in \(loaded.diagnostics.map(\.description))")
        }
        has("a-good.md", 5, 1, .warning, "unknown field 'author'")
        has("b-no-front-matter.md", 1, 1, .error, "missing front matter")
        has("c-yaml-error.md", 3, 14, .error, "YAML syntax error: mapping values are not allowed")
        has("d-missing-fields.md", 1, 1, .error, "missing title")
        has("d-missing-fields.md", 1, 1, .error, "missing spoken")
        has("d-missing-fields.md", 5, 1, .error, "missing body")
        has("e-wrong-types.md", 3, 12, .error, "questions: expected a list of strings")
        has("e-wrong-types.md", 7, 5, .error, "tags: expected a list of strings")
        has("a-good.md", 2, 1, .error, "duplicate article id 'gift-cards': also used by broken/f-duplicate.md:4")
        has("f-duplicate.md", 4, 1, .error, "duplicate article id 'gift-cards': already used by broken/a-good.md:2")
        has("g-unclosed.md", 1, 1, .error, "front matter is not closed")
        has("h-bad-variant.md", 6, 5, .error, "variants.device.iphone: missing spoken")
        has("h-bad-variant.md", 8, 14, .error, "variants.device.android: expected spoken")
        #expect(found.count == loaded.diagnostics.count, "one diagnostic per place: \(loaded.diagnostics.map(\.description))")
        #expect(loaded.diagnostics.count == 13, "\(loaded.diagnostics.map(\.description))")
        // broken files are skipped, the good one (and the first of a duplicate id) still loads
        #expect(loaded.articles.map(\.id) == ["gift-cards"])
        #expect(loaded.articles.first?.title == "Do you sell gift cards")
    }

    @Test func parseNamesTheFileAndOffsetsYAMLLines() {
        let text = "\n---\ntitle: Hi\nspoken: Hello\nquestions:\n  - one\n  - {two: 2}\n---\nBody\n"
        let parsed = KnowledgeLoader.parse(text: text, file: "knowledge/greeting.md")
        #expect(parsed.article == nil)
        #expect(parsed.diagnostics.map(\.description) == ["knowledge/greeting.md:7:5: error: questions: expected a list of strings"])
        let good = KnowledgeLoader.parse(text: "---\r\ntitle: Hi\r\nspoken: Hello\r\n---\r\nBody\r\n", file: "knowledge/greeting.md")
        #expect(good.diagnostics.isEmpty)
        #expect(good.article == KnowledgeArticle(id: "greeting", title: "Hi", spoken: "Hello", text: "Body",
                                                 file: "knowledge/greeting.md", line: 1))
    }

    @Test func wrongScalarTypesAndDuplicateFields() {
        let parsed = KnowledgeLoader.parse(text: "---\ntitle: [a, b]\nspoken: Hi\nspoken: Again\n---\nBody\n", file: "x.md")
        #expect(parsed.article == nil)
        #expect(parsed.diagnostics.count == 1)
        #expect(parsed.diagnostics.first?.line == 3 || parsed.diagnostics.first?.line == 4)
        #expect(parsed.diagnostics.first?.message.contains("duplicate field 'spoken'") == true)
        let typed = KnowledgeLoader.parse(text: "---\ntitle:\n  a: b\nspoken: Hi\n---\nBody\n", file: "x.md")
        #expect(typed.diagnostics.map(\.description) == ["x.md:3:3: error: title: expected a string"])
    }

    @Test func emptyAndMissingFolders() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kb-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let loaded = KnowledgeLoader.load(directory: empty)
        #expect(loaded.articles.isEmpty)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.severity == .warning)
        let missing = KnowledgeLoader.load(directory: empty.appendingPathComponent("nope"))
        #expect(missing.diagnostics.first?.severity == .error)
    }
}
