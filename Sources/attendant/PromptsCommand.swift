import ArgumentParser
import AttendantAudio
import AttendantDialogue
import AttendantSpeech
import Foundation

/// `attendant prompts check [DIR]`: validates a prompts folder and prints each problem as
/// `file:line:column: severity: message`; exits 1 when there are errors.
struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts", abstract: "Work with the designer's prompts/ folder.",
        subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate flows, intents, slots, knowledge and audio; print file:line:column: message for each problem.")

        @Argument(help: "The prompts folder.")
        var directory: String = "prompts"

        @Option(name: .long, help: "The acoustic folder (for the pronunciation check).")
        var acoustic: String?

        @Flag(name: .long, help: "Skip checking that the recognizer can pronounce every word callers are expected to say.")
        var noPronunciation = false

        func run() async throws {
            let bundle = PromptsBundle.load(directory: URL(fileURLWithPath: directory))
            var diagnostics = bundle.diagnostics
            diagnostics += Self.checkAudio(bundle)
            if !noPronunciation { diagnostics += try await Self.checkPronunciations(bundle, acoustic: acoustic) }
            diagnostics.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
            for diagnostic in diagnostics { print(diagnostic.description) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            let examples = bundle.intents.values.map(\.examples.count).reduce(0, +)
            let states = bundle.flows.values.map(\.states.count).reduce(0, +)
            FileHandle.standardError.write(Data(("\(directory): \(bundle.intents.count) intents (\(examples) examples), \(bundle.flows.count) flows (\(states) states), "
                + "\(bundle.articles.count) articles, \(bundle.slotTypes.count) slot types — \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n").utf8))
            if errors > 0 { throw ExitCode(1) }
        }

        /// Recorded prompts must be readable WAV files.
        static func checkAudio(_ bundle: PromptsBundle) -> [PromptDiagnostic] {
            var problems: [PromptDiagnostic] = []
            var seen: Set<String> = []
            for flow in bundle.flows.values {
                for state in flow.states.values {
                    for prompt in state.say + state.noInput + state.noMatch {
                        guard let audio = prompt.audio, seen.insert(audio).inserted else { continue }
                        let url = bundle.directory.appendingPathComponent(audio)
                        guard FileManager.default.fileExists(atPath: url.path) else { continue }   // reported by the bundle
                        do {
                            let wav = try WAVFile.read(contentsOf: url)
                            if wav.samples.isEmpty { problems.append(diagnostic(prompt, "audio file `\(audio)` has no samples")) }
                        } catch {
                            problems.append(diagnostic(prompt, "audio file `\(audio)`: \(error)"))
                        }
                    }
                }
            }
            return problems
        }

        static func diagnostic(_ prompt: PromptSpec, _ message: String) -> PromptDiagnostic {
            PromptDiagnostic(file: prompt.location?.file ?? "", line: prompt.location?.line ?? 0, column: prompt.location?.column ?? 0, message: message)
        }

        /// Every word of the example phrases must be pronounceable: in the CMU dictionary
        /// or acoustic/extra.dict (fine), guessed from espeak-ng (a warning naming the
        /// guess), or neither (an error).
        static func checkPronunciations(_ bundle: PromptsBundle, acoustic: String?) async throws -> [PromptDiagnostic] {
            let directory = acoustic ?? (FileManager.default.fileExists(atPath: "acoustic") ? "acoustic" : nil)
            let settings = try directory.map { try AcousticSettings.load(directory: $0) } ?? AcousticSettings()
            var dictionary = try PronunciationDictionary(contentsOfFile: settings.dictionaryPath)
            if let extra = settings.extraDictionaryPath {
                for (word, pronunciations) in try PronunciationDictionary(contentsOfFile: extra).entries { dictionary.set(word, pronunciations) }
            }
            var problems: [PromptDiagnostic] = []
            var checked: Set<String> = []
            for intent in bundle.intents.values.sorted(by: { $0.name < $1.name }) {
                for (index, example) in intent.examples.enumerated() {
                    let location = index < intent.exampleLocations.count ? intent.exampleLocations[index] : intent.location
                    for word in TextNormalizer.words(example) where checked.insert(word).inserted && dictionary.pronunciations(of: word) == nil {
                        let phones = EspeakPhonemeMapper.cmuPhones(fromEspeak: try await EspeakEngine.shared.phonemes(for: word))
                        if phones.isEmpty {
                            problems.append(location.diagnostic("the recognizer cannot pronounce `\(word)`: not in the dictionary and espeak-ng gives no phonemes; add it to acoustic/extra.dict"))
                        } else {
                            problems.append(location.diagnostic("`\(word)` is not in the dictionary; pronounced as guessed from espeak-ng: \(phones.joined(separator: " ")) (add it to acoustic/extra.dict if that is wrong)", severity: .warning))
                        }
                    }
                }
            }
            return problems
        }
    }
}
