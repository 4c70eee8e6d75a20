import Foundation
import AttendantAudio
import AttendantTesting

/// Helpers shared by the audio tests: temporary files and the real tools
/// (sox, espeak-ng) the tests compare against.
enum TestSupport {
    /// A fresh path in the temporary directory.
    static func temporaryURL(_ suffix: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("attendant-audio-\(UUID().uuidString)\(suffix)")
    }

    /// Runs a tool and returns its standard output; throws on a non-zero exit.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        try ToolRun.succeed(tool, arguments)
    }

    /// `text` spoken by espeak-ng (22050 Hz mono), resampled to `sampleRate`.
    static func speech(_ text: String, sampleRate: Int, voice: String = "en-us") throws -> PCMBuffer {
        let url = temporaryURL(".wav")
        defer { try? FileManager.default.removeItem(at: url) }
        try run("espeak-ng", ["-v", voice, "-w", url.path, text])
        return try Resampler.resample(WAVFile.read(contentsOf: url), to: sampleRate)
    }

    /// First and last millisecond where `samples` is within 40 dB of its loudest
    /// 10 ms block: the ground-truth extent of clean speech.
    static func activeExtentMs(_ samples: [Int16], sampleRate: Int) -> (start: Int, end: Int) {
        let block = sampleRate / 100
        let levels = stride(from: 0, to: samples.count - block, by: block).map {
            AudioMath.dBFS(Array(samples[$0..<($0 + block)]))
        }
        let threshold = (levels.max() ?? 0) - 40
        let first = levels.firstIndex { $0 > threshold } ?? 0
        let last = levels.lastIndex { $0 > threshold } ?? 0
        return (first * 10, (last + 1) * 10)
    }
}
