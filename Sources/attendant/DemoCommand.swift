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
        let options = try SpeechOptions.parse(["--prompts", prompts] + (acoustic.map { ["--acoustic", $0] } ?? []))
        let questions = try DomainLanguageModel.phrases(fromFile: URL(fileURLWithPath: prompts).appendingPathComponent("demo.txt").path)
        print("Loading the recognizer (phrases from \(prompts)/phrases.txt)…")
        let recognizer = try await options.makeRecognizer()
        let synthesizer = EspeakSynthesizer()
        for question in questions {
            let wide = try await synthesizer.synthesizeAll(SynthesisRequest(text: question, voice: voice, sampleRate: 16000))
            // What a G.711 µ-law telephone line delivers: 8 kHz, companded.
            let narrowRate = try Resampler.resample(wide, to: 8000)
            let narrow = PCMBuffer(samples: G711.muLawDecode(G711.muLawEncode(narrowRate.samples)), sampleRate: 8000)
            print("\ncaller said:  \(question)")
            for (label, audio) in [("16 kHz", wide), ("8 kHz G.711", narrow)] {
                let result = try await recognizer.recognize(audio)
                print("heard (\(label)): \(result.text)   [confidence \(String(format: "%.2f", result.confidence))]")
            }
        }
    }
}
