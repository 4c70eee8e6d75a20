import AttendantAudio
import Foundation

/// Real human speech with transcripts: the recordings of Debian's
/// `pocketsphinx-testdata` (LibriVox readings, spoken commands, playing cards, digits).
/// Used by the tests and `attendant bench asr` to check what synthetic voices cannot.
public enum RecordedSpeech {
    public static let folder = "/usr/share/pocketsphinx/test/data"

    /// One recording and what was said.
    public struct Utterance: Sendable {
        public var name: String
        public var transcript: String
        public var audio: PCMBuffer
    }

    /// Every recording with a transcript, at its own rate (16 kHz); empty when the
    /// package is not installed.
    public static func utterances() throws -> [Utterance] {
        var list: [Utterance] = []
        for (sub, prefix) in [("librivox", ""), ("cards", "")] {
            let dir = "\(folder)/\(sub)"
            let transcriptFile = sub == "cards" ? "\(dir)/cards.transcription" : "\(dir)/transcription"
            guard let text = try? String(contentsOfFile: transcriptFile, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let open = line.lastIndex(of: "(") else { continue }
                let id = line[line.index(after: open)...].dropLast()
                let words = line[..<open].replacingOccurrences(of: "<s>", with: "").replacingOccurrences(of: "</s>", with: "")
                let audio = try WAVFile.read(contentsOf: URL(fileURLWithPath: "\(dir)/\(prefix)\(id).wav"))
                list.append(Utterance(name: "\(sub)/\(id)", transcript: words.trimmingCharacters(in: .whitespaces), audio: audio))
            }
        }
        for (file, transcript) in [("goforward.raw", "go forward ten meters"), ("something.raw", "go somewhere and do something"),
                                   ("tidigits/dhd.2934z.raw", "two nine three four zero")] {
            let path = "\(folder)/\(file)"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let samples = data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }.map { Int16(littleEndian: $0) }
            list.append(Utterance(name: file, transcript: transcript, audio: PCMBuffer(samples: samples, sampleRate: 16000)))
        }
        return list
    }

    /// The recording as a G.711 µ-law telephone line delivers it (8 kHz).
    public static func telephone(_ audio: PCMBuffer) throws -> PCMBuffer {
        let narrow = try Resampler.resample(audio.mixedToMono(), to: 8000)
        return PCMBuffer(samples: G711.muLawDecode(G711.muLawEncode(narrow.samples)), sampleRate: 8000)
    }
}
