import ArgumentParser
import AttendantAudio
import AttendantDialogue
import AttendantEngine
import AttendantSpeech
import AttendantTesting
import Foundation

/// `attendant demo` (what `make run` starts until the SIP server exists): speaks sample
/// caller questions with espeak-ng, recognizes them as a wideband (16 kHz) line and as a
/// telephone (8 kHz G.711) line would deliver them, and prints what was heard.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Speak sample caller questions, recognize them, print what was heard.")

    @Option(name: .long, help: "The prompts folder (phrases.txt biases recognition; demo.txt holds the questions).")
    var prompts: String = "prompts"

    @Option(name: .long, help: "The acoustic folder.")
    var acoustic: String?

    @Option(name: .long, help: "espeak-ng voice of the caller.")
    var voice: String = "en-us+m3"

    func run() async throws {
        let (options, questions) = try setup()
        // The sample flows' order system: the built-in fake one, so order questions work.
        let backend = try await FakeBackend()
        defer { backend.stop() }
        let model = try DialogueOptions.parse(["--backend", backend.url]).loadModel(prompts: prompts)
        print("Loading the recognizer (phrases from \(prompts)/: intents, knowledge, phrases.txt)…")
        let recognizer = try await options.makeRecognizer(bundle: model.bundle)
        for question in questions {
            print("\ncaller said:  \(question)")
            var heardOnPhone = ""
            for line in SyntheticCaller.Line.allCases {
                let heard = try await Self.hear(question, voice: voice, line: line, recognizer: recognizer)
                print("heard (\(line.rawValue)): \(heard.text)   [confidence \(String(format: "%.2f", heard.confidence))]")
                if line == .telephone { heardOnPhone = heard.text }
            }
            // What the engine answers to what it heard on the phone line.
            var session = DialogueSession(model: model, webhooks: HTTPWebhookClient())
            _ = await session.start()
            let turn = await session.handle(.speech(heardOnPhone, confidence: nil))
            print("understood:   \(turn.intent?.intent ?? "out of scope") (\(String(format: "%.2f", turn.intent?.confidence ?? 0)))"
                  + (turn.entities.isEmpty ? "" : " " + turn.entities.map { "\($0.slot)=\($0.value)" }.joined(separator: " ")))
            print("attendant:    \(turn.replyText)   [\(turn.action.rawValue)]")
        }
    }

    /// The speech options and the questions to ask.
    func setup() throws -> (SpeechOptions, [String]) {
        let options = try SpeechOptions.parse(["--prompts", prompts] + (acoustic.map { ["--acoustic", $0] } ?? []))
        let file = URL(fileURLWithPath: prompts).appendingPathComponent("demo.txt").path
        return (options, try DomainLanguageModel.phrases(fromFile: file))
    }

    /// Speaks `question` as a caller on `line` would deliver it and recognizes it.
    static func hear(_ question: String, voice: String, line: SyntheticCaller.Line,
                     recognizer: PocketSphinxRecognizer) async throws -> RecognitionResult {
        let caller = SyntheticCaller(voices: [voice], speeds: [165])
        return try await recognizer.recognize(try await caller.utterance(question, index: 0, line: line))
    }
}
