import AttendantDialogue
import AttendantTesting
import Foundation
import Testing

/// The CLINC150 slice kept with the tests (`Fixtures/intents/`, see its README).
enum NLUTestData {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repository.appendingPathComponent("Tests/AttendantDialogueTests/Fixtures/intents").path

    static func load(_ name: String) throws -> [IntentExample] {
        let path = directory + "/" + name
        try #require(FileManager.default.fileExists(atPath: path), "test data missing: \(path)")
        return try IntentEvaluation.load(path)
    }

    static func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nlu-\(UUID()).jsonl").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Loading benchmark files, splitting them, and the metrics.
@Suite struct NLUEvaluationTests {
    @Test func jsonLinesLoadAndBadLinesNameTheirLine() throws {
        let good = try NLUTestData.temporaryFile("""
            {"text": "where is my order", "intent": "order_status"}

            {"text": "sing a song", "intent": "oos"}
            """)
        #expect(try IntentEvaluation.load(good) == [IntentExample(text: "where is my order", intent: "order_status"),
                                                     IntentExample(text: "sing a song", intent: "oos")])
        let cases: [(String, String)] = [
            ("{\"text\": \"a\", \"intent\": \"x\"}\n{\"text\": \"b\", \"intent\": \"y\"", ":2: not valid JSON"),
            ("{\"text\": \"a\", \"intent\": \"x\"}\n\n[1, 2]", ":3: expected an object {\"text\": ..., \"intent\": ...}"),
            ("{\"intent\": \"x\"}", ":1: missing \"text\""),
            ("{\"text\": \"a\"}", ":1: missing \"intent\""),
            ("{\"text\": 5, \"intent\": \"x\"}", ":1: \"text\" is not a string"),
            ("{\"text\": \"a\", \"intent\": \"\"}", ":1: \"intent\" is empty"),
            ("{\"text\": \"?!\", \"intent\": \"x\"}", ":1: \"text\" has no words"),
            ("\n\n", ": no examples"),
        ]
        for (contents, message) in cases {
            let path = try NLUTestData.temporaryFile(contents)
            do {
                _ = try IntentEvaluation.load(path)
                Issue.record("\(contents) loaded")
            } catch {
                #expect(error.message == path + message + (message.hasSuffix("JSON") ? ": {\"text\": \"b\", \"intent\": \"y\"" : ""),
                        "\(error.message)")
                #expect(error.message.hasPrefix(path))
            }
        }
        #expect(throws: NLUError.self) { try IntentEvaluation.load("/nonexistent/file.jsonl") }
    }

    @Test func holdoutIsStratifiedAndRepeatable() {
        let examples = (0..<100).map { IntentExample(text: "phrase \($0)", intent: $0 % 4 == 0 ? "a" : "b") }
        let (train, test) = IntentEvaluation.holdout(examples, fraction: 0.1, seed: 42)
        #expect(train.count + test.count == 100)
        #expect(test.filter { $0.intent == "a" }.count == 3)  // 25 × 0.1 rounded
        #expect(test.filter { $0.intent == "b" }.count == 8)  // 75 × 0.1 rounded
        #expect(Set(train).isDisjoint(with: Set(test)))
        #expect(IntentEvaluation.holdout(examples, fraction: 0.1, seed: 42).test == test)
        #expect(IntentEvaluation.holdout(examples, fraction: 0.1, seed: 7).test != test)
    }

    @Test func metricsCountOutOfScopeAsAClass() {
        let gold = ["a", "a", "b", "b", "oos", "oos"]
        let predicted: [String?] = ["a", nil, "b", "a", nil, "b"]
        let metrics = IntentMetrics(predicted: predicted, gold: gold)
        #expect(metrics.examples == 6)
        #expect(metrics.inScopeAccuracy == 0.5)
        #expect(metrics.oosRecall == 0.5)
        #expect(metrics.oosPrecision == 0.5)
        // F1: a = 2·(1/2)(1/2)/1 = 0.5, b = 0.5, oos = 0.5.
        #expect(abs(metrics.macroF1 - 0.5) < 1e-12)
        let none = IntentMetrics(predicted: ["a"], gold: ["a"])
        #expect(none.oosRecall == nil && none.oosPrecision == nil && none.inScopeAccuracy == 1)
    }

    @Test func evaluateCommandPrintsOneJSONObjectAndRejectsBadFiles() throws {
        let executable = NLUTestData.repository.appendingPathComponent(".build/debug/attendant").path
        #expect(FileManager.default.isExecutableFile(atPath: executable), "swift build --build-tests builds attendant")
        let lines = NLUClassifierTests.domain.map { "{\"text\": \"\($0.text)\", \"intent\": \"\($0.intent)\"}" }
        let train = try NLUTestData.temporaryFile(lines.joined(separator: "\n"))
        let run = try ToolRun.run(executable, ["nlu", "evaluate", "--train", train, "--holdout", "0.2", "--seed", "1", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["examples", "in_scope_accuracy", "oos_recall", "oos_precision", "macro_f1",
                                     "train_seconds", "classify_us_p50", "classify_us_p99"])
        #expect(object["examples"] as? Int == 10)
        #expect(object["oos_recall"] is NSNull)

        let bad = try NLUTestData.temporaryFile(lines[0] + "\n{\"text\": \"x\"}\n")
        let failed = try ToolRun.run(executable, ["nlu", "evaluate", "--train", train, "--test", bad, "--json"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("\(bad):2: missing \"intent\""), "\(failed.stderr)")
        #expect(failed.output.isEmpty)
    }
}
