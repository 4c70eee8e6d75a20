import ArgumentParser
import AttendantAudio
import AttendantDialogue
import AttendantEngine
import AttendantSpeech
import AttendantStore
import Foundation

/// `attendant pipe`: one whole spoken conversation through the real engine — endpointer,
/// recognizer, dialogue, synthesizer, store — from WAV files, one caller turn each (a
/// single WAV with pauses is split into turns by the endpointer).
struct PipeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipe",
        abstract: "Run a spoken conversation from WAV files (one caller turn each) through the whole engine.")

    @OptionGroup var speech: SpeechOptions
    @OptionGroup var dialogue: DialogueOptions

    @Option(name: .long, help: "Write the engine's replies here as reply-NN.wav (00 is the greeting).")
    var out: String?

    @Option(name: .long, help: "espeak-ng voice of the engine.")
    var voice: String = "en-us"

    @Option(name: .long, help: "The caller's number or id (for the ticket).")
    var caller: String?

    @Flag(name: .long, help: "One JSON object per caller turn: transcript, asr_confidence, intent, intent_confidence, slots, sentiment, reply, action, ticket.")
    var json = false

    @Argument(help: "WAV files, one caller turn each (a silent file is a no-input turn).")
    var files: [String]

    struct Line: Encodable {
        struct Mood: Encodable { var label: String; var score: Double }
        var turn: Int
        var file: String
        var transcript: String?
        var asr_confidence: Double?
        var intent: String?
        var intent_confidence: Double?
        var slots: [String: String]
        var sentiment: Mood?
        var reply: String
        var action: String
        var ticket: String?
        var state: String?

        enum CodingKeys: String, CodingKey {
            case turn, file, transcript, asr_confidence, intent, intent_confidence, slots, sentiment, reply, action, ticket, state
        }

        /// Every key is always there; what a turn does not have is `null`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(turn, forKey: .turn)
            try container.encode(file, forKey: .file)
            try container.encode(transcript, forKey: .transcript)
            try container.encode(asr_confidence, forKey: .asr_confidence)
            try container.encode(intent, forKey: .intent)
            try container.encode(intent_confidence, forKey: .intent_confidence)
            try container.encode(slots, forKey: .slots)
            try container.encode(sentiment, forKey: .sentiment)
            try container.encode(reply, forKey: .reply)
            try container.encode(action, forKey: .action)
            try container.encode(ticket, forKey: .ticket)
            try container.encode(state, forKey: .state)
        }
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one WAV file") }
    }

    func run() async throws {
        let prompts = speech.prompts ?? "prompts"
        let model = try dialogue.loadModel(prompts: prompts)
        let recognizer = try await speech.makeRecognizer(bundle: model.bundle)
        let store = try dialogue.openStore()
        let runner = ConversationRunner(model: model, store: store, channel: .pipe, caller: caller, webhooks: dialogue.webhooks())
        let voice = ReplyVoice(synthesizer: PromptCache(EspeakSynthesizer()), voice: self.voice, sampleRate: 16000)
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }

        let greeting = await runner.start()
        try await write(greeting.result, number: 0, voice: voice)
        if !json { print("bot:    \(greeting.result.replyText)") }

        // The caller's turns: each file one turn; a single file is split at its pauses.
        var turns: [(file: String, audio: PCMBuffer?)] = []
        var failures = 0
        for file in files {
            do {
                let audio = try WAVFile.read(contentsOf: URL(fileURLWithPath: file))
                if files.count == 1 {
                    let parts = UtteranceSplitter().utterances(in: audio)
                    turns += parts.isEmpty ? [(file, nil)] : parts.map { (file, $0) }
                } else {
                    turns.append((file, UtteranceSplitter().utterances(in: audio).isEmpty ? nil : audio))
                }
            } catch {
                failures += 1
                Console.error("\(file): \(error)")
            }
        }

        var number = 0
        for (file, audio) in turns where !runner.isEnded {
            number += 1
            var input = CallerInput.noInput
            var context = ConversationRunner.TurnContext(audioPath: file)
            if let audio {
                let began = ContinuousClock.now
                let heard = try await recognizer.recognize(audio)
                let asr = ContinuousClock.now - began
                context.asrConfidence = heard.confidence
                context.speechMilliseconds = audio.duration * 1000
                context.asrMilliseconds = Double(asr.components.attoseconds) / 1e15 + Double(asr.components.seconds) * 1000
                input = heard.text.isEmpty ? .noInput : .speech(heard.text, confidence: heard.confidence, alternatives: heard.alternatives.map(\.text))
            }
            let outcome = await runner.handle(input, context: context)
            if let problem = outcome.storeError { Console.error("store: \(problem)") }
            try await write(outcome.result, number: number, voice: voice)
            report(outcome, number: number, file: file)
        }
        if !runner.isEnded { await runner.end(outcome: .abandoned) }
        if failures > 0 { throw ExitCode(1) }
    }

    func write(_ result: TurnResult, number: Int, voice: ReplyVoice) async throws {
        guard let out, !result.reply.isEmpty else { return }
        let audio = try await voice.audio(for: result.reply)
        let url = URL(fileURLWithPath: out).appendingPathComponent(String(format: "reply-%02d.wav", number))
        try WAVFile.write(audio, to: url)
    }

    func report(_ outcome: ConversationRunner.Outcome, number: Int, file: String) {
        let result = outcome.result
        let line = Line(turn: number, file: file, transcript: result.input?.utterance, asr_confidence: outcome.asrConfidence,
                        intent: result.intent?.intent, intent_confidence: result.intent?.confidence,
                        slots: Dictionary(result.entities.map { ($0.slot, $0.value) }, uniquingKeysWith: { first, _ in first }),
                        sentiment: result.sentiment.map { Line.Mood(label: $0.label.rawValue, score: $0.score) },
                        reply: result.replyText, action: result.action.rawValue, ticket: outcome.ticket?.displayID,
                        state: result.state?.description)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: (try? encoder.encode(line)) ?? Data(), as: UTF8.self))
            return
        }
        print(TurnPrinter.describe(result, asrConfidence: outcome.asrConfidence, ticket: outcome.ticket?.displayID))
    }
}
