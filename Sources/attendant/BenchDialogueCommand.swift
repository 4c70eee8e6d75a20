import ArgumentParser
import AttendantAudio
import AttendantDialogue
import AttendantEngine
import AttendantSpeech
import AttendantStore
import Foundation

/// `attendant bench dialogue`: the dialogue core's figures on the sample domain.
///
/// - Text turns end to end: held-out caller utterances typed into conversations with
///   the real store (a SQLite file in a temporary folder, one commit per turn) — NLU,
///   entities, sentiment, flow, knowledge and the store, timed per turn. Webhooks answer
///   at once from memory, so the figure is the engine's own time, not a backend's.
/// - Spoken intents: the same utterances spoken by espeak-ng voices never used in
///   development, through 8 kHz G.711, recognized and classified.
struct BenchDialogueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialogue", abstract: "Text turn latency and spoken intent accuracy on the sample domain.")

    @OptionGroup var speech: SpeechOptions

    var prompts: String { speech.prompts ?? "prompts" }

    @Option(name: .long, help: "Held-out caller utterances (JSON Lines: text, intent), or `examples` for the intents' own example phrases.")
    var utterances: String = "Benchmarks/data/spoken-intents.jsonl"

    @Option(name: .long, help: "Text conversations to run (each utterance once per round).")
    var rounds: Int = 20

    @Option(name: .long, parsing: .upToNextOption, help: "espeak-ng voices of the spoken callers (none used in development).")
    var voices: [String] = ["en-us+f2", "en-us+m2", "en-us+m6"]

    @Option(name: .long, parsing: .upToNextOption, help: "Speaking speeds (words per minute).")
    var speeds: [Int] = [165]

    @Flag(name: .long, help: "Only the text figures (no speech).")
    var textOnly = false

    @Flag(name: .long, help: "Print every spoken miss.")
    var verbose = false

    @Flag(name: .long, help: "One JSON object with every figure.")
    var json = false

    /// Each utterance typed into conversations (a new one when the last ended), `rounds`
    /// times; the time of each turn in µs and how many intents were right in the first round.
    func textTurns(_ model: DialogueModel, _ examples: [IntentExample], store: (any ConversationStore)?) async throws -> ([Double], Int) {
        var turnMicroseconds: [Double] = []
        var correct = 0
        for round in 0..<max(1, rounds) {
            var runner = ConversationRunner(model: model, store: store, channel: .test, webhooks: InstantBackend())
            _ = await runner.start()
            for example in examples {
                if runner.isEnded {
                    runner = ConversationRunner(model: model, store: store, channel: .test, webhooks: InstantBackend())
                    _ = await runner.start()
                }
                let began = ContinuousClock.now
                let outcome = await runner.handle(.text(example.text))
                let elapsed = ContinuousClock.now - began
                turnMicroseconds.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
                if round == 0, outcome.result.intent?.intent == example.intent { correct += 1 }
                if let problem = outcome.storeError { throw ValidationError("store: \(problem)") }
            }
        }
        return (turnMicroseconds, correct)
    }

    /// Answers the sample flows' webhooks at once (the bench measures the engine, not a backend).
    struct InstantBackend: WebhookClient {
        func send(_ request: WebhookRequest) async throws -> [String: String] {
            ["status": "shipped", "ship_date": "Monday, November 23", "eta": "Friday, November 27",
             "result": "cancelled", "refund_days": "5"]
        }
    }

    func run() async throws {
        let model = try DialogueOptions.parse([]).loadModel(prompts: prompts)
        let examples = utterances == "examples" ? model.bundle.trainingExamples : try IntentEvaluation.load(utterances)
        var figures: [String: Double] = [:]

        // Text turns through the runner, without and with a real SQLite file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-dialogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("attendant.sqlite").path)
        let (dialogueOnly, _) = try await textTurns(model, examples, store: nil)
        let (turnMicroseconds, textCorrect) = try await textTurns(model, examples, store: store)
        figures["text_turns"] = Double(turnMicroseconds.count)
        figures["dialogue_turn_us_p50"] = percentile(dialogueOnly, 0.5)
        figures["dialogue_turn_us_p99"] = percentile(dialogueOnly, 0.99)
        figures["text_turn_us_p50"] = percentile(turnMicroseconds, 0.5)
        figures["text_turn_us_p99"] = percentile(turnMicroseconds, 0.99)
        figures["text_intent_accuracy"] = Double(textCorrect) / Double(examples.count)
        if !json {
            print("text turns, dialogue only (NLU + flow + knowledge): p50 \(format(figures["dialogue_turn_us_p50"]!, 1)) µs, p99 \(format(figures["dialogue_turn_us_p99"]!, 1)) µs")
            print("text turns with the store commit: \(turnMicroseconds.count) turns, "
                  + "p50 \(format(figures["text_turn_us_p50"]!, 1)) µs, p99 \(format(figures["text_turn_us_p99"]!, 1)) µs")
            print("intent accuracy on \(examples.count) held-out typed utterances: \(format(100 * figures["text_intent_accuracy"]!, 1)) %")
        }

        if !textOnly {
            let recognizer = try await speech.makeRecognizer(bundle: model.bundle)
            let caller = SyntheticCaller(voices: voices, speeds: speeds)
            var correct = 0
            var wer = WordErrorRate()
            for (index, example) in examples.enumerated() {
                let audio = try await caller.utterance(example.text, index: index, line: .telephone)
                let heard = try await recognizer.recognize(audio)
                _ = wer.add(reference: example.text, hypothesis: heard.text)
                let predicted = model.interpret(heard.text, alternatives: heard.alternatives.map(\.text)).prediction.intent
                if predicted == example.intent {
                    correct += 1
                } else if verbose {
                    print("  miss: \"\(example.text)\" heard \"\(heard.text)\" → \(predicted ?? "oos") (expected \(example.intent))")
                }
            }
            figures["spoken_intent_accuracy"] = Double(correct) / Double(examples.count)
            figures["spoken_wer"] = wer.rate
            if !json {
                print("spoken intent accuracy (\(voices.joined(separator: ", ")) at \(speeds.map(String.init).joined(separator: "/")) wpm, 8 kHz G.711): "
                      + "\(format(100 * figures["spoken_intent_accuracy"]!, 1)) % (WER \(format(100 * wer.rate, 1)) %)")
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
