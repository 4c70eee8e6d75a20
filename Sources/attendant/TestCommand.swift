import ArgumentParser
import AttendantAudio
import AttendantDialogue
import AttendantEngine
import AttendantSpeech
import AttendantTesting
import Foundation

/// `attendant test DIR`: runs scenario files (see ``Scenario``) through the engine, prints
/// a pass/fail summary and writes JUnit XML for CI systems. WAV turns go through the
/// endpointer and the recognizer like a call; typed turns go straight to the dialogue.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run scenario files (YAML conversations with expectations); JUnit XML for CI.")

    @Argument(help: "A folder of scenario files (*.yaml), or scenario files.")
    var paths: [String] = ["prompts/scenarios"]

    @OptionGroup var speech: SpeechOptions
    @OptionGroup var dialogue: DialogueOptions

    @Option(name: .long, help: "Write JUnit XML here.")
    var junit: String = "test-results/attendant.xml"

    @Flag(name: .long, help: "Start the built-in fake order backend (the sample flows' webhooks) and use it.")
    var fakeBackend = false

    @Flag(name: .long, help: "Print every turn, not only failures.")
    var verbose = false

    func run() async throws {
        let files = try scenarioFiles()
        var scenarios: [Scenario] = []
        var broken = 0
        for file in files {
            let (scenario, problems) = Scenario.load(file: file)
            problems.forEach { Console.error($0.description) }
            if let scenario { scenarios.append(scenario) } else { broken += 1 }
        }
        var backend: FakeBackend?
        if fakeBackend { backend = try await FakeBackend() }
        defer { backend?.stop() }
        var options = dialogue
        if let backend { options.backend = backend.url }
        let model = try options.loadModel(prompts: speech.prompts ?? "prompts")
        let needsSpeech = scenarios.contains { $0.turns.contains { if case .wav = $0.input { true } else { false } } }
        let recognizer: PocketSphinxRecognizer? = needsSpeech ? try await speech.makeRecognizer(bundle: model.bundle) : nil
        let store = try options.openStore()

        var results: [ScenarioResult] = []
        for scenario in scenarios {
            let began = ContinuousClock.now
            let runner = ConversationRunner(model: model, store: store, channel: .test, caller: scenario.caller, webhooks: options.webhooks())
            _ = await runner.start()
            var failures: [String] = []
            for (index, turn) in scenario.turns.enumerated() {
                let input: CallerInput
                var context = ConversationRunner.TurnContext()
                switch turn.input {
                case .text(let text): input = .text(text)
                case .keys(let keys): input = .dtmf(keys)
                case .silence: input = .noInput
                case .wav(let path):
                    do {
                        let audio = try WAVFile.read(contentsOf: URL(fileURLWithPath: path))
                        let heard = try await recognizer!.recognize(audio)
                        context.asrConfidence = heard.confidence
                        input = heard.text.isEmpty ? .noInput : .speech(heard.text, confidence: heard.confidence, alternatives: heard.alternatives.map(\.text))
                    } catch {
                        failures.append("turn \(index + 1) (\(turn.location.file):\(turn.location.line)): \(path): \(error)")
                        continue
                    }
                }
                let outcome = await runner.handle(input, context: context)
                let problems = turn.expect.failures(outcome.result, variables: runner.session.variables, ticketCreated: outcome.ticket != nil)
                if verbose { print(TurnPrinter.describe(outcome.result, asrConfidence: outcome.asrConfidence, ticket: outcome.ticket?.displayID)) }
                failures += problems.map { "turn \(index + 1) (\(turn.location.file):\(turn.location.line)): \($0)" }
            }
            if !runner.isEnded { await runner.end(outcome: .completed) }
            let elapsed = ContinuousClock.now - began
            results.append(ScenarioResult(scenario: scenario, failures: failures,
                                          seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            print("\(failures.isEmpty ? "PASS" : "FAIL")  \(scenario.name)  (\(URL(fileURLWithPath: scenario.file).lastPathComponent))")
            for failure in failures { print("      \(failure)") }
        }
        let failed = results.filter { !$0.failures.isEmpty }.count
        print("\n\(results.count - failed) passed, \(failed) failed\(broken > 0 ? ", \(broken) could not be read" : "") — \(results.map { $0.scenario.turns.count }.reduce(0, +)) turns")
        try writeJUnit(results)
        print("JUnit XML: \(junit)")
        if failed > 0 || broken > 0 { throw ExitCode(1) }
    }

    func scenarioFiles() throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        if files.isEmpty { throw ValidationError("no scenario files (*.yaml) in \(paths.joined(separator: ", "))") }
        return files
    }

    struct ScenarioResult {
        var scenario: Scenario
        var failures: [String]
        var seconds: Double
    }

    func writeJUnit(_ results: [ScenarioResult]) throws {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let failed = results.filter { !$0.failures.isEmpty }.count
        let total = results.map(\.seconds).reduce(0, +)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(results.count)\" failures=\"\(failed)\" time=\"\(String(format: "%.3f", total))\">\n"
        xml += "  <testsuite name=\"attendant scenarios\" tests=\"\(results.count)\" failures=\"\(failed)\" time=\"\(String(format: "%.3f", total))\">\n"
        for result in results {
            let file = URL(fileURLWithPath: result.scenario.file).lastPathComponent
            xml += "    <testcase classname=\"\(escape(file))\" name=\"\(escape(result.scenario.name))\" time=\"\(String(format: "%.3f", result.seconds))\""
            if result.failures.isEmpty {
                xml += "/>\n"
            } else {
                xml += ">\n      <failure message=\"\(escape(result.failures[0]))\">\(escape(result.failures.joined(separator: "\n")))</failure>\n    </testcase>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        let url = URL(fileURLWithPath: junit)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(xml.utf8).write(to: url)
    }
}
