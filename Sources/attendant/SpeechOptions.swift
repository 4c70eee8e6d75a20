import ArgumentParser
import AttendantSpeech
import Foundation

/// Options shared by the commands that recognize speech.
struct SpeechOptions: ParsableArguments {
    @Option(name: .long, help: "Bias recognition toward these phrases (a file, one phrase per line).")
    var phrases: String?

    @Option(name: .long, help: "Take the phrases from this prompts folder (its phrases.txt).")
    var prompts: String?

    @Option(name: .long, help: "The acoustic folder (model, extra.dict, narrowband adaptation).")
    var acoustic: String = "acoustic"

    @Option(name: .long, help: "Language model: interpolated (domain + generic, default), domain, or generic.")
    var lm: LanguageModelChoice = .interpolated

    @Option(name: .long, help: "Weight of the domain model when interpolating (0…1).")
    var domainWeight: Float = 0.9

    @Flag(name: .long, help: "Do not apply the narrowband adaptation to 8 kHz input.")
    var noNarrowbandAdaptation = false

    enum LanguageModelChoice: String, ExpressibleByArgument, CaseIterable { case interpolated, domain, generic }

    /// Phrases from --phrases and --prompts.
    func loadPhrases() throws -> [String] {
        var list: [String] = []
        if let phrases { list += try DomainLanguageModel.phrases(fromFile: phrases) }
        if let prompts { list += try DomainLanguageModel.phrases(fromFile: URL(fileURLWithPath: prompts).appendingPathComponent("phrases.txt").path) }
        return list
    }

    func recognizerConfiguration() throws -> RecognizerConfiguration {
        let settings = FileManager.default.fileExists(atPath: acoustic)
            ? try AcousticSettings.load(directory: acoustic) : AcousticSettings()
        let mode: RecognizerConfiguration.LanguageModel = switch lm {
        case .interpolated: .interpolated(domainWeight: domainWeight)
        case .domain: .domain
        case .generic: .generic
        }
        return RecognizerConfiguration(acoustic: settings, phrases: try loadPhrases(), languageModel: mode,
                                       narrowbandAdaptation: !noNarrowbandAdaptation)
    }

    func makeRecognizer() async throws -> PocketSphinxRecognizer {
        try await PocketSphinxRecognizer(configuration: try recognizerConfiguration())
    }
}
