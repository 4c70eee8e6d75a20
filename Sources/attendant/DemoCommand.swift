import ArgumentParser
import AttendantAudio
import AttendantSpeech
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
        print("Loading the recognizer (phrases from \(prompts)/phrases.txt)…")
        let recognizer = try await options.makeRecognizer()
        for question in questions {
            print("\ncaller said:  \(question)")
            for line in SyntheticCaller.Line.allCases {
                let heard = try await Self.hear(question, voice: voice, line: line, recognizer: recognizer)
                print("heard (\(line.rawValue)): \(heard.text)   [confidence \(String(format: "%.2f", heard.confidence))]")
            }
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
