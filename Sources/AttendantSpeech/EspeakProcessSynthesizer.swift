import AttendantAudio
import Dispatch
import Foundation

/// ``SpeechSynthesizer`` that runs the `espeak-ng` program once per request.
///
/// The in-process engine carries state from one synthesis to the next (the voice
/// source's phase and pitch flutter), so the same request can come out slightly
/// differently depending on what was said before. A fresh process always gives the same
/// audio: what reproducible test corpora and benchmarks need (synthetic callers), at the
/// cost of a process start per request (~20 ms). Prompts for callers use
/// ``EspeakSynthesizer``.
public struct EspeakProcessSynthesizer: SpeechSynthesizer {
    public let executable: String

    public init(executable: String = "/usr/bin/espeak-ng") { self.executable = executable }

    public func synthesize(_ request: SynthesisRequest) -> AsyncThrowingStream<PCMBuffer, any Error> {
        AsyncThrowingStream { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do {
                    continuation.yield(try run(request))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }

    private func run(_ request: SynthesisRequest) throws -> PCMBuffer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-v", request.voice, "-s", String(request.rate), "--stdout"] + (request.ssml ? ["-m"] : []) + ["--", request.text]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw SpeechError(.synthesis, "\(executable): cannot start: \(error.localizedDescription)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else {
            throw SpeechError(.synthesis, "\(executable) -v \(request.voice) failed (status \(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let audio = try WAVFile.read(data: data, name: "espeak-ng output").mixedToMono()
        return audio.sampleRate == request.sampleRate ? audio : try Resampler.resample(audio, to: request.sampleRate)
    }
}
