import ArgumentParser
import AttendantAudio
import AttendantSpeech
import Foundation

/// `attendant say`: speaks text into a WAV file.
struct SayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "say", abstract: "Speak text into a WAV file with espeak-ng.")

    @Argument(help: "The text (or SSML with --ssml).")
    var text: String

    @Option(name: .long, help: "Output WAV file.")
    var out: String

    @Option(name: .long, help: "Sample rate in Hz (8000 for telephone lines).")
    var rate: Int = 16000

    @Option(name: .long, help: "espeak-ng voice (en-us, en, en-us+f3, …).")
    var voice: String = "en-us"

    @Option(name: .long, help: "Speaking speed in words per minute (80–450).")
    var speed: Int = 175

    @Flag(name: .long, help: "The text is SSML.")
    var ssml = false

    @Option(name: .long, help: "Sample encoding: pcm16, ulaw or alaw.")
    var encoding: EncodingChoice = .pcm16

    enum EncodingChoice: String, ExpressibleByArgument, CaseIterable { case pcm16, ulaw, alaw }

    func validate() throws {
        guard [8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000].contains(rate) else {
            throw ValidationError("--rate \(rate): expected one of 8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000")
        }
    }

    func run() async throws {
        let audio = try await EspeakSynthesizer().synthesizeAll(
            SynthesisRequest(text: text, ssml: ssml, voice: voice, rate: speed, sampleRate: rate))
        let wavEncoding: WAVEncoding = switch encoding { case .pcm16: .pcm16; case .ulaw: .muLaw; case .alaw: .aLaw }
        try WAVFile.write(audio, to: URL(fileURLWithPath: out), encoding: wavEncoding)
        print("\(out): \(String(format: "%.2f", audio.duration)) s at \(rate) Hz")
    }
}
