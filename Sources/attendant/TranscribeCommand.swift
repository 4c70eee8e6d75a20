import ArgumentParser
import AttendantAudio
import AttendantSpeech
import Foundation

/// `attendant transcribe`: recognizes WAV files, loading the models once.
struct TranscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Recognize WAV files (PCM16, u-law or A-law; any rate; stereo is mixed to mono).")

    @OptionGroup var speech: SpeechOptions

    @Flag(name: .long, help: "One JSON object per line: file, text, confidence, words, audio_seconds, decode_seconds.")
    var json = false

    @Option(name: .long, help: "Files decoded at once (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Argument(help: "WAV files.")
    var files: [String]

    struct Line: Encodable {
        struct Word: Encodable { var word: String; var start: Double; var end: Double }
        var file: String
        var text: String
        var confidence: Double
        var words: [Word]
        var audio_seconds: Double
        var decode_seconds: Double
    }

    func run() async throws {
        let recognizer = try await speech.makeRecognizer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failures = 0
        // Decode up to `jobs` files at once; print in the order given.
        try await withThrowingTaskGroup(of: (Int, Result<Line, any Error>).self) { group in
            var next = 0
            var pending: [Int: Result<Line, any Error>] = [:]
            var printed = 0
            func launch(_ i: Int) {
                let file = files[i]
                group.addTask { (i, await Result { try await Self.transcribe(file, recognizer) }) }
            }
            while next < min(max(1, jobs), files.count) { launch(next); next += 1 }
            while let (i, result) = try await group.next() {
                pending[i] = result
                if next < files.count { launch(next); next += 1 }
                while let ready = pending.removeValue(forKey: printed) {
                    switch ready {
                    case .success(let line):
                        if json {
                            print(String(decoding: try encoder.encode(line), as: UTF8.self))
                        } else {
                            print("\(line.file)\t\(line.text)\t(confidence \(String(format: "%.2f", line.confidence)))")
                        }
                    case .failure(let error):
                        failures += 1
                        FileHandle.standardError.write(Data("attendant: \(files[printed]): \(Self.describe(error))\n".utf8))
                    }
                    printed += 1
                }
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    static func transcribe(_ file: String, _ recognizer: PocketSphinxRecognizer) async throws -> Line {
        let audio = try WAVFile.read(contentsOf: URL(fileURLWithPath: file))
        let clock = ContinuousClock()
        var result: RecognitionResult!
        let elapsed = try await clock.measure { result = try await recognizer.recognize(audio) }
        return Line(file: file, text: result.text, confidence: result.confidence,
                    words: result.words.map { .init(word: $0.word, start: $0.start, end: $0.end) },
                    audio_seconds: audio.duration, decode_seconds: elapsed.seconds)
    }

    /// An error's own message (file names included by the layers that raise them).
    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
